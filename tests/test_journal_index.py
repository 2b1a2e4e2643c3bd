"""The journal index is never wrong: what it answers equals reading the whole journal.

The library tests compare :func:`load_index` with the plain fold on journals built in steps
(so most loads extend a stored index); the CLI tests edit, cut, replace and corrupt real files
between real ``qm`` runs and compare with ``QM_NO_CACHE=1``, which reads the journal in full.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualitymonth.errors import Problem
from qualitymonth.journal import encode, iter_events, parse_line
from qualitymonth.journal.events import Event
from qualitymonth.journal.index import _ENCODE, StaleIndex, _canonical
from qualitymonth.journal.index_store import load_index
from qualitymonth.plan import load_plan
from qualitymonth.porcelain import activity_json
from qualitymonth.state import ActivityState, fold, states_from

from .conftest import ROOT, SHIPPED, Invoke

LOADED = load_plan(SHIPPED)
IDS = [a.id for a in LOADED.plan.activities]
FIXTURE = ROOT / "tests" / "fixtures" / "journal-2023-09.jsonl"


def plain(journal: Path, as_of: date) -> tuple[list[tuple], list[Event], list[Problem]]:
    """States, notes (in report order) and problems, reading every line: the reference."""
    problems: list[Problem] = []
    events = iter_events(journal, IDS, problems)
    states = fold(LOADED.plan, LOADED.periods, events, as_of, keep=lambda e: bool(e.note))
    notes = [e for s in states for e in s.history]
    return [_row(s) for s in states], notes, problems


def indexed(
    journal: Path, cache: Path, as_of: date, restore_after: int = 1000
) -> tuple[list[tuple], list[Event], list[bytes]]:
    index = load_index(journal, IDS, cache, restore_after)
    assert index is not None
    assert index.answers(as_of)
    states = states_from(LOADED.plan, LOADED.periods, index.latest, as_of)
    chosen = index.notes_of(IDS)
    events = index.note_events(chosen)
    notes = [e for ident in IDS for e in events.get(ident, ())]
    return [_row(s) for s in states], notes, list(index.note_texts(chosen))


def _row(s: ActivityState) -> tuple:
    d = activity_json(s)
    return tuple(d[k] for k in ("id", "status", "percent", "done_on", "last_note", "overdue"))


# --------------------------------------------------------------------------- lines

CST = timezone(timedelta(hours=8))
TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs"])
    | st.sampled_from('"\\\n\t\x00\x1f中文'),
    min_size=1,
    max_size=12,
)


@st.composite
def event_dicts(draw: st.DrawFn) -> dict:
    action = draw(st.sampled_from(["start", "progress", "done", "reopen", "note"]))
    obj: dict = {
        "v": 1,
        "event": draw(st.sampled_from(["a", "b", "c", 'q"uote', "中"]) | st.uuids().map(str)),
        "activity": draw(st.sampled_from([*IDS, 13])),
        "action": action,
        "date": (date(2023, 9, 1) + timedelta(days=draw(st.integers(0, 20)))).isoformat(),
    }
    if action == "progress" or draw(st.booleans()):
        obj["percent"] = draw(st.integers(0, 100))
    if action == "note" or draw(st.booleans()):
        obj["note"] = draw(TEXT)
    obj["by"] = draw(st.sampled_from(["", "质量科 王芳", 'x"y']))
    stamp = datetime(2023, 9, 1, 8, tzinfo=CST) + timedelta(seconds=draw(st.integers(0, 50)))
    offset = timezone(timedelta(hours=draw(st.sampled_from([0, 8]))))
    obj["recorded_at"] = stamp.astimezone(offset).isoformat()
    return obj


def canonical_line(obj: dict) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, separators=(", ", ": ")) + "\n").encode()


#: Ways a person or another tool may write the same event: none of them may be copied out.
VARIANTS = [
    lambda o: json.dumps(o, ensure_ascii=False, separators=(",", ":")),
    lambda o: json.dumps(o, ensure_ascii=True),
    lambda o: json.dumps(dict(reversed(list(o.items()))), ensure_ascii=False),
    lambda o: json.dumps({**o, "extra": [1]}, ensure_ascii=False),
    lambda o: json.dumps({**o, "percent": None}, ensure_ascii=False),
    lambda o: json.dumps(o, ensure_ascii=False).replace(", ", " ,  "),
    lambda o: json.dumps(o, ensure_ascii=False).replace("/", "\\/"),
]


@st.composite
def journal_lines(draw: st.DrawFn) -> list[bytes]:
    lines = []
    for obj in draw(st.lists(event_dicts(), max_size=25)):
        kind = draw(st.integers(0, 9))
        if kind < 6:
            lines.append(canonical_line(obj))
        elif kind < 9:
            variant = draw(st.sampled_from(VARIANTS))
            lines.append((variant(obj) + "\n").encode())
        else:
            lines.append(draw(st.sampled_from([b"{broken\n", b"\n", b"[1]\n", b'{"v": 2}\n'])))
    if draw(st.booleans()):  # a torn last line
        lines.append(b'{"v": 1, "event": "torn", "activ')
    return lines


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journal_lines(), st.lists(st.integers(0, 30), max_size=3), st.integers(0, 8))
def test_the_index_equals_the_plain_fold_whatever_the_appends(
    lines: list[bytes], cuts: list[int], restore_after: int
) -> None:
    """The journal grows in steps; after each, the index (extended, and stored again when
    the tail is long enough) agrees with a full read: states, notes in order, each note's
    JSON, and the problems."""
    with tempfile.TemporaryDirectory() as tmp:
        journal, cache = Path(tmp) / "j.jsonl", Path(tmp) / "cache"
        steps = sorted({min(c, len(lines)) for c in cuts} | {len(lines)})
        written = 0
        for step in steps:
            with journal.open("ab") as f:
                f.write(b"".join(lines[written:step]))
            written = step
            as_of = date(2023, 9, 21)
            states, notes, problems = plain(journal, as_of)
            got_states, got_notes, texts = indexed(journal, cache, as_of, restore_after)
            assert got_states == states
            assert got_notes == notes
            assert texts == [_ENCODE(e.as_dict()).encode() for e in notes]
            index = load_index(journal, IDS, cache, restore_after)
            assert index is not None
            assert index.problem_count == len(problems)
            assert index.problems == problems[: len(index.problems)]


@settings(max_examples=300, deadline=None)
@given(event_dicts(), st.sampled_from(VARIANTS))
def test_only_lines_exactly_as_qm_writes_them_are_copied_out(obj: dict, variant: object) -> None:
    """Soundness of the byte pattern: a line it accepts is exactly what encoding its event
    again gives, so copying it out is the same as parsing and encoding it."""
    for raw in (canonical_line(obj).rstrip(b"\n"), variant(obj).encode()):  # type: ignore[operator]
        if _canonical().fullmatch(raw):
            assert _ENCODE(parse_line(raw).as_dict()).encode() == raw


def test_every_line_qm_writes_is_copied_out() -> None:
    """Completeness on what matters for speed: qm's own lines, Chinese, quotes and all."""
    from qualitymonth.journal import new_event

    now = datetime(2023, 9, 28, 16, 2, 11, tzinfo=CST)
    for note in ["完成检验检测机构抽查 12 家", 'say "hi"\n\tback\\slash\x01', "行\u2028分隔"]:
        for action, percent in [("done", None), ("progress", 40), ("note", None)]:
            e = new_event(5, action, date(2023, 9, 28), by="王芳", now=now, percent=percent,
                          note=note)  # fmt: skip
            assert _canonical().fullmatch(encode([e]).rstrip(b"\n"))


def test_a_journal_rewritten_under_the_index_is_caught(tmp_path: Path) -> None:
    journal, cache = tmp_path / "j.jsonl", tmp_path / "cache"
    shutil.copyfile(FIXTURE, journal)
    index = load_index(journal, IDS, cache)
    assert index is not None
    chosen = index.notes_of(IDS)
    text = journal.read_text(encoding="utf-8")
    journal.write_text(text.replace('"event": "0000', '"event": "ffff'), encoding="utf-8")
    with pytest.raises(StaleIndex):
        list(index.note_texts(chosen))
    with pytest.raises(StaleIndex):
        index.note_events(chosen)


def test_the_index_does_not_answer_before_its_last_event(tmp_path: Path) -> None:
    journal = tmp_path / "j.jsonl"
    shutil.copyfile(FIXTURE, journal)
    index = load_index(journal, IDS, tmp_path / "cache")
    assert index is not None and index.last_date == date(2023, 10, 7)  # its latest event
    assert index.answers(date(2023, 10, 7))
    assert not index.answers(date(2023, 10, 6))


# --------------------------------------------------------------------------- through qm


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    plan = tmp_path / "campaign-2023.yaml"
    shutil.copyfile(SHIPPED, plan)
    journal = tmp_path / "campaign-2023.journal.jsonl"
    shutil.copyfile(FIXTURE, journal)
    return plan, journal, tmp_path / "cache"


def run_both(qm: Invoke, plan: Path, cache: Path, *args: str) -> tuple[str, str]:
    """The command through the index, and reading the whole journal."""
    base = ("--plan", str(plan), *args)
    env = {"QM_TODAY": "2023-10-08", "QM_CACHE_DIR": str(cache)}
    indexed_run = qm(*base, env=env)
    full_run = qm(*base, env={**env, "QM_NO_CACHE": "1"})
    assert indexed_run.code == full_run.code == 0, indexed_run.stderr + full_run.stderr
    assert indexed_run.stderr == full_run.stderr
    return indexed_run.stdout, full_run.stdout


COMMANDS = [
    ("list", "--format", "json"),
    ("report", "--format", "json"),
    ("report", "--month", "9", "--format", "md"),
    ("report", "--dept", "质量科", "--format", "csv"),
    ("agenda", "--format", "json"),
]


def agree(qm: Invoke, plan: Path, cache: Path) -> None:
    for args in COMMANDS:
        via_index, full = run_both(qm, plan, cache, *args)
        assert via_index == full, args


def index_entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("journal-*.json"))


def test_the_index_is_stored_and_then_used(qm: Invoke, files: tuple[Path, Path, Path]) -> None:
    """Poison a stored index's note (keeping its key): a hit must show the poison — proof
    the index is read at all (the other tests prove it is never read wrongly)."""
    plan, _journal, cache = files
    agree(qm, plan, cache)
    (entry,) = index_entries(cache)
    head, _, notes_line = entry.read_bytes().partition(b"\n")
    record = json.loads(head)
    record["events"]["note"] = ["来自索引" if n else n for n in record["events"]["note"]]
    entry.write_bytes(json.dumps(record, ensure_ascii=False).encode() + b"\n" + notes_line)
    out = qm("--plan", str(plan), "list", "--format", "json",
             env={"QM_TODAY": "2023-10-08", "QM_CACHE_DIR": str(cache)})  # fmt: skip
    assert "来自索引" in out.stdout


def test_appended_events_are_folded_in(qm: Invoke, files: tuple[Path, Path, Path]) -> None:
    plan, _journal, cache = files
    agree(qm, plan, cache)
    env = {"QM_TODAY": "2023-10-08", "QM_CACHE_DIR": str(cache)}
    wrote = qm("--plan", str(plan), "done", "8", "--note", "已完成全部抽查", env=env)
    assert wrote.code == 0, wrote.stderr
    agree(qm, plan, cache)
    out = json.loads(qm("--plan", str(plan), "list", "--format", "json", env=env).stdout)
    assert [a["status"] for a in out if a["id"] == 8] == ["done"]
    report = json.loads(qm("--plan", str(plan), "report", "--format", "json", env=env).stdout)
    assert [n["activity"] for n in report["notes"] if n["note"] == "已完成全部抽查"] == [8]


def test_a_same_size_same_mtime_edit_is_seen(qm: Invoke, files: tuple[Path, Path, Path]) -> None:
    plan, journal, cache = files
    agree(qm, plan, cache)
    st_before = journal.stat()
    text = journal.read_text(encoding="utf-8")
    edited = text.replace('"activity": 7, "action": "start"', '"activity": 9, "action": "start"', 1)
    assert edited != text and len(edited.encode()) == st_before.st_size
    journal.write_text(edited, encoding="utf-8")
    os.utime(journal, ns=(st_before.st_atime_ns, st_before.st_mtime_ns))
    agree(qm, plan, cache)


@pytest.mark.parametrize("how", ["shorter", "replaced", "emptied", "removed"])
def test_a_cut_or_replaced_journal_is_seen(
    qm: Invoke, files: tuple[Path, Path, Path], how: str
) -> None:
    plan, journal, cache = files
    agree(qm, plan, cache)
    lines = journal.read_bytes().splitlines(keepends=True)
    if how == "shorter":
        journal.write_bytes(b"".join(lines[:5]))
    elif how == "replaced":
        other = journal.with_suffix(".new")
        other.write_bytes(b"".join(reversed(lines[3:])))
        os.replace(other, journal)
    elif how == "emptied":
        journal.write_bytes(b"")
    else:
        journal.unlink()
    agree(qm, plan, cache)


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b"",
        lambda b: b"{",
        lambda b: b.partition(b"\n")[0],  # the notes line lost
        lambda b: b.partition(b"\n")[0] + b"\n" + b'{"events": [], "numbers": "!!"}',
        lambda b: b.partition(b"\n")[0] + b"\n" + b'{"events": ["x"], "numbers": ""}',
        lambda b: b.replace(b'"latest":"', b'"latest":"!'),
        lambda b: b.replace(b'"events":{"event":[', b'"events":{"event":[null,'),
        lambda b: b[: len(b) // 2],
        lambda b: b.replace(b'"2023-09-', b'"2023-99-', 1),  # found only when events are made
        lambda b: b.replace(b'{"of":"', b'{"of":"0', 1),  # notes of another index
    ],
    ids=[
        "empty",
        "brace",
        "no-notes",
        "bad-base64",
        "short-numbers",
        "bad-latest",
        "bad-event",
        "half",
        "bad-date",
        "other-notes",
    ],
)
def test_a_damaged_index_is_rebuilt(
    qm: Invoke, files: tuple[Path, Path, Path], damage: Callable[[bytes], bytes]
) -> None:
    plan, _journal, cache = files
    agree(qm, plan, cache)
    (entry,) = index_entries(cache)
    entry.write_bytes(damage(entry.read_bytes()))
    agree(qm, plan, cache)
    agree(qm, plan, cache)  # and again, after qm let the damaged entry go


def test_an_unusable_cache_folder_is_not_an_error(
    qm: Invoke, files: tuple[Path, Path, Path]
) -> None:
    plan, _journal, cache = files
    cache.write_text("a file where the folder should be", encoding="utf-8")
    agree(qm, plan, cache)


def test_an_earlier_as_of_reads_the_whole_journal(
    qm: Invoke, files: tuple[Path, Path, Path]
) -> None:
    plan, _journal, cache = files
    agree(qm, plan, cache)
    env = {"QM_TODAY": "2023-10-08", "QM_CACHE_DIR": str(cache)}
    for args in (("list", "--format", "json"), ("report", "--format", "json")):
        early = qm("--plan", str(plan), *args, "--as-of", "2023-09-15", env=env)
        full = qm("--plan", str(plan), *args, "--as-of", "2023-09-15",
                  env={**env, "QM_NO_CACHE": "1"})  # fmt: skip
        assert early.code == 0 and early.stdout == full.stdout


def test_problems_keep_their_line_numbers_and_a_torn_line_is_not_indexed(
    qm: Invoke, files: tuple[Path, Path, Path]
) -> None:
    plan, journal, cache = files
    lines = journal.read_bytes().splitlines(keepends=True)
    n = len(lines)
    journal.write_bytes(b"".join(lines[:2]) + b"not json\n" + b"".join(lines[2:]) + b'{"v": 1, "ev')
    env = {"QM_TODAY": "2023-10-08", "QM_CACHE_DIR": str(cache)}
    for _ in range(2):  # built, then read back
        out = qm("--plan", str(plan), "list", env={**env, "QM_LANG": "en"})
        assert f"{journal}:3: not valid JSON" in out.stderr
        assert f"{journal}:{n + 2}: the last line is incomplete" in out.stderr
        agree(qm, plan, cache)
    with journal.open("ab") as f:  # the torn line is closed, and a bad line follows
        f.write(b"\n[1]\n")
    out = qm("--plan", str(plan), "list", env={**env, "QM_LANG": "en"})
    assert f"{journal}:3: not valid JSON" in out.stderr
    assert f"{journal}:{n + 2}: not valid JSON" in out.stderr
    assert f"{journal}:{n + 3}: not a JSON object" in out.stderr
    agree(qm, plan, cache)


def test_a_plan_with_other_ids_is_indexed_again(qm: Invoke, files: tuple[Path, Path, Path]) -> None:
    plan, journal, cache = files
    with journal.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"v": 1, "event": "x13", "activity": 13, "action": "done",
                            "date": "2023-09-30", "note": "新增活动已完成", "by": "",
                            "recorded_at": "2023-09-30T10:00:00+08:00"}, ensure_ascii=False)
                + "\n")  # fmt: skip
    env = {"QM_TODAY": "2023-10-08", "QM_CACHE_DIR": str(cache), "QM_LANG": "en"}
    before = qm("--plan", str(plan), "list", "--format", "json", env=env)
    assert "unknown" in before.stderr or "13" in before.stderr
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text + "  - id: 13\n    theme: 新增活动\n    schedule: 9月\n    lead: 质量科\n",
        encoding="utf-8",
    )
    after = qm("--plan", str(plan), "list", "--format", "json", env=env)
    assert after.code == 0 and after.stderr == ""
    assert [a["status"] for a in json.loads(after.stdout) if a["id"] == 13] == ["done"]
    agree(qm, plan, cache)


def test_hand_written_lines_come_out_as_qm_would_write_them(
    qm: Invoke, files: tuple[Path, Path, Path]
) -> None:
    """Lines another tool wrote (other spacing, escapes, key order, extra keys) are parsed
    and encoded again; only qm's own are copied: the report is the same either way."""
    plan, journal, cache = files
    obj = {"v": 1, "event": "hand", "activity": 3, "action": "note", "date": "2023-09-21",
           "note": "手工录入 / “引号”", "by": "质量科",
           "recorded_at": "2023-09-21T09:00:00+08:00"}  # fmt: skip
    with journal.open("a", encoding="utf-8") as f:
        for variant in VARIANTS:
            f.write(variant({**obj, "event": f"hand{VARIANTS.index(variant)}"}) + "\n")
    agree(qm, plan, cache)
    via_index, _ = run_both(qm, plan, cache, "report", "--format", "json")
    notes = json.loads(via_index)["notes"]
    assert sum(n["event"].startswith("hand") for n in notes) == len(VARIANTS)
    assert '"手工录入 / “引号”"' in via_index


def test_readers_beside_writers_always_see_a_whole_journal(
    tmp_path: Path, files: tuple[Path, Path, Path]
) -> None:
    """Real processes: writers append while readers list through the index.  Every reader
    succeeds, and afterwards the index agrees with a full read."""
    plan, _journal, cache = files
    env = {k: v for k, v in os.environ.items() if not k.startswith("QM_")}
    env.update({"QM_TODAY": "2023-10-08", "QM_CACHE_DIR": str(cache), "PYTHONIOENCODING": "utf-8"})
    cmd = [sys.executable, "-m", "qualitymonth", "--plan", str(plan)]
    failures: list[str] = []

    def write(ident: int) -> None:
        for i in range(6):
            p = subprocess.run([*cmd, "note", str(ident), f"并发写入{ident}-{i}"], env=env,
                               capture_output=True, timeout=60)  # fmt: skip
            if p.returncode:
                failures.append(p.stderr.decode())

    def read() -> None:
        for _ in range(6):
            p = subprocess.run([*cmd, "report", "--format", "json"], env=env,
                               capture_output=True, timeout=60)  # fmt: skip
            if p.returncode or p.stderr:
                failures.append(p.stderr.decode())
            else:
                json.loads(p.stdout)

    threads = [threading.Thread(target=write, args=(i,)) for i in (2, 4)]
    threads += [threading.Thread(target=read) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    final = subprocess.run([*cmd, "report", "--format", "json"], env=env, capture_output=True)
    full = subprocess.run([*cmd, "report", "--format", "json"], env={**env, "QM_NO_CACHE": "1"},
                          capture_output=True)  # fmt: skip
    assert final.stdout == full.stdout
    notes = json.loads(final.stdout)["notes"]
    assert sorted(n["note"] for n in notes if n["note"].startswith("并发写入")) == sorted(
        f"并发写入{ident}-{i}" for ident in (2, 4) for i in range(6)
    )
