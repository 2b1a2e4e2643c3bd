"""The journal's costs: appending one event, and reading and folding 100,000 of them.

    python bench/journal.py [--events 100000] [--appends 200]

Appends go through the real path (cross-process lock, one write, fsync) into a temporary
folder; the fold reads a generated journal over the shipped plan's 12 activities.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from qualitymonth.journal import append_events, encode, new_event, read_journal
from qualitymonth.journal.events import ACTIONS
from qualitymonth.plan import load_plan
from qualitymonth.state import fold

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "data" / "campaign-2023.yaml"
CST = timezone(timedelta(hours=8))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--appends", type=int, default=200)
    args = parser.parse_args()
    loaded = load_plan(PLAN)
    rng = random.Random(2023)
    start = datetime(2023, 9, 1, 9, tzinfo=CST)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.journal.jsonl"
        times = []
        for i in range(args.appends):
            e = new_event(1 + i % 12, "note", date(2023, 9, 28), by="bench", now=start, note="进展")
            t0 = time.perf_counter()
            append_events(path, [e])
            times.append(time.perf_counter() - t0)
        append_ms = statistics.median(times) * 1000

        big = Path(tmp) / "big.journal.jsonl"
        events = []
        for i in range(args.events):
            action = rng.choice(ACTIONS)
            events.append(
                new_event(
                    rng.randint(1, 12),
                    action,
                    date(2023, 9, 1) + timedelta(days=rng.randint(0, 60)),
                    by="bench",
                    now=start + timedelta(seconds=i),
                    percent=rng.randint(0, 100) if action == "progress" else None,
                    note=f"第{i}条进展" if rng.random() < 0.5 else None,
                )
            )
        big.write_bytes(encode(events))
        t0 = time.perf_counter()
        got = read_journal(big, (a.id for a in loaded.plan.activities))
        t1 = time.perf_counter()
        fold(loaded.plan, loaded.periods, got.events, date(2023, 11, 30))
        t2 = time.perf_counter()

    print(f"{'measure':<40} {'value':>10}")
    print(f"{'append one event (median of ' + str(args.appends) + '), ms':<40} {append_ms:10.2f}")
    print(f"{'read ' + str(args.events) + ' events, s':<40} {t1 - t0:10.3f}")
    print(f"{'fold ' + str(args.events) + ' events, s':<40} {t2 - t1:10.3f}")
    print(f"{'read + fold, s':<40} {t2 - t0:10.3f}")


if __name__ == "__main__":
    main()
