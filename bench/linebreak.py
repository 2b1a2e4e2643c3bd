"""Line breaking in the 10,000-activity list table: today's wrapping beside
``qualitymonth.linebreak``, side by side.

    python bench/linebreak.py [--rows 10000] [--runs 7]

Two plans of ``--rows`` activities, with a journal that gives most activities a note (the
``↳`` line under the theme), and the shipped plan itself (``qm list`` only):

- ``shipped``: the 12 activities of ``data/campaign-2023.yaml`` repeated, with the notes of
  ``tests/fixtures/journal-2023-09.jsonl`` repeated: tables repeat texts;
- ``distinct``: the plan and journal of ``bench/scale.py``, where every theme and every note
  is a different text (第{i}项活动…, 第{i}条进展…).

For each it times, in a fresh process each run (so every cache starts cold and the imports
count), both wrappers taking turns:

- ``cells``: wrapping the cells ``render.list_table`` wraps at 80 columns (every distinct
  text and column width, as the table asks for them), with ``render.wrap_cells`` (today: cut
  anywhere) and with ``linebreak.wrap_cells``;
- ``table``: the whole ``render.list_table(states, "zh", 80, False)``, as it is and with
  ``render.wrap_cells`` replaced by ``linebreak.wrap_cells`` (the one-line change the lead
  makes);
- ``qm list``: the command as a whole process at ``COLUMNS=80`` (warm plan cache), as it is
  (with line breaking) and with the wrapping of before put back by a two-line runner.

It prints medians and each ratio (new / today).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PLAN, ROOT, base_env, interleaved_ms, table

FIXTURE_JOURNAL = ROOT / "tests" / "fixtures" / "journal-2023-09.jsonl"
AS_OF = "2023-09-28"

#: A child process: load the states, record what list_table wraps, time one wrapper.
CHILD = r"""
import sys, time
from datetime import date
from pathlib import Path
from qualitymonth.output import table as render, text as old
from qualitymonth.journal import read_journal
from qualitymonth.plan import load_plan
from qualitymonth.state import fold

what, wrapper, plan_path, journal_path, cache = sys.argv[1:6]
loaded = load_plan(Path(plan_path), Path(cache))
events = read_journal(Path(journal_path)).events
states = fold(loaded.plan, loaded.periods, events, date.fromisoformat(sys.argv[6]))
today = old.wrap_cells  # the wrapping before line breaking, cut by columns
calls = []
if what == "cells":
    def record(text, width):
        calls.append((text, width))
        return today(text, width)
    render.wrap_cells = record
    render.list_table(states, "zh", 80, False)
    render.wrap_cells = today
started = time.perf_counter()
if wrapper == "new":
    from qualitymonth import linebreak
    wrap = linebreak.wrap_cells
else:
    wrap = today
if what == "cells":
    for text, width in calls:
        wrap(text, width)
else:
    render.wrap_cells = wrap
    out = render.list_table(states, "zh", 80, False)
print((time.perf_counter() - started) * 1000, len(calls))
"""

#: ``qm`` with the list table's wrapping put back to what it was before line breaking (cut
#: by columns), to compare with ``qm`` as it is.
RUNNER = (
    "import sys; from qualitymonth.output import table, text; "
    "table.wrap_cells = text.wrap_cells; "
    "from qualitymonth.cli import main; sys.argv[0] = 'qm'; main()"
)


def write_shipped(folder: Path, rows: int) -> tuple[Path, Path]:
    """The shipped plan's activities and the fixture journal's events, repeated."""
    import yaml

    data = yaml.safe_load(PLAN.read_text(encoding="utf-8"))
    base = data["activities"]
    data["activities"] = [dict(base[i % len(base)], id=i + 1) for i in range(rows)]
    plan = folder / "campaign-2023.yaml"
    plan.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    events = [json.loads(line) for line in FIXTURE_JOURNAL.read_text(encoding="utf-8").splitlines()]
    lines = []
    for copy in range(rows // len(base) + 1):
        for e in events:
            activity = copy * len(base) + e["activity"]
            if activity <= rows:
                e = dict(e, activity=activity, event=f"{copy:016x}{int(e['event'], 16):016x}")
                lines.append(json.dumps(e, ensure_ascii=False))
    journal = folder / "campaign-2023.journal.jsonl"
    journal.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return plan, journal


def write_distinct(folder: Path, rows: int) -> tuple[Path, Path]:
    """The plan and journal of bench/scale.py: every theme and note a different text."""
    import scale

    rng = random.Random(2023)
    plan = folder / "campaign-2023.yaml"
    journal = folder / "campaign-2023.journal.jsonl"
    scale.write_plan(plan, rows, rng)
    scale.write_journal(journal, rows, 10 * rows, rng)
    return plan, journal


def child_ms(
    what: str, wrapper: str, plan: Path, journal: Path, cache: Path, env: dict[str, str]
) -> tuple[float, int]:
    argv = [sys.executable, "-c", CHILD, what, wrapper, str(plan), str(journal), str(cache)]
    out = subprocess.run(
        [*argv, AS_OF], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), int(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    rows: list[list[str]] = []
    qm = [sys.executable, "-m", "qualitymonth"]  # this tree's qm, as the runner runs it
    py = [sys.executable, "-c", RUNNER]
    with tempfile.TemporaryDirectory() as tmp:
        for name, write in (("shipped", write_shipped), ("distinct", write_distinct)):
            folder = Path(tmp) / name
            folder.mkdir()
            plan, journal = write(folder, args.rows)
            cache = folder / "cache"
            env = base_env(QM_PLAN=str(plan), QM_CACHE_DIR=str(cache), COLUMNS="80")
            env["QM_TODAY"] = AS_OF
            env["PYTHONPATH"] = str(ROOT)
            for what in ("cells", "table"):
                child_ms(what, "today", plan, journal, cache, env)  # warm the plan cache
                times: dict[str, list[float]] = {"today": [], "new": []}
                count = 0
                for _ in range(args.runs):
                    for wrapper in ("today", "new"):
                        ms, count = child_ms(what, wrapper, plan, journal, cache, env)
                        times[wrapper].append(ms)
                old, new = (statistics.median(times[k]) for k in ("today", "new"))
                label = f"{what} ({count:,} distinct)" if what == "cells" else what
                rows.append([name, label, f"{old:.0f}", f"{new:.0f}", f"{new / old:.2f}"])
                print(f"  measured {name} {what}", file=sys.stderr)
            old, new = interleaved_ms([[*py, "list"], [*qm, "list"]], args.runs, env)
            rows.append([name, "qm list (whole process)", f"{old:.0f}", f"{new:.0f}",
                         f"{new / old:.2f}"])  # fmt: skip
            print(f"  measured {name} qm list", file=sys.stderr)
        # and the plan as shipped (12 activities): the table a clerk runs most
        folder = Path(tmp) / "plan"
        folder.mkdir()
        plan, journal = write_shipped(folder, 12)
        env = base_env(QM_PLAN=str(plan), QM_CACHE_DIR=str(folder / "cache"), COLUMNS="80")
        env.update(QM_TODAY=AS_OF, PYTHONPATH=str(ROOT))
        runs = max(args.runs, 15)
        old, new = interleaved_ms([[*py, "list"], [*qm, "list"]], runs, env)
        rows.append(["shipped (12)", f"qm list (whole process, {runs} runs)", f"{old:.0f}",
                     f"{new:.0f}", f"{new / old:.2f}"])  # fmt: skip
    print(f"{args.rows:,} activities at 80 columns; median of {args.runs} runs, taking turns")
    print(table(["plan", "what", "today ms", "linebreak ms", "ratio"], rows))


if __name__ == "__main__":
    main()
