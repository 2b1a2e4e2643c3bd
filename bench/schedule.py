"""The schedule parser against the one it replaced (c819b73), side by side.

    python bench/schedule.py [--cells 10000] [--runs 5] [--no-process]

1. In one process: a realistic list of 10,000 时间安排 cells (the forms offices write, their
   months and days varied, so that most cells are distinct) and the schedule corpus, each
   parsed cold (memo cleared) by the old parser and the new, the two taking turns; medians.
2. As whole processes: ``qm list --format json`` on a plan of those 10,000 cells, cold (no
   plan cache, so every schedule is parsed), qm as of c819b73 and qm as it is now, taking
   turns.  This is the figure the parser must not raise by more than 10%.  Wall time and
   CPU time (user + system of the process) are both shown: on a shared machine the wall
   time swings by more than the difference measured, the CPU time much less.

Ratios are new / old.  Forms the old parser refuses are parsed all the same (a refusal costs
time too); the plan of part 2 holds only forms both read, so that neither prints warnings.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib.util
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, base_env, run, table

sys.path.insert(0, str(ROOT))

OLD_COMMIT = "c819b73"
CORPUS = ROOT / "tests" / "schedule_corpus" / "cells.tsv"
YEAR, ISSUED = 2023, date(2023, 9, 13)


def realistic_cells(n: int, rng: random.Random) -> list[str]:
    """Cells as offices write them: mostly months, ranges, 旬 and days, some deadlines, a few
    ongoing or undated ones, in ASCII, full-width and Chinese numerals."""
    cn = "〇一二三四五六七八九十"

    def month(m: int) -> str:
        roll = rng.random()
        if roll < 0.15:
            return cn[m] if m <= 10 else "十" + cn[m - 10]
        if roll < 0.25:
            return str(m).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
        return str(m)

    forms: list[Callable[[int, int, int], str]] = [
        lambda m, d, m2: f"{month(m)}月",
        lambda m, d, m2: f"{month(m)}月份",
        lambda m, d, m2: f"{m}-{m2}月",
        lambda m, d, m2: f"{m}月-{m2}月",
        lambda m, d, m2: f"{m}月{rng.choice(['上旬', '中旬', '下旬'])}",
        lambda m, d, m2: f"{m}月{d}日",
        lambda m, d, m2: f"{m}月{d}日-{m2}月{d}日",
        lambda m, d, m2: f"{m}月{d}日至{min(d + 5, 28)}日",
        lambda m, d, m2: f"{m2}月底前",
        lambda m, d, m2: f"{m2}月{d}日前",
        lambda m, d, m2: f"{YEAR}年{m}月",
        lambda m, d, m2: f"第{cn[(m - 1) // 3 + 1]}季度",
        lambda m, d, m2: rng.choice(["全年", "上半年", "下半年", "长期坚持", "待定", "年底前"]),
        lambda m, d, m2: f"{m}月、{m2}月",
    ]
    weights = [20, 6, 12, 6, 10, 10, 6, 4, 8, 4, 4, 3, 5, 2]
    cells = []
    for _ in range(n):
        m = rng.randint(1, 11)
        m2 = rng.randint(m + 1, 12)
        form = rng.choices(forms, weights)[0]
        cells.append(form(m, rng.randint(1, 28), m2))
    return cells


def corpus_cells() -> list[tuple[str, int, date | None]]:
    if not CORPUS.exists():
        return []
    with CORPUS.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            (r["text"], int(r["year"]), date.fromisoformat(r["issued"]) if r["issued"] else None)
            for r in rows
        ]


def old_parser(tmp: Path) -> ModuleType:
    """The schedule module of c819b73, loaded beside today's as ``old_schedule``."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{OLD_COMMIT}:qualitymonth/schedule.py"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = tmp / "old_schedule.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_schedule", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_schedule"] = module
    spec.loader.exec_module(module)
    return module


def parse_all(module: ModuleType, cells: list[tuple[str, int, date | None]]) -> float:
    """Seconds to parse every cell once, memo cleared first."""
    clear = getattr(module, "_read_cached", module.parse_schedule).cache_clear
    clear()
    error = module.ScheduleError
    started = time.perf_counter()
    for text, year, issued in cells:
        with contextlib.suppress(error):
            module.parse_schedule(text, year, issued)
    return time.perf_counter() - started


def in_process(cells: list[str], runs: int, tmp: Path) -> list[list[str]]:
    import qualitymonth.schedule as new

    old = old_parser(tmp)
    sets = {
        f"{len(cells):,} realistic cells": [(c, YEAR, ISSUED) for c in cells],
        f"{len(corpus_cells())} corpus cells": corpus_cells(),
    }
    rows = []
    for label, items in sets.items():
        if not items:
            continue
        times: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(runs + 1):  # the first round warms up
            for name, module in (("old", old), ("new", new)):
                times[name].append(parse_all(module, items))
        o, n = (statistics.median(times[k][1:]) for k in ("old", "new"))
        per = 1e6 / len(items)
        rows.append([label, f"{o * per:.1f}", f"{n * per:.1f}", f"{n / o:.2f}"])
    return rows


def whole_process(cells: list[str], runs: int, tmp: Path) -> list[list[str]]:
    import qualitymonth.schedule as new

    old = sys.modules["old_schedule"]
    both = []
    for c in cells:  # only forms both read: neither run prints warnings
        try:
            old.parse_schedule(c, YEAR, ISSUED)
            new.parse_schedule(c, YEAR, ISSUED)
        except (old.ScheduleError, new.ScheduleError):
            continue
        both.append(c)
    plan = tmp / "campaign-2023.yaml"
    lines = ["campaign:", "  name: 2023年质量月", f"  year: {YEAR}", f"  issued: {ISSUED}"]
    lines.append("activities:")
    for i, c in enumerate(both, 1):
        lines += [
            f"  - id: {i}",
            f"    theme: 第{i}项活动",
            f"    schedule: '{c}'",
            "    lead: 质量科",
        ]
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    trees = {}
    for name, ref in (("old", OLD_COMMIT), ("new", None)):
        tree = tmp / name
        tree.mkdir()
        if ref:
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", ref, "qualitymonth"],
                capture_output=True,
                check=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        else:
            shutil.copytree(ROOT / "qualitymonth", tree / "qualitymonth")
        trees[name] = tree
    argv = [sys.executable, "-m", "qualitymonth", "--plan", str(plan), "list", "--format", "json"]
    wall: dict[str, list[float]] = {"old": [], "new": []}
    cpu: dict[str, list[float]] = {"old": [], "new": []}
    for round_ in range(runs + 1):
        for name, tree in trees.items():
            env = base_env(PYTHONPATH=str(tree), QM_CACHE_DIR=str(tmp / f"cache-{name}-{round_}"))
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            seconds = run(argv, env, cwd=tmp)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if round_:
                wall[name].append(seconds)
                used = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
                cpu[name].append(used)
    label = f"qm list --format json, {len(both):,} activities, cold"
    rows = []
    for kind, times in (("wall", wall), ("cpu", cpu)):
        o, n = (statistics.median(times[k]) * 1000 for k in ("old", "new"))
        rows.append([f"{label} ({kind})", f"{o:.0f}", f"{n:.0f}", f"{n / o:.2f}"])
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-process", action="store_true", help="skip the whole-process runs")
    args = parser.parse_args()
    cells = realistic_cells(args.cells, random.Random(2023))
    print(f"distinct texts among the {len(cells):,} cells: {len(set(cells)):,}")
    with tempfile.TemporaryDirectory() as tmp:
        rows = in_process(cells, args.runs, Path(tmp))
        print(f"parsing, memo cleared, median of {args.runs} runs")
        print(table(["cells", "old µs/cell", "new µs/cell", "new/old"], rows))
        if not args.no_process:
            print(f"\nwhole process (python -m qualitymonth as of {OLD_COMMIT} and now)")
            rows = whole_process(cells, args.runs, Path(tmp))
            print(table(["command", "old ms", "new ms", "new/old"], rows))


if __name__ == "__main__":
    main()
