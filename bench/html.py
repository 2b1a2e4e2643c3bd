"""The html page beside the Markdown report: time and size at 12 and 10,000 activities.

    python bench/html.py [--sizes 12 10000] [--runs 1]

For each size, on one plan and journal (the shipped plan and the fixture journal at 12; a
generated plan of 10,000 activities with 100,000 events, as bench/scale.py makes them), it runs
``qm report --format md`` and the html page side by side as whole processes (one warm-up round
first, which builds the plan cache and the journal index), and prints the times, their ratio
and the page's size.  Targets: at 12 activities the page within 2x the Markdown report; at
10,000 under 5x and under 3 MB.

The page is made by ``qm report --format html -o FILE`` when the CLI knows the format; until
then by a stand-in process (``--render``) that runs ``qm report --format json`` and ``qm list
--format json`` in one process, as the CLI would, and calls the writer: a little more work than
the wired command will do.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, base_env, interleaved_ms, qm_command, sized_plan, table

TARGETS = {12: (2.0, None), 10_000: (5.0, 3.0)}  # (time ratio, MB)


def _json_of(app: Any, args: list[str]) -> Any:
    """What ``qm ARGS`` writes to stdout, run in this process."""
    saved = sys.stdout
    sys.stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    try:
        app(args, standalone_mode=False)
        sys.stdout.flush()
        data = sys.stdout.buffer.getvalue()  # type: ignore[attr-defined]
    finally:
        sys.stdout = saved
    return json.loads(data)


def render(out: str) -> None:
    """The stand-in for ``qm report --format html -o OUT``: one process, as the CLI would."""
    # This script's own folder must not be on the path: here ``import html`` is the stdlib's.
    here = Path(__file__).resolve().parent
    sys.path[:] = [str(ROOT)] + [p for p in sys.path if p and Path(p).resolve() != here]
    from qualitymonth.cli import app
    from qualitymonth.output.html import render_report

    report = _json_of(app, ["report", "--format", "json"])
    activities = _json_of(app, ["list", "--format", "json"])
    Path(out).write_bytes(render_report(report | {"activities": activities}, {}))
    sys.stdout.flush()
    os._exit(0)


def html_command(qm: list[str], env: dict[str, str], out: Path) -> list[str]:
    """``qm report --format html`` when the CLI has it, else the stand-in."""
    wired = [*qm, "report", "--format", "html", "-o", str(out), "--force"]
    probe = subprocess.run(wired, env=env, capture_output=True, cwd=ROOT)
    if probe.returncode == 0 and out.exists():
        return wired
    return [sys.executable, str(Path(__file__).resolve()), "--render", str(out)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12, 10_000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--render", metavar="OUT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.render:
        render(args.render)
    qm = qm_command()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            folder = Path(tmp) / str(n)
            folder.mkdir()
            plan, journal = sized_plan(folder, n)
            env = base_env(
                QM_PLAN=str(plan), QM_JOURNAL=str(journal), QM_CACHE_DIR=str(folder / "cache"),
                PYTHONPATH=str(ROOT),
            )  # fmt: skip
            out = folder / "report.html"
            md = [*qm, "report", "--format", "md"]
            page = html_command(qm, env, out)
            md_ms, html_ms = interleaved_ms([md, page], args.runs, env)
            mb = out.stat().st_size / 1_000_000
            ratio_target, mb_target = TARGETS.get(n, (None, None))
            ratio = html_ms / md_ms
            verdict = "ok" if ratio_target is None or ratio <= ratio_target else "OVER"
            if mb_target is not None and mb >= mb_target:
                verdict = "OVER"
            target = (f"<= {ratio_target:g}x" if ratio_target else "-") + (
                f", < {mb_target:g} MB" if mb_target else ""
            )
            rows.append(
                [f"{n:,}", f"{md_ms:.0f}", f"{html_ms:.0f}", f"{ratio:.2f}x", f"{mb:.2f}",
                 target, verdict]
            )  # fmt: skip
            how = "qm report --format html" if page[0] != sys.executable else "the stand-in"
            print(f"  measured {n:,} activities (page made by {how})", file=sys.stderr)
    print(f"median of {args.runs} run(s) after a warm-up, whole processes, side by side")
    print(
        table(
            ["activities", "md ms", "html ms", "html/md", "page MB", "target", ""],
            rows,
        )
    )


if __name__ == "__main__":
    main()
