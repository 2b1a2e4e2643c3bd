"""Start-up cost of ``qm`` as a whole process, beside bare Python and bare imports.

    python bench/startup.py [--runs 15]

Every command runs in a fresh process, once to warm the OS caches and then ``--runs`` times;
the table shows medians and each figure's ratio to the bare import of qm's dependencies, all
measured in this one run so the ratios compare like with like.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "data" / "campaign-2023.yaml"


def qm_command() -> list[str]:
    script = Path(sys.executable).with_name("qm")
    if script.exists():
        return [str(script)]
    found = shutil.which("qm")
    return [found] if found else [sys.executable, "-m", "qualitymonth"]


def median_ms(argv: list[str], runs: int, env: dict[str, str]) -> float:
    subprocess.run(argv, check=True, capture_output=True, env=env, cwd=ROOT)  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env, cwd=ROOT)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    env = {**os.environ, "QM_TODAY": "2023-09-20", "QM_PLAN": str(PLAN)}
    py = sys.executable
    qm = qm_command()
    baseline_label = 'python -c "import typer, rich, pydantic, yaml"'
    rows = [
        ("python -c pass", [py, "-c", "pass"]),
        (baseline_label, [py, "-c", "import typer, rich, pydantic, yaml"]),
        (
            'python -c "import typer, rich.console, rich.table, pydantic, yaml"',
            [py, "-c", "import typer, rich.console, rich.table, pydantic, yaml"],
        ),
        ("qm --help", [*qm, "--help"]),
        ("qm list --dept 质量科", [*qm, "list", "--dept", "质量科"]),
        ("qm list --format json", [*qm, "list", "--format", "json"]),
        ("qm show 5", [*qm, "show", "5"]),
    ]
    results = [(label, median_ms(argv, args.runs, env)) for label, argv in rows]
    baseline = dict(results)[baseline_label]
    width = max(len(label) for label, _ in results)
    print(f"median of {args.runs} runs after a warm-up; ratio to the bare import line")
    print(f"{'command':<{width}}  {'ms':>8}  {'ratio':>6}")
    for label, ms in results:
        print(f"{label:<{width}}  {ms:8.1f}  {ms / baseline:6.2f}")


if __name__ == "__main__":
    main()
