"""Finding, decoding and validating plan files, with every problem located."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from qualitymonth.errors import DataError, PlanError
from qualitymonth.plan import MAX_PLAN_BYTES, find_plan, load_plan, read_text
from qualitymonth.plan.yaml_reader import load_yaml
from qualitymonth.schedule import Period

from .conftest import BROKEN, MINIMAL, SHIPPED

PlanFile = Callable[..., Path]


def problems_of(path: Path) -> list[str]:
    with pytest.raises(PlanError) as err:
        load_plan(path)
    return [p.format("en") for p in err.value.problems]


# --------------------------------------------------------------------------- finding


def test_explicit_path_wins(tmp_path: Path) -> None:
    assert find_plan("x.yaml", tmp_path) == Path("x.yaml")


def test_default_is_the_highest_year(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    for name in ("campaign-2023.yaml", "campaign-2024.yaml", "campaign-2022.yaml", "other.yaml"):
        (tmp_path / "data" / name).write_text(MINIMAL, encoding="utf-8")
    # the 2022 file is the newest on disk, but the year decides
    os.utime(tmp_path / "data" / "campaign-2022.yaml", (time.time() + 100, time.time() + 100))
    assert find_plan(None, tmp_path).name == "campaign-2024.yaml"


def test_no_plan_found_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError) as err:
        find_plan(None, tmp_path)
    assert err.value.key == "plan_not_found"
    assert "--plan" in str(err.value)


# --------------------------------------------------------------------------- decoding


def test_utf8_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.encode())
    assert load_plan(path).plan.campaign.name == "测试活动"


def test_crlf_line_ends_are_read(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(MINIMAL.replace("\n", "\r\n").encode())
    assert load_plan(path).plan.activities[0].theme == "宣传"


def test_gbk_is_detected_and_refused_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes(MINIMAL.encode("gbk"))
    with pytest.raises(DataError) as err:
        read_text(path)
    assert err.value.key == "file_gbk"
    assert "iconv -f GB18030 -t UTF-8" in str(err.value)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_is_refused(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "u16.yaml"
    path.write_bytes(MINIMAL.encode(encoding))
    with pytest.raises(DataError) as err:
        read_text(path)
    assert err.value.key == "file_utf16"


def test_binary_garbage_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bin.yaml"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(DataError) as err:
        read_text(path)
    assert err.value.key in ("file_binary", "file_utf16")


def test_invalid_utf8_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"campaign:\n  name: \xff\xfe\xfd\xfc\x80\n")
    with pytest.raises(DataError) as err:
        read_text(path)
    assert err.value.key == "file_not_utf8"
    assert err.value.params["line"] == 2


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(DataError) as err:
        load_plan(tmp_path / "nope.yaml")
    assert err.value.key == "file_missing"
    with pytest.raises(DataError) as err:
        load_plan(tmp_path)
    assert err.value.key == "file_is_dir"


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as f:
        f.truncate(MAX_PLAN_BYTES + 1)  # sparse: costs no disk
    started = time.perf_counter()
    with pytest.raises(DataError) as err:
        load_plan(path)
    assert err.value.key == "file_too_large"
    assert time.perf_counter() - started < 5  # refused without reading 32 MB


# --------------------------------------------------------------------------- YAML


def test_yaml_syntax_error_is_located(plan_file: PlanFile) -> None:
    path = plan_file('campaign:\n  name: "unclosed\n  year: 2023\n')
    (line,) = problems_of(path)
    assert line.startswith(f"{path}:")
    assert "YAML syntax error" in line


def test_tab_indentation_gets_advice(plan_file: PlanFile) -> None:
    path = plan_file("campaign:\n\tname: x\n")
    (line,) = problems_of(path)
    assert line.startswith(f"{path}:2:")
    assert "tab" in line


def test_python_tags_are_refused_not_run(plan_file: PlanFile, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    path = plan_file(
        MINIMAL.replace(
            "name: 测试活动", f"name: !!python/object/apply:os.system ['touch {marker}']"
        )
    )
    lines = problems_of(path)
    assert any(":2:9:" in ln and "unsupported YAML tag" in ln for ln in lines)
    assert not marker.exists()


def test_alias_bomb_is_refused_fast(plan_file: PlanFile) -> None:
    bomb = ['a0: &a0 ["lol"]']
    for i in range(1, 12):
        bomb.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    path = plan_file("\n".join(bomb) + "\n" + MINIMAL)
    started = time.perf_counter()
    (line,) = problems_of(path)
    assert "expands to more than" in line
    assert time.perf_counter() - started < 5


def test_recursive_alias_is_refused(plan_file: PlanFile) -> None:
    path = plan_file("x: &a [*a]\n" + MINIMAL)
    (line,) = problems_of(path)
    assert "expands to more than" in line or "nested too deeply" in line


def test_small_aliases_are_fine(plan_file: PlanFile) -> None:
    path = plan_file(
        MINIMAL.replace("lead: 质量科", "lead: &q 质量科")
        + "\n  - id: 2\n    theme: b\n    schedule: 9月\n    lead: *q\n"
    )
    assert [a.lead for a in load_plan(path).plan.activities] == ["质量科", "质量科"]


#: YAML forms a hand-written plan may use; the builder must read each as PyYAML does.
YAML_FORMS = [
    "a: &x {k: 1, j: 2}\nb:\n  <<: *x\n  j: 3\n",
    "base: &b {a: 1}\nmore: &m {a: 2, c: 3}\nx:\n  <<: [*b, *m]\n  d: 4\n",
    "a: !!str 123\nb: !!int '7'\nc: 2023-09-13\nd: ~\ne: yes\nf: 1.5\ng: |\n  一\n  二\n",
    "- &s 质量科\n- *s\n- [1, 2, {a: b}]\n- !!seq [x]\n- !!map {k: v}\n",
    "? complex key\n: value\n'quoted': \"double\"\n0o17: 0x1f\n",
    "活动: &a\n  - 序号: 1\n    时间安排: 9月\n复制: *a\n",
    "&k a: 1\nb: *k\n",  # an anchored key
    "base: &v key\n*v : value\n",  # an alias as a key
]


@pytest.mark.parametrize("text", YAML_FORMS)
def test_the_builder_reads_yaml_as_pyyaml_does(text: str) -> None:
    assert load_yaml(text, "x")[0] == yaml.safe_load(text)


_SCALARS = (
    st.text(max_size=8)
    | st.integers(-(10**6), 10**6)
    | st.booleans()
    | st.none()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.dates()
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(_DATA, st.booleans(), st.booleans())
def test_any_dumped_data_reads_back_as_pyyaml_reads_it(
    data: object, flow: bool, share: bool
) -> None:
    """A differential test: whatever ``yaml.safe_dump`` writes (block or flow style, with an
    anchor and an alias when a value is shared), the builder reads what PyYAML reads."""
    if share:
        data = {"first": data, "again": data}  # safe_dump writes &id001 ... *id001
    text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow)
    assert load_yaml(text, "x")[0] == yaml.safe_load(text)


def test_duplicate_keys_are_refused(plan_file: PlanFile) -> None:
    path = plan_file(MINIMAL + "    lead: 计量所\n")
    (line,) = problems_of(path)
    assert line == f"{path}:10:5: duplicate key 'lead' (first at line 9)"


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n"])
def test_empty_plan(plan_file: PlanFile, text: str) -> None:
    (line,) = problems_of(plan_file(text))
    assert "empty" in line


def test_two_documents_are_refused(plan_file: PlanFile) -> None:
    (line,) = problems_of(plan_file(MINIMAL + "---\n" + MINIMAL))
    assert "one YAML document" in line


def test_a_list_where_the_plan_belongs(plan_file: PlanFile) -> None:
    (line,) = problems_of(plan_file("- a\n- b\n"))
    assert "'plan' should be a mapping" in line


# --------------------------------------------------------------------------- validation


def test_every_problem_is_reported_with_its_line(plan_file: PlanFile) -> None:
    path = plan_file(BROKEN)
    with pytest.raises(PlanError) as err:
        load_plan(path)
    assert [p.format("en") for p in err.value.problems] == [
        f"{path}:9:9: activity id 1 is used twice (first at line 5)",
        f"{path}:13:5: activity 3: missing required key 'lead'",
    ]
    (schedule,) = err.value.schedule_problems
    assert schedule.format("en").startswith(
        f"{path}:11:15: activity 1: cannot read the schedule '某个时候'; write it like: 9月、"
    )


def test_unknown_key_suggests_the_right_one(plan_file: PlanFile) -> None:
    path = plan_file(MINIMAL.replace("lead:", "leed:"))
    assert (
        problems_of(path)
        == [
            f"{path}:9:5: activity 1: unknown key 'leed' (did you mean 'lead'?)",
            f"{path}:6:5: activity 1: missing required key 'lead'",
        ][::-1]
    )


def test_problems_are_in_chinese_by_default(plan_file: PlanFile) -> None:
    path = plan_file(MINIMAL.replace("id: 1", "id: 一"))
    with pytest.raises(PlanError) as err:
        load_plan(path)
    assert err.value.message("zh") == f"{path}:6:9: “id”应为整数，而不是 '一'"


def test_both_english_and_chinese_key_is_refused(plan_file: PlanFile) -> None:
    path = plan_file(MINIMAL.replace("theme: 宣传", "theme: 宣传\n    活动主题: 宣传"))
    (line,) = problems_of(path)
    assert "'活动主题' and 'theme' are the same key" in line


def test_chinese_keys_are_located_too(plan_file: PlanFile) -> None:
    text = MINIMAL.replace("id: 1", "序号: 0").replace("lead: 质量科", "牵头部门: ''")
    path = plan_file(text)
    assert problems_of(path) == [
        f"{path}:6:9: '序号' should be positive, not 0",
        f"{path}:9:11: '牵头部门' must not be empty",
    ]


def test_explicit_start_and_end_win_over_the_schedule(plan_file: PlanFile) -> None:
    path = plan_file(MINIMAL + "    start: 2023-09-05\n    end: 2023-09-08\n")
    loaded = load_plan(path)
    assert loaded.periods[1] == Period(
        loaded.plan.activities[0].start, loaded.plan.activities[0].end
    )  # type: ignore[arg-type]


def test_unreadable_schedule_is_not_structural(plan_file: PlanFile) -> None:
    path = plan_file(MINIMAL.replace("schedule: 9月", "schedule: 省出台文件后2个月"))
    loaded = load_plan(path)
    assert loaded.periods[1] is None
    (problem,) = loaded.schedule_problems
    assert problem.format("en").startswith(f"{path}:8:15: activity 1: cannot read the schedule")


def test_unreadable_schedule_with_explicit_dates_is_fine(plan_file: PlanFile) -> None:
    path = plan_file(
        MINIMAL.replace("schedule: 9月", "schedule: 另见附件")
        + "    start: 2023-09-01\n    end: 2023-09-03\n"
    )
    assert load_plan(path).schedule_problems == []


def test_shipped_plan_is_valid_and_dated() -> None:
    loaded = load_plan(SHIPPED)
    assert len(loaded.plan.activities) == 12
    assert all(p is not None for p in loaded.periods.values())


def test_too_many_activities_is_refused(plan_file: PlanFile) -> None:
    from qualitymonth.plan.schema import MAX_ACTIVITIES

    rows = "".join(
        f"  - {{id: {i}, theme: 宣传, schedule: 9月, lead: 质量科}}\n"
        for i in range(1, MAX_ACTIVITIES + 2)
    )
    path = plan_file(MINIMAL.split("activities:")[0] + "activities:\n" + rows)
    (line,) = problems_of(path)
    assert (
        line == f"{path}:6:3: the plan has more than {MAX_ACTIVITIES} activities; it is not a plan"
    )
