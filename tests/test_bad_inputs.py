"""The catalogue of broken plans and journals (tests/bad_inputs/cases.tsv drives it).

Every case: the right exit code, the expected phrase, no traceback, one sentence per line
of stderr, and no file changed on disk.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import ROOT, SHIPPED, Invoke

HERE = ROOT / "tests" / "bad_inputs"
with (HERE / "cases.tsv").open(encoding="utf-8") as f:
    CASES = list(csv.DictReader(f, delimiter="\t"))


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def check_stderr(stderr: str) -> None:
    assert "Traceback" not in stderr
    for line in stderr.splitlines():
        assert line.strip(), "no blank lines"
        assert len(line) < 2000, "one sentence, not a dump"


def test_the_catalogue_is_big_enough() -> None:
    assert len(CASES) >= 40
    assert {c["kind"] for c in CASES} == {"plan", "journal"}
    for case in CASES:
        assert (HERE / case["file"]).is_file(), case["file"]


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_catalogue_case(qm: Invoke, tmp_path: Path, case: dict[str, str]) -> None:
    source = HERE / case["file"]
    if case["kind"] == "plan":
        plan = tmp_path / source.name
        shutil.copyfile(source, plan)
        before = snapshot(tmp_path)
        run = qm("--lang", "en", "--plan", str(plan), "validate")
        other = qm("--lang", "en", "--plan", str(plan), "list", "--format", "json")
        assert other.code in (0, 1)
        check_stderr(other.stderr)
    else:
        plan = tmp_path / "campaign-2023.yaml"
        shutil.copyfile(SHIPPED, plan)
        journal = tmp_path / source.name
        shutil.copyfile(source, journal)
        before = snapshot(tmp_path)
        run = qm(
            "--lang", "en", "--plan", str(plan), "--journal", str(journal), "list", "-f", "json"
        )
        if run.code == 0:
            json.loads(run.stdout)  # the rest of the journal still folds
        for args in (("report", "-f", "json"), ("log",), ("show", "1"), ("timeline",)):
            again = qm("--lang", "en", "--plan", str(plan), "--journal", str(journal), *args)
            assert again.code == 0
            check_stderr(again.stderr)
            assert "\x00" not in again.stdout and "\u202e" not in again.stdout
    assert run.code == int(case["exit"]), run.stderr
    assert case["phrase"] in (run.stderr if run.code or case["kind"] == "journal" else run.stdout)
    if run.code:
        assert run.stdout == ""
        assert f"{plan}:" in run.stderr or str(plan) in run.stderr
    check_stderr(run.stderr)
    assert snapshot(tmp_path) == before


def test_a_50_mb_plan_is_refused_fast(qm: Invoke, tmp_path: Path) -> None:
    plan = tmp_path / "huge.yaml"
    with plan.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: no disk used
    started = time.perf_counter()
    run = qm("--lang", "en", "--plan", str(plan), "list")
    assert run.code == 1
    assert "is too large" in run.stderr
    assert time.perf_counter() - started < 5


PEAK = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], capture_output=True)\n"
    "sys.stdout.buffer.write(done.stdout)\n"
    "sys.stderr.buffer.write(done.stderr)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(done.returncode)\n"
)


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss in KiB is Linux's")
def test_a_journal_line_of_50_mb_is_skipped_with_bounded_memory(
    tmp_path: Path, cache_dir: Path
) -> None:
    plan = tmp_path / "campaign-2023.yaml"
    shutil.copyfile(SHIPPED, plan)
    journal = tmp_path / "j.jsonl"
    with journal.open("wb") as f:
        f.write(b'{"v": 1, "note": "' + b"x" * (50 * 1024 * 1024) + b'"}\n')
        f.write(
            b'{"v": 1, "event": "e1", "activity": 5, "action": "done", "date": "2023-09-01", '
            b'"by": "", "recorded_at": "2023-09-01T09:00:00+08:00"}\n'
        )
    args = ["--lang", "en", "--plan", str(plan), "--journal", str(journal), "list", "-s", "done"]
    env = {**os.environ, "QM_TODAY": "2023-09-20", "QM_CACHE_DIR": str(cache_dir)}
    run = subprocess.run(
        [sys.executable, "-c", PEAK, sys.executable, "-m", "qualitymonth", *args, "-f", "json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )
    assert run.returncode == 0
    assert [a["id"] for a in json.loads(run.stdout)] == [5]
    *messages, peak_kib = run.stderr.splitlines()
    assert any("longer than 262144 bytes" in m for m in messages)
    assert int(peak_kib) < 120 * 1024  # the 50 MB line was never held whole


@pytest.mark.parametrize("name", ["gbk.yaml", "utf16.yaml", "bom.yaml", "binary.yaml", "crlf.yaml"])
def test_encodings_in_a_real_process(qm_process: Invoke, tmp_path: Path, name: str) -> None:
    case = next(c for c in CASES if c["file"] == name)
    plan = tmp_path / name
    shutil.copyfile(HERE / name, plan)
    run = qm_process("--lang", "en", "validate", str(plan))
    assert run.code == int(case["exit"])
    assert case["phrase"] in run.stderr + run.stdout
    check_stderr(run.stderr)
