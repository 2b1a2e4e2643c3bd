"""Helpers shared by the benchmark scripts: running a command as a whole process, timing it,
and measuring its peak resident memory."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "data" / "campaign-2023.yaml"

_PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def qm_command() -> list[str]:
    """The installed ``qm`` beside this interpreter, else ``python -m qualitymonth``."""
    script = Path(sys.executable).with_name("qm")
    if script.exists():
        return [str(script)]
    found = shutil.which("qm")
    return [found] if found else [sys.executable, "-m", "qualitymonth"]


def run(argv: list[str], env: dict[str, str], cwd: Path = ROOT) -> float:
    """Seconds one run of ``argv`` takes, as a whole process."""
    started = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    return time.perf_counter() - started


def median_ms(argv: list[str], runs: int, env: dict[str, str], before: object = None) -> float:
    """Median milliseconds of ``runs`` runs after one warm-up; ``before()`` runs before each."""
    run(argv, env)
    times = []
    for _ in range(runs):
        if callable(before):
            before()
        times.append(run(argv, env))
    return statistics.median(times) * 1000


def interleaved_ms(commands: list[list[str]], runs: int, env: dict[str, str]) -> list[float]:
    """Median milliseconds of each command, run round-robin (one warm-up round first), so
    that a machine slowing down or speeding up weighs on every command alike."""
    for argv in commands:
        run(argv, env)
    times: list[list[float]] = [[] for _ in commands]
    for _ in range(runs):
        for i, argv in enumerate(commands):
            times[i].append(run(argv, env))
    return [statistics.median(t) * 1000 for t in times]


def peak_mb(argv: list[str], env: dict[str, str]) -> float:
    """Peak resident memory of one run of ``argv``, in MB (Linux and macOS)."""
    if sys.platform == "win32":  # pragma: no cover
        return float("nan")
    out = subprocess.run(
        [sys.executable, "-c", _PEAK, *argv], env=env, capture_output=True, text=True, check=True
    ).stdout
    kib = int(out.split()[-1])
    return kib / (1024 * 1024) if sys.platform == "darwin" else kib / 1024


def base_env(**extra: str) -> dict[str, str]:
    # Measure qm as users run it: with Python's bytecode cache and buffered output (some
    # sandboxes turn them off).
    drop = ("QM_", "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env.update({"QM_TODAY": "2023-10-08", "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"})
    env.update(extra)
    return env


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines += [
        "  ".join(
            c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))
        )
        for r in rows
    ]
    return "\n".join(lines)


#: The journal of the month-9 report, for the shipped plan.
JOURNAL = ROOT / "tests" / "fixtures" / "journal-2023-09.jsonl"


def sized_plan(folder: Path, activities: int) -> tuple[Path, Path]:
    """A plan and its journal in ``folder``: the shipped plan and the fixture journal for 12
    activities, else ``scale.py``'s plan with ten events an activity (seed 2023)."""
    import random
    import shutil

    plan = folder / "campaign-2023.yaml"
    journal = folder / "campaign-2023.journal.jsonl"
    if activities == 12:
        shutil.copyfile(PLAN, plan)
        shutil.copyfile(JOURNAL, journal)
    else:
        from scale import write_journal, write_plan

        rng = random.Random(2023)
        write_plan(plan, activities, rng)
        write_journal(journal, activities, 10 * activities, rng)
    return plan, journal


def cli_json(qm: list[str], env: dict[str, str], *args: str) -> Any:
    """What ``qm ARGS --format json`` prints, parsed."""
    import json

    out = subprocess.run([*qm, *args, "--format", "json"], env=env, capture_output=True, check=True)
    return json.loads(out.stdout.decode("utf-8"))


def report_document(qm: list[str], env: dict[str, str]) -> Any:
    """The document a binary report writer renders: the report's JSON with the activities in
    scope (what ``output.document`` gives the writer inside qm)."""
    return cli_json(qm, env, "report") | {"activities": cli_json(qm, env, "list")}
