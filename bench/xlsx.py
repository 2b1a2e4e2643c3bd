"""What the Excel ledger costs: ``render_report`` beside ``qm report --format md`` on the same data.

    python bench/xlsx.py [--sizes 12 10000] [--runs 5]

Size 12 is the shipped plan with the fixture journal; larger sizes are generated as in
``bench/scale.py`` (10 events per activity).  For each size the report and list documents
come from the real CLI (``--format json``); ``render_report`` is then timed in this process
(openpyxl already imported) and ``qm report --format md`` as a whole process, taking turns,
``--runs`` times after a warm-up; the ratio says how the workbook compares with the whole work
of a report.  When this qm can write ``--format xlsx`` itself, that whole process is timed too.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import base_env, qm_command, report_document, run, sized_plan, table

from qualitymonth.output import xlsx


def _render_s(doc: dict[str, Any]) -> float:
    started = time.perf_counter()
    xlsx.render_report(doc, {})
    return time.perf_counter() - started


def _interleaved_ms(
    doc: dict[str, Any], commands: list[list[str]], runs: int, env: dict[str, str]
) -> list[float]:
    """Median milliseconds of ``render_report`` (in this process) and of each command (as a
    whole process), taking turns after one warm-up round, so that a machine slowing down
    weighs on all of them alike."""
    _render_s(doc)
    for argv in commands:
        run(argv, env)
    times: list[list[float]] = [[] for _ in range(len(commands) + 1)]
    for _ in range(runs):
        times[0].append(_render_s(doc))
        for i, argv in enumerate(commands, 1):
            times[i].append(run(argv, env))
    return [statistics.median(t) * 1000 for t in times]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12, 10_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    qm = qm_command()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            folder = Path(tmp) / str(n)
            folder.mkdir()
            plan, _ = sized_plan(folder, n)
            env = base_env(QM_PLAN=str(plan), QM_CACHE_DIR=str(folder / "cache"))
            doc = report_document(qm, env)
            size = len(xlsx.render_report(doc, {}))
            commands = [[*qm, "report", "--format", "md"]]
            out = folder / "ledger.xlsx"
            xlsx_cli = [*qm, "report", "--format", "xlsx", "-o", str(out), "--force"]
            cli = subprocess.run(xlsx_cli, env=env, capture_output=True)
            if cli.returncode == 0:
                commands.append(xlsx_cli)
            render_ms, *times = _interleaved_ms(doc, commands, args.runs, env)
            cli_cells = ["-", "-"]
            if len(times) > 1:
                cli_cells = [f"{times[1]:.0f}", f"{times[1] / times[0]:.2f}"]
            rows.append(
                [f"{n:,}", f"{render_ms:.0f}", f"{times[0]:.0f}", f"{render_ms / times[0]:.2f}",
                 *cli_cells, f"{size / 1024:.0f}"]
            )  # fmt: skip
            print(f"  measured {n:,} activities", file=sys.stderr)
    print(f"median of {args.runs} runs after a warm-up; ratios to qm report --format md")
    header = ["activities", "render_report ms", "report md ms", "ratio",
              "report xlsx ms", "ratio", "xlsx KiB"]  # fmt: skip
    print(table(header, rows))


if __name__ == "__main__":
    main()
