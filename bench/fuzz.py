"""The long fuzzing budget: ``python bench/fuzz.py [--examples 3000]``.

CI runs tests/test_fuzz.py with a small budget ("ci" profile); this runs the same properties
with many more generated plans and journals, and prints what pytest prints.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=3000)
    args = parser.parse_args()
    env = {**os.environ, "HYPOTHESIS_PROFILE": "long", "QM_FUZZ_EXAMPLES": str(args.examples)}
    tests = ["tests/test_fuzz.py", "tests/test_schedule.py", "tests/test_report_property.py"]
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", *tests], cwd=ROOT, env=env)
    sys.exit(done.returncode)


if __name__ == "__main__":
    main()
