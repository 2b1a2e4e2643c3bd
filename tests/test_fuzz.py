"""Fuzzing: generated and mutated plans and journals never crash qm or change a file.

The budget is small by default (CI); ``python bench/fuzz.py`` runs the long profile.
Invariants: no uncaught exception (CliRunner re-raises one), exit code in {0, 1, 2}, read
commands change no file, the fold never loses an event, report totals equal their rows.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import SHIPPED, Invoke

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

TEXT = st.text(
    alphabet=st.sampled_from(
        [
            *"质量科月宣传活动九十一二、，：:- []{}#&*!|>'\"\t\n\\",
            "\x00",
            "\u202e",
            "\x1b",
            "\u3000",
            "９",
        ]
    ),
    max_size=12,
)
SCHEDULES = st.sampled_from(
    ["9月", "9-10 月", "9月中旬", "全年", "待定", "某个时候", "10月-次年3月", ""]
)


@st.composite
def plans(draw: st.DrawFn) -> str:
    n = draw(st.integers(1, 6))
    activities = [
        {
            "id": draw(st.one_of(st.integers(-1, 8), st.just(i + 1), st.text(max_size=2))),
            "theme": draw(st.one_of(TEXT, st.just("宣传"))),
            "schedule": draw(st.one_of(SCHEDULES, TEXT)),
            "lead": draw(st.sampled_from(["质量科", "消保科", "", "质量监督科"])),
            "assist": draw(
                st.lists(st.sampled_from(["办公室", "各监管所", "各县(市、区)"]), max_size=2)
            ),
        }
        for i in range(n)
    ]
    data = {
        "campaign": {
            "name": "质量月",
            "year": draw(st.integers(2022, 2024)),
            "issued": "2023-09-13",
        },
        "departments": draw(
            st.sampled_from([{}, {"质量科": ["质量监督科"]}, {"财务科": ["财务"]}])
        ),
        "activities": activities,
    }
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    for _ in range(draw(st.integers(0, 3))):  # mutate: cut, insert or swap a character
        if not text:
            break
        at = draw(st.integers(0, len(text) - 1))
        how = draw(st.sampled_from(["cut", "insert", "swap"]))
        piece = draw(
            st.sampled_from(["\t", ":", "-", "'", '"', "[", "&a", "*a", "\x00", "！！", "\n  "])
        )
        if how == "cut":
            text = text[:at] + text[at + 1 :]
        elif how == "insert":
            text = text[:at] + piece + text[at:]
        else:
            text = text[:at] + piece + text[at + len(piece) :]
    return text


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir() if p.is_file()
    }


@FUZZ
@given(plans())
def test_fuzzed_plans_never_crash_or_write(qm: Invoke, tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("fuzz-plan")
    plan = folder / "plan.yaml"
    plan.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = snapshot(folder)
    for args in (("validate",), ("list", "-f", "json"), ("report", "-f", "json"), ("timeline",)):
        run = qm("--lang", "en", "--plan", str(plan), *args)
        assert run.code in (0, 1, 2)
        assert "Traceback" not in run.stderr
        if run.code == 0 and args[-1] == "json":
            json.loads(run.stdout)
    assert snapshot(folder) == before


GOOD = st.fixed_dictionaries(
    {
        "activity": st.integers(1, 12),
        "action": st.sampled_from(["start", "progress", "done", "reopen", "note"]),
        "day": st.integers(1, 30),
        "percent": st.integers(0, 100),
        "note": st.one_of(st.none(), TEXT),
    }
)
BAD = st.sampled_from(
    [
        "{", "[1]", '"text"', "null", '{"v": 1}', "<<<<<<< HEAD", "\x00\x01",
        '{"v": 1, "event": "x", "activity": 5, "action": "boom"}',
        '{"v": 1, "event": "y", "activity": "5", "action": "done", "date": "2023-09-01"}',
        '{"v": 1, "event": "z", "activity": 5, "action": "done", "date": "2023-02-30", '
        '"by": "", "recorded_at": "2023-09-01T09:00:00+08:00"}',
    ]
)  # fmt: skip


@FUZZ
@given(st.lists(st.one_of(GOOD, BAD), max_size=40), st.booleans())
def test_fuzzed_journals_lose_no_event(
    qm: Invoke, tmp_path_factory, lines: list, torn: bool
) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("fuzz-journal")
    plan = folder / "campaign-2023.yaml"
    plan.write_bytes(SHIPPED.read_bytes())
    out, good_ids = [], []
    for i, item in enumerate(lines):
        if isinstance(item, str):
            out.append(item)
            continue
        event = {
            "v": 1, "event": f"{i:032x}", "activity": item["activity"], "action": item["action"],
            "date": f"2023-09-{item['day']:02d}", "by": "fuzz",
            "recorded_at": f"2023-09-{item['day']:02d}T09:{i % 60:02d}:00+08:00",
        }  # fmt: skip
        if item["action"] == "progress":
            event["percent"] = item["percent"]
        if item["note"] is not None:
            event["note"] = item["note"]
        out.append(json.dumps(event, ensure_ascii=False))
        good_ids.append(event["event"])
    text = "\n".join(out) + "\n"
    if torn and out:  # a crash cut the last line in half: that line alone may be lost
        text = text[: len(text) - 1 - len(out[-1]) // 2]
    journal = folder / "campaign-2023.journal.jsonl"
    journal.write_text(text, encoding="utf-8", errors="surrogatepass")
    before = snapshot(folder)
    base = ("--lang", "en", "--plan", str(plan), "--as-of", "2023-12-31")
    log = qm(*base, "log", "-f", "json")
    assert log.code == 0 and "Traceback" not in log.stderr
    logged = [e["event"] for e in json.loads(log.stdout)]
    last_was_good = bool(lines) and not isinstance(lines[-1], str)
    expected = good_ids[:-1] if torn and last_was_good and len(out[-1]) > 1 else good_ids
    assert sorted(logged) == sorted(expected)
    report = qm(*base, "report", "-f", "json")
    assert report.code == 0
    data = json.loads(report.stdout)
    for key in ("activities", "done", "doing", "todo", "overdue", "late"):
        assert data["totals"][key] == sum(row[key] for row in data["by_department"])
    listed = json.loads(qm(*base, "list", "-f", "json").stdout)
    assert data["totals"]["done"] == sum(a["status"] == "done" for a in listed)
    assert snapshot(folder) == before
