"""Two installs of qm side by side: the same command, interleaved, and the ratio.

    python bench/compare.py BEFORE_BIN AFTER_BIN [--runs 25] [--columns 100] -- list --dept 质量科

BEFORE_BIN and AFTER_BIN are the folders holding each install's ``qm`` (``venv/bin``).  Each
install gets its own copy of the shipped plan and its own cache folder (warmed by one run),
so both answer from a warm cache; the commands take turns, starting each round with the
other, so a machine that speeds up or slows down weighs on both alike.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from _common import PLAN, base_env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--columns", default="100")
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()
    times: dict[str, list[float]] = {"before": [], "after": []}
    with tempfile.TemporaryDirectory() as tmp:
        envs = {}
        for name in times:
            folder = Path(tmp) / name
            folder.mkdir()
            shutil.copyfile(PLAN, folder / PLAN.name)
            envs[name] = base_env(
                QM_PLAN=str(folder / PLAN.name),
                QM_CACHE_DIR=str(folder / "cache"),
                QM_TODAY="2023-09-28",
                COLUMNS=args.columns,
            )
        bins = {"before": args.before / "qm", "after": args.after / "qm"}
        for name in times:  # warm the caches
            subprocess.run([bins[name], *args.command], env=envs[name], capture_output=True)
        for i in range(args.runs):
            for name in ("before", "after") if i % 2 else ("after", "before"):
                started = time.perf_counter()
                subprocess.run([bins[name], *args.command], env=envs[name], capture_output=True)
                times[name].append(time.perf_counter() - started)
    before, after = (statistics.median(times[k]) * 1000 for k in ("before", "after"))
    command = " ".join(args.command)
    print(f"qm {command} (COLUMNS={args.columns}, median of {args.runs} interleaved runs)")
    print(f"  before {before:.1f} ms   after {after:.1f} ms   after/before {after / before:.2f}")


if __name__ == "__main__":
    main()
