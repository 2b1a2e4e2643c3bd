"""The journal under real processes: concurrency, SIGKILL, a full disk, read-only files, git.

These tests start real ``qm`` processes; they are the proof behind "nothing is lost".
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .conftest import ROOT, SHIPPED

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and rlimits")


def qm_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QM_")}
    env.update({"QM_TODAY": "2023-09-28", "PYTHONIOENCODING": "utf-8", "QM_NO_CACHE": "1", **extra})
    return env


def qm(*args: str, cwd: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "qualitymonth", *args],
        cwd=cwd,
        env=qm_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        **kw,  # type: ignore[arg-type]
    )


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """A plan folder as a clerk has it: data/campaign-2023.yaml, found by default."""
    (tmp_path / "data").mkdir()
    shutil.copyfile(SHIPPED, tmp_path / "data" / "campaign-2023.yaml")
    return tmp_path


def journal(office: Path) -> Path:
    return office / "data" / "campaign-2023.journal.jsonl"


def journal_lines(office: Path) -> list[dict[str, object]]:
    return [json.loads(x) for x in journal(office).read_text(encoding="utf-8").splitlines()]


def test_parallel_writers_lose_nothing(office: Path) -> None:
    """8 qm processes at once, 20 writes each: exactly 160 whole lines, unique ids."""

    def writer(n: int) -> list[int]:
        codes = []
        for i in range(20):
            done = qm("note", str(n % 12 + 1), f"写入者{n} 第{i}条", "--by", f"w{n}", cwd=office)
            codes.append(done.returncode)
        return codes

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = [c for result in pool.map(writer, range(8)) for c in result]
    assert codes == [0] * 160
    events = journal_lines(office)
    assert len(events) == 160
    assert len({e["event"] for e in events}) == 160
    for n in range(8):
        notes = [e["note"] for e in events if e["by"] == f"w{n}"]
        assert notes == [f"写入者{n} 第{i}条" for i in range(20)]  # each writer's order kept


WRITER = """
import sys
from datetime import date, datetime, timezone
from pathlib import Path
from qualitymonth.journal import append_events, new_event
path = Path(sys.argv[1])
i = 0
while True:
    i += 1
    note = "进展" * (1 + i % 400)
    append_events(path, [new_event(1 + i % 12, "note", date(2023, 9, 28), by="w",
                                   now=datetime.now(timezone.utc), note=note)])
    print(i, flush=True)
"""


def test_a_writer_killed_at_random_points_loses_at_most_the_line_in_flight(office: Path) -> None:
    rng = random.Random(20230928)
    path = journal(office)
    acknowledged_total = 0
    for _round in range(20):
        before = path.read_bytes() if path.exists() else b""
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)],
            stdout=subprocess.PIPE,
            text=True,
            env=qm_env(),
            cwd=ROOT,
        )
        time.sleep(rng.uniform(0.15, 0.6))
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        acknowledged = len(out.split())
        acknowledged_total += acknowledged
        after = path.read_bytes() if path.exists() else b""
        assert after.startswith(before)  # no earlier byte lost or rewritten
        # every command still works, and the fold sees every acknowledged event
        listed = qm("log", "--format", "json", cwd=office)
        assert listed.returncode == 0, listed.stderr
        assert len(json.loads(listed.stdout)) >= acknowledged_total
        assert len(json.loads(listed.stdout)) <= acknowledged_total + _round + 1
    # a torn line, if any, never breaks the next write
    assert qm("done", "5", cwd=office).returncode == 0
    assert (
        qm("list", "--status", "done", "--format", "json", cwd=office).stdout.count('"id": 5') == 1
    )


def test_a_full_disk_changes_nothing(office: Path) -> None:
    assert qm("done", "1", "--note", "第一条", cwd=office).returncode == 0
    before = journal(office).read_bytes()
    limit = len(before) + 64  # room for a fragment of the next line, not for all of it

    def small_disk() -> None:
        import resource  # POSIX only, like this whole module

        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    run = qm("note", "2", "很长的备注" * 200, cwd=office, preexec_fn=small_disk)
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1
    assert "写入进展日志" in run.stderr and "日志保持原样" in run.stderr
    assert "Traceback" not in run.stderr
    assert journal(office).read_bytes() == before


def _make_read_only(path: Path) -> None:
    if os.geteuid() == 0:  # root writes through mode bits: make the file immutable instead
        if shutil.which("chattr") is None:
            pytest.skip("running as root without chattr")
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"chattr +i not supported here: {done.stderr!r}")
    else:
        path.chmod(0o444)


def _make_writable(path: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(path)], capture_output=True)
    path.chmod(0o644)


def test_a_read_only_journal_is_refused_and_left_alone(office: Path) -> None:
    assert qm("done", "1", cwd=office).returncode == 0
    path = journal(office)
    lock = path.with_name(path.name + ".lock")
    lock.unlink(missing_ok=True)
    before = path.read_bytes()
    _make_read_only(path)
    try:
        run = qm("done", "2", cwd=office)
        assert run.returncode == 1
        assert (
            run.stderr
            == "进展日志 data/campaign-2023.journal.jsonl 是只读的，无法记录；请检查文件权限\n"
        )
        assert path.read_bytes() == before
        assert not lock.exists()
        assert qm("list", cwd=office).returncode == 0  # reading still works
    finally:
        _make_writable(path)


def test_a_journal_that_is_a_directory(office: Path) -> None:
    journal(office).mkdir()
    for args in (("done", "1"), ("list",)):
        run = qm(*args, cwd=office)
        assert run.returncode == 1
        assert run.stderr == "data/campaign-2023.journal.jsonl 是一个目录，不是文件\n"


def git(*args: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "qm", "GIT_AUTHOR_EMAIL": "qm@example.invalid",
        "GIT_COMMITTER_NAME": "qm", "GIT_COMMITTER_EMAIL": "qm@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd),
    }  # fmt: skip
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_two_offices_merge_their_journals_with_git_union(tmp_path: Path) -> None:
    origin = tmp_path / "origin"
    (origin / "data").mkdir(parents=True)
    shutil.copyfile(SHIPPED, origin / "data" / "campaign-2023.yaml")
    (origin / ".gitattributes").write_text("*.journal.jsonl merge=union\n")
    (origin / ".gitignore").write_text("*.lock\n")
    (origin / "data" / "campaign-2023.journal.jsonl").write_text("")
    git("init", "-q", "-b", "main", cwd=origin)
    git("add", "-A", cwd=origin)
    git("commit", "-qm", "2023 质量月 plan", cwd=origin)
    a, b = tmp_path / "质量科", tmp_path / "消保科"
    git("clone", "-q", str(origin), str(a), cwd=tmp_path)
    git("clone", "-q", str(origin), str(b), cwd=tmp_path)

    assert (
        qm("done", "5", "--note", "完成检验检测机构抽查", "--by", "质量科", cwd=a).returncode == 0
    )
    assert qm("start", "12", "--date", "9/20", cwd=a).returncode == 0
    git("commit", "-qam", "质量科 progress", cwd=a)
    assert (
        qm("progress", "11", "40", "--note", "已抽检 8 批次", "--by", "消保科", cwd=b).returncode
        == 0
    )
    assert qm("note", "10", "9月受理投诉 35 件", cwd=b).returncode == 0
    git("commit", "-qam", "消保科 progress", cwd=b)

    git("fetch", "-q", str(a), "main:refs/remotes/a/main", cwd=b)  # a's state before it merges
    git("pull", "-q", "--no-rebase", str(b), "main", cwd=a)
    git("merge", "-q", "refs/remotes/a/main", cwd=b)

    for office in (a, b):
        text = journal(office).read_text(encoding="utf-8")
        assert "<<<<<<<" not in text and len(text.splitlines()) == 4
    state_a = qm("list", "--format", "json", cwd=a).stdout
    state_b = qm("list", "--format", "json", cwd=b).stdout
    assert state_a == state_b
    by_id = {x["id"]: x for x in json.loads(state_a)}
    assert (by_id[5]["status"], by_id[11]["percent"], by_id[12]["status"]) == ("done", 40, "doing")
    assert by_id[10]["last_note"] == "9月受理投诉 35 件"
    assert (
        qm("log", "--format", "json", cwd=a).stdout == qm("log", "--format", "json", cwd=b).stdout
    )
