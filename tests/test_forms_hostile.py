"""Hostile forms: each case of the catalogue is refused with one clear sentence, nothing is
proposed, and the refusal costs little.  Time and memory are measured in a subprocess (the
refusal's CPU time, tracemalloc's peak, the process's peak resident size), so one case's
allocations cannot hide behind another's; the limits are an order of magnitude above what
a refusal takes, and ``bench/forms.py`` prints the actual figures.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualitymonth.forms import safety

from .conftest import ROOT
from .forms_kit import fill, make_form, read, shipped
from .hostile_forms import CASES, SHEET_XML, Hostile, billion_laughs, external_entity, rewrite_zip

_PROBE = r"""
import json, resource, sys, time, tracemalloc
from datetime import date
from pathlib import Path
from qualitymonth.forms.read import read_form

def peak_rss_mb():
    # VmHWM starts afresh at exec; ru_maxrss keeps the forking parent's peak on Linux.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

path, setup = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
def once():
    return read_form(path, plan_id=setup["plan_id"], activities=setup["activities"],
                     department_of=setup["canonical"], today=date(2023, 10, 8))
wall, cpu = time.perf_counter(), time.process_time()
got = once()  # timed without tracemalloc, which slows Python code several times
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
tracemalloc.start()
once()
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({
    "problems": [[p.cell, p.key, p.format("zh")] for p in got.problems],
    "proposals": len(got.proposals), "cpu": cpu, "wall": wall, "traced_mb": peak / 2**20,
    "rss_mb": peak_rss_mb(),
}, ensure_ascii=False))
"""

#: CPU seconds a refusal may take.  The row-limit cases read 5,000 rows before they know.
CPU_LIMIT = {"rows_6000_no_dimension": 5.0}
MEMORY_MB = 100


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile")


_BUILT: dict[str, Path] = {}


def built(case: Hostile, folder: Path) -> Path:
    if case.name not in _BUILT:
        _BUILT[case.name] = case.build(folder)
    return _BUILT[case.name]


@pytest.fixture(scope="session")
def setup_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    s = shipped()
    path = tmp_path_factory.mktemp("setup") / "setup.json"
    data = {"plan_id": s.plan_id, "activities": s.activities, "canonical": s.canonical}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def probe(path: Path, setup_file: Path) -> dict[str, Any]:
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path), str(setup_file)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    result: dict[str, Any] = json.loads(run.stdout)
    return result


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_hostile_file_is_refused_whole_quickly_and_in_little_memory(
    case: Hostile, hostile_dir: Path, setup_file: Path
) -> None:
    path = built(case, hostile_dir)
    got = probe(path, setup_file)
    assert [(cell, key) for cell, key, _ in got["problems"]] == [(None, case.key)]
    assert got["proposals"] == 0
    assert got["cpu"] < CPU_LIMIT.get(case.name, 1.0), got
    assert got["traced_mb"] < MEMORY_MB, got
    assert got["rss_mb"] < MEMORY_MB, got


MESSAGES = {
    "big_30mb": "文件有 30 MB，超过 20 MB 的上限，未读取；进展填报表不会这么大",
    "rows_6000": "表中超过 5,000 行（到第 6,003 行仍有内容），未读取",
    "rows_6000_no_dimension": "表中超过 5,000 行（到第 5,011 行仍有内容），未读取",
    "sparse_row_9000": "表中超过 5,000 行（到第 9,000 行仍有内容），未读取",
    "zip_declares_1gb": "压缩内容异常（xl/worksheets/sheet1.xml 声称解压后有 1024 MB），"
    "疑似压缩炸弹，未读取",
    "billion_laughs": "文件含有不安全的 XML 内容（xl/worksheets/sheet1.xml 中有 DTD 或实体声明），"
    "未读取",
    "entity_in_workbook": "文件含有不安全的 XML 内容（xl/workbook.xml 中有 DTD 或实体声明），"
    "未读取",
    "not_a_zip": "不是 .xlsx 文件（内容不是 Excel 工作簿）；请用 Excel 或 WPS 另存为 .xlsx 后再发",
    "ole_xls": "是旧版 .xls 文件，或设置了打开密码；请用 Excel 或 WPS 另存为不加密的 .xlsx 后再发",
    "docx_named_xlsx": "是 Word 文档，不是 Excel 填报表",
    "zip_lies_small": "文件已损坏（xl/worksheets/sheet1.xml 解压校验失败），未读取；"
    "请重新保存后再发",
    "many_parts": "压缩包里有 2012 个部件（上限 1000），不像填报表，未读取",
}


@pytest.mark.parametrize("name", sorted(MESSAGES))
def test_the_refusal_is_one_clear_sentence(name: str, hostile_dir: Path) -> None:
    case = next(c for c in CASES if c.name == name)
    path = built(case, hostile_dir)
    assert [p.format() for p in read(path).problems] == [f"{path}: {MESSAGES[name]}"]


def test_openpyxl_parses_with_defusedxml() -> None:
    assert openpyxl.DEFUSEDXML is True
    safety.require_defused()


@pytest.mark.parametrize("build", [billion_laughs, external_entity])
def test_past_our_own_scan_the_parser_refuses_entities_too(build: Any, tmp_path: Path) -> None:
    """The second wall: were the DTD scan gone, openpyxl's defused parser still refuses."""
    from defusedxml import DefusedXmlException

    with pytest.raises((DefusedXmlException, ValueError)) as raised:
        book = openpyxl.load_workbook(build(tmp_path), read_only=True)
        list(book["填报"].iter_rows(values_only=True))
    chain: list[BaseException] = []
    error: BaseException | None = raised.value
    while error is not None:
        chain.append(error)
        error = error.__cause__ or error.__context__
    assert any(isinstance(e, DefusedXmlException) for e in chain)


def test_a_directory_named_like_a_form(tmp_path: Path) -> None:
    folder = tmp_path / "进展.xlsx"
    folder.mkdir()
    assert [p.format() for p in read(folder).problems] == [f"{folder}: 这是一个文件夹，不是填报表"]


# --------------------------------------------------------------------------- fuzzing

FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def good_form(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    folder = tmp_path_factory.mktemp("fuzz")
    cells = {"F4": "已完成", "G5": 60, "H5": "9/25", "I6": "讲座", "J6": "王芳"}
    return fill(make_form(folder), cells).read_bytes()


def _check(data: bytes, folder: Path) -> None:
    path = folder / "fuzzed.xlsx"
    path.write_bytes(data)
    got = read(path)  # never raises
    assert not (got.problems and got.proposals)
    for p in got.problems:
        assert p.format().startswith(f"{path}")
    for proposal in got.proposals:
        assert proposal.action in {"start", "progress", "done", "note"}
        assert proposal.activity in {1, 2, 3, 4, 5, 12}


@FUZZ
@given(edits=st.lists(st.tuples(st.integers(0, 10**6), st.binary(max_size=4)), max_size=4))
def test_mutated_bytes_never_crash_the_reader(
    edits: list[tuple[int, bytes]], good_form: bytes, tmp_path: Path
) -> None:
    data = bytearray(good_form)
    for at, piece in edits:
        at %= len(data)
        data[at : at + len(piece)] = piece
    _check(bytes(data), tmp_path)


SHEET_PIECES = [
    b"<", b">", b"&", b'"', b"<c r=\"G5\"><v>1e309</v></c>", b"<f>1+1</f>", b"&amp;", b"\x00",
    b"<v>45194</v>", b't="s"', b't="e"', b't="b"', b"<row r=\"99999\">", b"</row>", b"\xff\xfe",
    b"<is><t>9/25</t></is>",
]  # fmt: skip


@FUZZ
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 10**6), st.sampled_from(SHEET_PIECES), st.booleans()),
        min_size=1,
        max_size=5,
    )
)
def test_mutated_sheet_xml_never_crashes_the_reader(
    edits: list[tuple[int, bytes, bool]], good_form: bytes, tmp_path: Path
) -> None:
    with zipfile.ZipFile(io.BytesIO(good_form)) as z:
        sheet = bytearray(z.read(SHEET_XML))
    for at, piece, insert in edits:
        at %= len(sheet)
        if insert:
            sheet[at:at] = piece
        else:
            sheet[at : at + len(piece)] = piece
    _check(rewrite_zip(good_form, {SHEET_XML: bytes(sheet)}), tmp_path)


def test_the_ratio_refusal_names_the_part_and_its_ratio(hostile_dir: Path) -> None:
    case = next(c for c in CASES if c.name == "ratio_40mb")
    path = built(case, hostile_dir)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/sharedStrings2.xml")
    ratio = info.file_size // info.compress_size
    assert ratio > 100
    assert [p.format() for p in read(path).problems] == [
        f"{path}: 压缩比异常（xl/sharedStrings2.xml 压缩了 {ratio} 倍），疑似压缩炸弹，未读取"
    ]


def test_an_entity_the_parser_meets_is_named_as_unsafe_xml(tmp_path: Path) -> None:
    """Should a DTD ever get past the scan, the parser's refusal gets the same sentence."""
    from qualitymonth.forms.read import _refusal

    try:
        book = openpyxl.load_workbook(billion_laughs(tmp_path), read_only=True)
        list(book["填报"].iter_rows(values_only=True))
    except Exception as exc:
        assert _refusal(exc).key == "form_unsafe_xml_parser"
    else:
        pytest.fail("openpyxl read entities")


@pytest.mark.parametrize(
    ("hidden", "message"),
    [
        ("defusedxml", "progress forms need defusedxml: run pip install defusedxml where qm is"),
        ("openpyxl", "progress forms need openpyxl: run pip install openpyxl where qm is"),
    ],
)
def test_without_openpyxl_or_defusedxml_no_form_is_read(
    hidden: str, message: str, tmp_path: Path
) -> None:
    form = fill(make_form(tmp_path), {"F4": "已完成"})
    script = (
        f"import sys; sys.modules[{hidden!r}] = None\n"
        "from datetime import date\nfrom pathlib import Path\n"
        "from qualitymonth.errors import DataError\n"
        "from qualitymonth.forms.read import read_form\n"
        "try:\n"
        f"    read_form(Path({str(form)!r}), plan_id='x', activities=[], today=date(2023, 10, 8))\n"
        "except DataError as e:\n    print(e)\n"
    )
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert (run.returncode, run.stdout, run.stderr) == (0, message + " installed\n", "")
