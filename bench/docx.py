"""The Word report's cost, beside the Markdown report on the same data.

    python bench/docx.py [--sizes 12 10000] [--runs 7]

For each size (12: the shipped plan and the fixture journal; more: a generated plan with 10x
as many journal events, as in ``bench/scale.py``) it builds the report document from the CLI's
own JSON, then times as whole processes taking turns (so a busy machine weighs on each alike):
``qm report --format md``; a Python process that loads that JSON and calls ``render_report``;
and, once the CLI has the format, ``qm report --format docx -o FILE``.  Ratios are to the
Markdown command.  ``render_report`` alone, in this process, is shown too (median of --runs).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import (
    ROOT,
    base_env,
    interleaved_ms,
    qm_command,
    report_document,
    sized_plan,
    table,
)

from qualitymonth.output.docx import render_report

RENDER = (
    "import json, sys\n"
    "from qualitymonth.output.docx import render_report\n"
    "render_report(json.loads(open(sys.argv[1], encoding='utf-8').read()), {})\n"
)


def render_ms(doc: dict[str, Any], runs: int) -> tuple[float, int]:
    render_report(doc, {})  # warm-up
    times = []
    size = 0
    for _ in range(runs):
        started = time.perf_counter()
        size = len(render_report(doc, {}))
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12, 10_000])
    parser.add_argument("--runs", type=int, default=7)
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
            saved = folder / "doc.json"
            saved.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
            ms, size = render_ms(doc, args.runs)
            md = [*qm, "report", "--format", "md"]
            render = [sys.executable, "-c", RENDER, str(saved)]
            out = folder / "report.docx"
            docx = [*qm, "report", "--format", "docx", "-o", str(out), "--force"]
            has_docx = subprocess.run(docx, env=env, capture_output=True).returncode == 0
            commands = [md, render, docx] if has_docx else [md, render]
            env["PYTHONPATH"] = str(ROOT)
            times = interleaved_ms(commands, args.runs, env)
            md_ms = times[0]
            rows.append(["qm report --format md", f"{n:,}", f"{md_ms:.1f}", "1.00"])
            rows.append([f"python: load JSON, render_report ({size / 1024:.0f} KB)", f"{n:,}",
                         f"{times[1]:.1f}", f"{times[1] / md_ms:.2f}"])  # fmt: skip
            if has_docx:
                rows.append(["qm report --format docx -o", f"{n:,}", f"{times[2]:.1f}",
                             f"{times[2] / md_ms:.2f}"])  # fmt: skip
            rows.append(["  render_report alone, in-process", f"{n:,}", f"{ms:.1f}", ""])
            print(f"  measured {n:,} activities", file=sys.stderr)
    print(
        f"median of {args.runs} runs, whole processes taking turns; ratio to qm report --format md "
        "at the same size"
    )
    print(table(["what", "activities", "ms", "ratio"], rows))


if __name__ == "__main__":
    main()
