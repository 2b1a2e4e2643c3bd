"""Start-up cost of ``qm`` as a whole process, beside bare Python and bare imports.

    python bench/startup.py [--runs 15]

Every command runs in a fresh process, once to warm the OS caches and qm's plan cache, then
``--runs`` times, all commands taking turns; the table shows medians, each figure's ratio to
the bare import of qm's dependencies (all measured in this one run, so the ratios compare
like with like), and the peak resident memory of one more run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PLAN, base_env, interleaved_ms, peak_mb, qm_command, table

BARE = "import typer, rich.console, rich.table, pydantic, yaml"
#: The line of the plan issue: the packages alone, without Rich's console and table.
LIGHT = "import typer, rich, pydantic, yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    py, qm = sys.executable, qm_command()
    with tempfile.TemporaryDirectory() as tmp:
        plan = Path(tmp) / "campaign-2023.yaml"
        shutil.copyfile(PLAN, plan)
        env = base_env(QM_PLAN=str(plan), QM_CACHE_DIR=str(Path(tmp) / "cache"))
        rows = [
            ("python -c pass", [py, "-c", "pass"]),
            (f'python -c "{BARE}"', [py, "-c", BARE]),
            (f'python -c "{LIGHT}"', [py, "-c", LIGHT]),
            ("qm --help", [*qm, "--help"]),
            ("qm list --dept 质量科", [*qm, "list", "--dept", "质量科"]),
            ("qm report --month 9", [*qm, "report", "--month", "9"]),
            ("qm done 5 --force", [*qm, "done", "5", "--force"]),
        ]
        times = interleaved_ms([argv for _, argv in rows], args.runs, env)
        results = [
            (label, ms, peak_mb(argv, env)) for (label, argv), ms in zip(rows, times, strict=True)
        ]
    bare_ms, bare_mb = results[1][1], results[1][2]
    print(f"median of {args.runs} interleaved runs after a warm-up; ratios to the bare import line")
    print(
        table(
            ["command", "ms", "ratio", "peak MB", "ratio"],
            [
                [label, f"{ms:.1f}", f"{ms / bare_ms:.2f}", f"{mb:.1f}", f"{mb / bare_mb:.2f}"]
                for label, ms, mb in results
            ],
        )
    )


if __name__ == "__main__":
    main()
