"""The plan cache is never wrong: qm always shows the plan that is on disk."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from qualitymonth.cache import default_cache_dir
from qualitymonth.errors import PlanError
from qualitymonth.plan import load_plan

from .conftest import SHIPPED, Invoke


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "campaign-2023.yaml"
    shutil.copyfile(SHIPPED, path)
    return path


def entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("plan-*.json")) if cache.exists() else []


def test_a_cached_plan_equals_a_fresh_one(plan: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh = load_plan(plan, cache)
    assert len(entries(cache)) == 1
    cached = load_plan(plan, cache)
    assert cached == fresh
    assert cached.plan.canonical() == fresh.plan.canonical()


def test_the_cache_is_used(plan: Path, tmp_path: Path) -> None:
    """Poison the entry's payload (keeping its key): a hit must serve the poisoned copy —
    proof that the cache is read at all.  (The other tests prove it is never read wrongly.)"""
    cache = tmp_path / "cache"
    load_plan(plan, cache)
    (entry,) = entries(cache)
    record = json.loads(entry.read_text(encoding="utf-8"))
    record["payload"]["plan"]["campaign"][0] = "来自缓存"
    entry.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert load_plan(plan, cache).plan.campaign.name == "来自缓存"


def test_same_size_same_mtime_edit_is_seen(plan: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_plan(plan, cache)
    stat = plan.stat()
    text = plan.read_text(encoding="utf-8").replace("lead: 特安科", "lead: 市管科")  # same bytes
    plan.write_text(text, encoding="utf-8")
    os.utime(plan, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert plan.stat().st_size == stat.st_size and plan.stat().st_mtime_ns == stat.st_mtime_ns
    assert load_plan(plan, cache).plan.activity(8).lead == "市管科"  # type: ignore[union-attr]


def test_replaced_plan_is_seen(plan: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_plan(plan, cache)
    other = tmp_path / "new.yaml"
    other.write_text(
        SHIPPED.read_text(encoding="utf-8").replace("year: 2023", "year: 2024"), encoding="utf-8"
    )
    os.replace(other, plan)
    assert load_plan(plan, cache).plan.campaign.year == 2024


@pytest.mark.parametrize("garbage", [b"", b"{", b"[]", b'{"format": 1}', b"\xff\xfe", b"null"])
def test_corrupt_cache_is_rebuilt(plan: Path, tmp_path: Path, garbage: bytes) -> None:
    cache = tmp_path / "cache"
    fresh = load_plan(plan, cache)
    (entry,) = entries(cache)
    entry.write_bytes(garbage)
    assert load_plan(plan, cache) == fresh
    assert json.loads(entry.read_bytes())["sha256"]  # rewritten whole


def test_wrong_shape_payload_is_rebuilt(plan: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    fresh = load_plan(plan, cache)
    (entry,) = entries(cache)
    record = json.loads(entry.read_text(encoding="utf-8"))
    record["payload"] = {"plan": 1}
    entry.write_text(json.dumps(record), encoding="utf-8")
    assert load_plan(plan, cache) == fresh


def test_unwritable_cache_folder_is_not_an_error(plan: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    assert load_plan(plan, blocker / "cache").plan.campaign.year == 2023
    assert blocker.read_text() == "a file where the cache folder should be"


def test_invalid_plans_are_never_cached(plan: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    plan.write_text("campaign: [", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(PlanError):
            load_plan(plan, cache)
    assert entries(cache) == []


def test_schedule_warnings_survive_the_cache(plan: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    plan.write_text(
        SHIPPED.read_text(encoding="utf-8").replace("schedule: 全年", "schedule: 另见附件"),
        encoding="utf-8",
    )
    fresh = load_plan(plan, cache)
    cached = load_plan(plan, cache)
    assert [p.format("en") for p in cached.schedule_problems] == [
        p.format("en") for p in fresh.schedule_problems
    ]
    assert len(cached.schedule_problems) == 1


def test_cli_shows_the_edit_immediately(qm: Invoke, plan: Path) -> None:
    assert "畅通消费者投诉举报渠道" in qm("--plan", str(plan), "show", "10").stdout
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("畅通消费者投诉举报渠道", "畅通投诉举报渠道改"),
        encoding="utf-8",
    )
    assert "畅通投诉举报渠道改" in qm("--plan", str(plan), "show", "10").stdout


def test_default_cache_folder() -> None:
    home = Path("/home/clerk")
    assert default_cache_dir({}, home) in (
        home / ".cache" / "qm",
        home / "Library" / "Caches" / "qm",
        home / "AppData" / "Local" / "qm" / "Cache",
    )
    assert default_cache_dir({"QM_CACHE_DIR": "/x"}, home) == Path("/x")
    assert default_cache_dir({"QM_NO_CACHE": "1"}, home) is None
