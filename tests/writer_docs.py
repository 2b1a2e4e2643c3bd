"""Documents for the file writers (html, ics): real ones from the real CLI on the shipped plan
and the fixture journal, and synthetic ones for the edges."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "data" / "campaign-2023.yaml"
JOURNAL = ROOT / "tests" / "fixtures" / "journal-2023-09.jsonl"
AS_OF = "2023-10-08"
HOSTILE = "</script><img src=x onerror=alert(1)>"


def qm_json(cache: Path, *args: str) -> Any:
    """``qm --format json`` run as a real process, with today pinned and a private cache."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QM_")}
    env.update(
        {"QM_TODAY": AS_OF, "QM_CACHE_DIR": str(cache), "PYTHONIOENCODING": "utf-8",
         "PYTHONPATH": str(ROOT)}
    )  # fmt: skip
    argv = [sys.executable, "-m", "qualitymonth", "--plan", str(PLAN), "--journal", str(JOURNAL)]
    proc = subprocess.run(
        [*argv, *args, "--as-of", AS_OF, "--format", "json"],
        capture_output=True, env=env, cwd=ROOT, timeout=60, check=True,
    )  # fmt: skip
    return json.loads(proc.stdout.decode("utf-8"))


def overlaps_month(activity: dict[str, Any], first: date, last: date) -> bool:
    spans = activity.get("periods") or (
        [[activity["start"], activity["end"]]] if activity.get("start") else []
    )
    return any(date.fromisoformat(s) <= last and date.fromisoformat(e) >= first for s, e in spans)


def september_report(cache: Path) -> dict[str, Any]:
    """``qm report --month 9`` of the shipped plan as of 2023-10-08, with its activities."""
    report = qm_json(cache, "report", "--month", "9")
    activities = qm_json(cache, "list")
    scoped = [a for a in activities if overlaps_month(a, date(2023, 9, 1), date(2023, 9, 30))]
    return report | {"activities": scoped}


def shipped_list(cache: Path) -> dict[str, Any]:
    report = qm_json(cache, "report")
    return {"campaign": report["campaign"], "as_of": AS_OF, "activities": qm_json(cache, "list")}


def activity(i: int, **fields: Any) -> dict[str, Any]:
    """A synthetic activity: dated September 2023 unless ``fields`` say otherwise."""
    base: dict[str, Any] = {
        "id": i, "theme": f"第{i}项活动：加强质量宣传", "content": "", "schedule": "9月",
        "start": "2023-09-01", "end": "2023-09-30", "periods": [["2023-09-01", "2023-09-30"]],
        "lead": "质量科", "assist": ["各监管所"], "remark": "", "status": "todo", "percent": 0,
        "overdue": False, "late": False, "done_on": None, "last_note": None,
    }  # fmt: skip
    return base | fields


def big_report(n: int) -> dict[str, Any]:
    """A report document of ``n`` activities in ten departments, a third overdue, with notes."""
    depts = ["质量科", "市管科", "执法大队", "特安科", "消保科", "计量所", "办公室", "综合科",
             "法规科", "登记科"]  # fmt: skip
    acts, notes = [], []
    for i in range(1, n + 1):
        status = ("done", "doing", "todo")[i % 3]
        end = date(2023, 9, 1) + timedelta(days=i % 60)
        acts.append(
            activity(
                i, lead=depts[i % len(depts)], status=status, end=end.isoformat(),
                periods=[["2023-09-01", end.isoformat()]],
                overdue=status != "done" and end < date(2023, 10, 8),
                last_note=f"第{i}条进展" if i % 2 else None,
            )
        )  # fmt: skip
        for k in range(2):
            notes.append(
                {"v": 1, "event": f"{i:016x}{k:016x}", "activity": i, "action": "note",
                 "date": "2023-09-20", "note": f"第{i}项的第{k}条备注", "by": "质量科",
                 "recorded_at": "2023-09-20T10:00:00+08:00"}
            )  # fmt: skip

    def counts(rows: list[dict[str, Any]]) -> dict[str, Any]:
        c = {k: sum(a["status"] == k for a in rows) for k in ("done", "doing", "todo")}
        return {
            "activities": len(rows), **c, "overdue": sum(a["overdue"] for a in rows), "late": 0,
            "completion_rate": c["done"] / len(rows) if rows else 0.0,
        }  # fmt: skip

    return {
        "campaign": {"name": "2023年“质量月”活动（汇总）", "year": 2023,
                     "issuer": "永安市市场监督管理局", "doc_no": "永市监质〔2023〕35号",
                     "issued": "2023-09-13", "theme": "", "report_to": None},
        "as_of": AS_OF,
        "scope": {"month": None, "dept": None},
        "totals": counts(acts),
        "by_department": [
            {"department": d, **counts([a for a in acts if a["lead"] == d])} for d in depts
        ],
        "by_month": [{"month": "2023-09", **counts(acts)}],
        "overdue": [a for a in acts if a["overdue"]],
        "undated": [],
        "notes": notes,
        "activities": acts,
    }  # fmt: skip


def need_program(path: str) -> str:
    """The program's path; skip when it is missing, unless under CI, where that is a failure."""
    found = shutil.which(path)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{path} is required under CI")
    pytest.skip(f"{path} is not installed")
