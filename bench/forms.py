"""Collecting progress forms: 100 forms of 20 rows, and one form of 5,000 rows.

    python bench/forms.py [--runs 3] [--bombs]

Forms are made with ``render_form`` and filled with openpyxl (as Excel saves a clerk's
typing) in a temporary folder; then, taking turns, ``collect_forms`` reads them and a bare
openpyxl read-only pass reads the same files (the floor: parsing alone, no checks).  Each
figure is the median of ``--runs``: wall and CPU seconds, the CPU ratio to that floor
(CPU, because a shared machine stretches wall time unevenly) and the wall ratio to the
target (100 forms under 5 s, 5,000 rows under 3 s).  ``--bombs`` adds the refusal of a sheet
declaring 1 GB and of one really holding 1 GB of zeros (building it takes a few seconds).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qualitymonth.forms.collect import collect_forms  # noqa: E402
from qualitymonth.forms.layout import plan_id_of  # noqa: E402
from qualitymonth.forms.read import read_form  # noqa: E402
from qualitymonth.forms.write import form_document, render_form  # noqa: E402

TODAY = date(2023, 10, 8)
NOW = datetime(2023, 10, 8, 16, 0, tzinfo=timezone(timedelta(hours=8)))
PLAN_ID = plan_id_of(b"bench plan")
CAMPAIGN = {"name": "2023年“质量月”活动", "year": 2023, "doc_no": "永市监质〔2023〕35号",
            "report_to": "质量监督科"}  # fmt: skip
WORDS = ["已完成", "进行中", "", "未开始"]


def activities(departments: int, each: int) -> list[dict[str, Any]]:
    out = []
    for d in range(departments):
        for i in range(each):
            ident = d * each + i + 1
            out.append({
                "id": ident, "theme": f"第{ident}项活动：开展质量提升专项行动", "content": "",
                "schedule": "9月", "lead": f"部门{d + 1}", "assist": ["各监管所"], "remark": "",
                "status": "doing", "percent": 30, "overdue": False, "late": False,
                "done_on": None, "last_note": None,
            })  # fmt: skip
    return out


def make_forms(folder: Path, acts: list[dict[str, Any]], departments: int) -> list[Path]:
    paths = []
    for d in range(departments):
        name = f"部门{d + 1}"
        doc = form_document(
            campaign=CAMPAIGN, plan_id=PLAN_ID, department=name, as_of="2023-10-01",
            activities=acts,
        )  # fmt: skip
        book = openpyxl.load_workbook(io.BytesIO(render_form(doc, {})))
        sheet = book["填报"]
        for row in range(4, 4 + len(doc["activities"])):
            k = row % 4
            if WORDS[k]:
                sheet.cell(row, 6).value = WORDS[k]
            if k in (1, 2):
                sheet.cell(row, 7).value = "60%" if k == 1 else 0.4
            sheet.cell(row, 8).value = "9月25日" if k else datetime(2023, 9, 25)
            sheet.cell(row, 9).value = f"第{row}行：已完成现场检查，发放宣传资料 300 份"
            sheet.cell(row, 10).value = "张三"
        path = folder / f"进展-{name}.xlsx"
        book.save(path)
        paths.append(path)
    return paths


def floor(paths: list[Path]) -> None:
    """openpyxl alone: open read-only and walk every row's values."""
    for path in paths:
        book = openpyxl.load_workbook(path, read_only=True)
        for _ in book["填报"].iter_rows(values_only=True):
            pass
        book.close()


def median_s(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def taking_turns(fns: list[Callable[[], object]], runs: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each function, medians, the functions taking turns."""
    for fn in fns:  # warm-up round
        fn()
    times: list[list[tuple[float, float]]] = [[] for _ in fns]
    for _ in range(runs):
        for i, fn in enumerate(fns):
            t0, c0 = time.perf_counter(), time.process_time()
            fn()
            times[i].append((time.perf_counter() - t0, time.process_time() - c0))
    return [(statistics.median(w for w, _ in t), statistics.median(c for _, c in t)) for t in times]


def bombs(folder: Path, acts: list[dict[str, Any]]) -> list[tuple[str, float]]:
    good = make_forms(folder, acts[:20], 1)[0].read_bytes()
    sheet = "xl/worksheets/sheet1.xml"
    declared = folder / "declares-1gb.xlsx"
    buf = bytearray(good)
    for sig, size_at, len_at, name_at in ((b"PK\x01\x02", 24, 28, 46), (b"PK\x03\x04", 22, 26, 30)):
        at = buf.find(sig)
        while at >= 0:
            n = int.from_bytes(buf[at + len_at : at + len_at + 2], "little")
            if bytes(buf[at + name_at : at + name_at + n]) == sheet.encode():
                buf[at + size_at : at + size_at + 4] = (2**30 - 1).to_bytes(4, "little")
            at = buf.find(sig, at + 4)
    declared.write_bytes(bytes(buf))
    real = folder / "bomb-1gb.xlsx"
    with (
        zipfile.ZipFile(io.BytesIO(good)) as src,
        zipfile.ZipFile(real, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst,
    ):
        for info in src.infolist():
            if info.filename != sheet:
                dst.writestr(info.filename, src.read(info))
        with dst.open(sheet, "w", force_zip64=True) as f:
            for _ in range(1024):
                f.write(b"\0" * 2**20)
    out = []
    for label, path in (
        ("refuse a sheet declaring 1 GB", declared),
        ("refuse 1 GB of zeros", real),
    ):

        def refuse(path: Path = path) -> object:
            got = read_form(path, plan_id=PLAN_ID, activities=acts, today=TODAY)
            assert got.problems and got.problems[0].key == "form_zip_bomb"
            return got

        out.append((label, median_s(refuse, 5)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bombs", action="store_true")
    args = parser.parse_args()
    rows: list[tuple[str, float, float, float | None, float | None]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        small = activities(100, 20)
        (folder / "small").mkdir()
        forms = make_forms(folder / "small", small, 100)

        def collect_small() -> object:
            got = collect_forms(forms, plan_id=PLAN_ID, activities=small,
                                existing_ids=set(), today=TODAY, now=NOW)  # fmt: skip
            assert got.refused == 0 and got.new == 2000, (got.refused, got.new)
            return got

        big = activities(1, 5000)
        (folder / "big").mkdir()
        big_form = make_forms(folder / "big", big, 1)

        def read_big() -> object:
            got = read_form(big_form[0], plan_id=PLAN_ID, activities=big, today=TODAY)
            assert not got.problems and len(got.proposals) == 5000, got.problems[:3]
            return got

        t_small, f_small, t_big, f_big = taking_turns(
            [collect_small, lambda: floor(forms), read_big, lambda: floor(big_form)], args.runs
        )
        rows.append(("collect 100 forms x 20 rows", *t_small, t_small[1] / f_small[1], 5.0))
        rows.append(("  openpyxl alone, same files", *f_small, 1.0, None))
        rows.append(("read one form of 5,000 rows", *t_big, t_big[1] / f_big[1], 3.0))
        rows.append(("  openpyxl alone, same file", *f_big, 1.0, None))
        if args.bombs:
            (folder / "bombs").mkdir()
            for label, seconds in bombs(folder / "bombs", small):
                rows.append((label, seconds, seconds, None, 1.0))

    print(f"{'measure (median of ' + str(args.runs) + ')':<34} {'wall s':>8} {'CPU s':>8} "
          f"{'x openpyxl':>10} {'x target':>9}")  # fmt: skip
    for label, wall, cpu, vs_floor, target in rows:
        a = f"{vs_floor:10.2f}" if vs_floor is not None else " " * 10
        b = f"{wall / target:9.2f}" if target is not None else ""
        print(f"{label:<34} {wall:8.3f} {cpu:8.3f} {a} {b}")


if __name__ == "__main__":
    main()
