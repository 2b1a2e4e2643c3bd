"""The plan model: aliases, strictness, cross-field rules, and the shipped plan's facts."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from qualitymonth.model import alias_conflicts, duplicate_ids, split_names
from qualitymonth.plan import load_plan
from qualitymonth.plan.schema import ActivitySchema as Activity
from qualitymonth.plan.schema import PlanSchema as Plan

from .conftest import ANNEX2, SHIPPED


def activity(**over: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"id": 1, "theme": "宣传", "schedule": "9月", "lead": "质量科"}
    base.update(over)
    return base


def test_chinese_keys_are_accepted_beside_english_ones() -> None:
    a = Activity.model_validate(
        {"序号": 3, "活动主题": "讲座", "活动内容": "公益培训", "时间安排": "9 月",
         "牵头部门": "质量科", "协办单位": ["各监管所"], "备注": "无"}
    )  # fmt: skip
    assert (a.id, a.theme, a.content, a.schedule, a.lead, a.assist, a.remark) == (
        3, "讲座", "公益培训", "9 月", "质量科", ["各监管所"], "无"
    )  # fmt: skip


def test_models_are_frozen() -> None:
    a = Activity.model_validate(activity())
    with pytest.raises(ValidationError):
        a.theme = "改"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("over", "error_type"),
    [
        ({"id": "1"}, "int_type"),
        ({"id": 0}, "greater_than"),
        ({"id": -3}, "greater_than"),
        ({"id": True}, "int_type"),
        ({"lead": ""}, "string_too_short"),
        ({"lead": "   "}, "string_too_short"),
        ({"theme": None}, "string_type"),
        ({"leader": "x"}, "extra_forbidden"),
        ({"start": "2023-02-30"}, "date_from_datetime_parsing"),
    ],
)
def test_bad_fields_are_rejected(over: dict[str, Any], error_type: str) -> None:
    with pytest.raises(ValidationError) as err:
        Activity.model_validate(activity(**over))
    assert error_type in {e["type"] for e in err.value.errors()}


def test_missing_lead_is_rejected() -> None:
    data = activity()
    del data["lead"]
    with pytest.raises(ValidationError) as err:
        Activity.model_validate(data)
    assert [e["type"] for e in err.value.errors()] == ["missing"]


def test_optional_fields_default_to_empty() -> None:
    a = Activity.model_validate(activity(remark=None, assist=None))
    assert (a.content, a.remark, a.assist, a.start, a.end) == ("", "", [], None, None)


def test_assist_written_as_one_string_is_split_outside_brackets() -> None:
    a = Activity.model_validate(activity(assist="办公室、计量所，各县(市、区)人民政府"))
    assert a.assist == ["办公室", "计量所", "各县(市、区)人民政府"]


def test_split_names_handles_every_separator() -> None:
    assert split_names("甲、乙，丙,丁;戊；己") == ["甲", "乙", "丙", "丁", "戊", "己"]
    assert split_names("各县（市、区）人民政府、办公室") == ["各县（市、区）人民政府", "办公室"]


def test_dates_in_chinese_are_read() -> None:
    a = Activity.model_validate(activity(start="2023年9月1日", end="2023/9/30"))
    assert (a.start, a.end) == (date(2023, 9, 1), date(2023, 9, 30))


def test_start_after_end_is_rejected() -> None:
    with pytest.raises(ValidationError) as err:
        Activity.model_validate(activity(start=date(2023, 10, 1), end=date(2023, 9, 1)))
    assert err.value.errors()[0]["type"] == "qm_start_after_end"


def _plan(**over: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "campaign": {"name": "质量月", "year": 2023},
        "activities": [activity()],
    }
    data.update(over)
    return data


def test_duplicate_ids_are_rejected_and_located() -> None:
    acts = [activity(id=1), activity(id=2), activity(id=1), activity(id=2)]
    with pytest.raises(ValidationError) as err:
        Plan.model_validate(_plan(activities=acts))
    assert err.value.errors()[0]["type"] == "qm_duplicate_id"
    assert duplicate_ids(acts) == [(2, 1, 0), (3, 2, 1)]


def test_alias_conflicts_are_found() -> None:
    assert alias_conflicts({"质量科": ["质监"], "计量科": ["质监"]}) == [
        ("质监", "质量科", "计量科")
    ]
    assert alias_conflicts({"质量科": ["计量科"], "计量科": []}) == [("计量科", "计量科", "质量科")]
    with pytest.raises(ValidationError):
        Plan.model_validate(_plan(departments={"质量科": ["质监"], "计量科": ["质监"]}))


def test_plan_needs_activities() -> None:
    with pytest.raises(ValidationError):
        Plan.model_validate(_plan(activities=[]))


def test_canonical_names_know_aliases() -> None:
    plan = Plan.model_validate(_plan(departments={"质量科": ["质量监督科"]})).to_model()
    assert plan.canonical()["质量监督科"] == "质量科"
    assert plan.department_names() == ["质量科"]


# --------------------------------------------------------------------------- the shipped plan


def test_shipped_plan_encodes_the_notice_header() -> None:
    c = load_plan(SHIPPED).plan.campaign
    assert c.name == "2023年“质量月”活动"
    assert c.year == 2023
    assert c.issuer == "永安市市场监督管理局"
    assert c.doc_no == "永市监质〔2023〕35号"
    assert c.issued == date(2023, 9, 13)
    assert c.theme == "增强质量意识 推进高质量发展"
    assert c.report_to == "质量监督科"


def test_shipped_plan_has_the_nine_slogans() -> None:
    slogans = load_plan(SHIPPED).plan.slogans
    assert len(slogans) == 9
    assert slogans[0] == "大力增强质量意识 加快建设质量强国"
    assert slogans[-1] == "弘扬工匠精神 推动品质革命"


def test_shipped_plan_has_annex_2_word_for_word() -> None:
    loaded = load_plan(SHIPPED)
    rows = [(a.id, a.schedule, a.lead, list(a.assist)) for a in loaded.plan.activities]
    assert rows == ANNEX2
    assert loaded.schedule_problems == []
    twelve = loaded.plan.activity(12)
    assert twelve is not None and "体系统度" in twelve.content  # the notice's typo, kept
    assert loaded.plan.activity(9) is not None
    assert loaded.plan.activity(9).theme == "“铁拳”出击，助力产品质量安全"  # type: ignore[union-attr]
