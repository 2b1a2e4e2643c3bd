"""A catalogue of hostile "progress forms": files made to hurt the reader, or simply wrong.

Each case builds its file in a folder and names the problem key ``read_form`` must answer
with (one whole-file problem, nothing proposed).  ``tests/test_forms_hostile.py`` reads every
case in a subprocess under time and memory measurement; fuzz tests reuse ``CASES`` and
``rewrite_zip`` as seeds for mutation.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from qualitymonth.forms.write import render_form

from .forms_kit import fill, form_doc, make_form, shipped

SHEET_XML = "xl/worksheets/sheet1.xml"
MB = 1024 * 1024


@dataclass(frozen=True)
class Hostile:
    name: str
    build: Callable[[Path], Path]
    #: The key of the one problem ``read_form`` reports.
    key: str
    #: Takes seconds to build (a gigabyte to compress): built once per session.
    heavy: bool = False


def rewrite_zip(data: bytes, replace: Mapping[str, bytes], level: int = 6) -> bytes:
    """The zip ``data`` with the parts in ``replace`` swapped (or added)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as dst,
    ):
        for info in src.infolist():
            if info.filename not in replace:
                dst.writestr(info.filename, src.read(info))
        for name, body in replace.items():
            dst.writestr(name, body)
    return out.getvalue()


def _filled(folder: Path) -> bytes:
    form = fill(make_form(folder, name="good.xlsx"), {"F4": "已完成", "G5": 60})
    data = form.read_bytes()
    form.unlink()
    return data


def _write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


# --------------------------------------------------------------------------- size and rows


def big_30mb(folder: Path) -> Path:
    """30 MB: refused from its size, never read (a sparse file: cheap to make)."""
    path = folder / "big.xlsx"
    with path.open("wb") as f:
        f.write(b"PK\x03\x04")
        f.truncate(30 * MB)
    return path


@cache
def _many_rows(count: int) -> bytes:
    base = shipped().activities[0]
    rows: list[dict[str, Any]] = [
        {**base, "id": i, "theme": f"活动{i}", "lead": "质量科"} for i in range(1, count + 1)
    ]
    return render_form(form_doc(activities=rows), {})


def rows_6000(folder: Path) -> Path:
    """A real form of 6,000 rows: its dimension says so, and it is refused before reading."""
    return _write(folder, "rows-6000.xlsx", _many_rows(6000))


def rows_6000_no_dimension(folder: Path) -> Path:
    """The same without its <dimension>: the streaming reader stops at the limit."""
    data = _many_rows(6000)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read(SHEET_XML)
    sheet = re.sub(rb"<dimension [^>]*/>", b"", sheet)
    return _write(folder, "rows-6000-nodim.xlsx", rewrite_zip(data, {SHEET_XML: sheet}))


def sparse_row_9000(folder: Path) -> Path:
    """A good form with one more value far below, at row 9,000."""

    def far(book: Any) -> None:
        book["填报"]["I9000"] = "藏在下面"

    form = fill(make_form(folder, name="sparse.xlsx"), {"F4": "已完成"}, edit=far)
    return form


# --------------------------------------------------------------------------- zip bombs


def _patch_declared_size(data: bytes, name: str, size: int) -> bytes:
    """``data`` with part ``name`` declaring ``size`` bytes unpacked (headers only)."""
    buf = bytearray(data)
    raw = name.encode()
    for sig, size_at, name_len_at, name_at in (
        (b"PK\x01\x02", 24, 28, 46),
        (b"PK\x03\x04", 22, 26, 30),
    ):
        start = 0
        while (at := buf.find(sig, start)) >= 0:
            (length,) = struct.unpack_from("<H", buf, at + name_len_at)
            if bytes(buf[at + name_at : at + name_at + length]) == raw:
                struct.pack_into("<I", buf, at + size_at, size)
            start = at + 4
    return bytes(buf)


def zip_declares_1gb(folder: Path) -> Path:
    """A small, real form whose sheet claims to unpack to 1 GB."""
    data = _patch_declared_size(_filled(folder), SHEET_XML, 1024 * MB - 1)
    return _write(folder, "declares-1gb.xlsx", data)


def zip_bomb_1gb_zeros(folder: Path) -> Path:
    """A workbook whose sheet really is 1 GB of zeros (about 4.5 MB packed), built streaming."""
    path = folder / "bomb-1gb.xlsx"
    good = _filled(folder)
    with (
        zipfile.ZipFile(io.BytesIO(good)) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst,
    ):
        for info in src.infolist():
            if info.filename != SHEET_XML:
                dst.writestr(info.filename, src.read(info))
        with dst.open(SHEET_XML, "w", force_zip64=True) as sheet:
            chunk = b"\0" * MB
            for _ in range(1024):
                sheet.write(chunk)
    return path


def zip_lies_small(folder: Path) -> Path:
    """A sheet of 200 MB of zeros that declares 100 KB: zipfile unpacks no more than that,
    then the CRC does not match."""
    path = folder / "lies.xlsx"
    good = _filled(folder)
    with (
        zipfile.ZipFile(io.BytesIO(good)) as src,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst,
    ):
        for info in src.infolist():
            if info.filename != SHEET_XML:
                dst.writestr(info.filename, src.read(info))
        with dst.open(SHEET_XML, "w") as sheet:
            for _ in range(200):
                sheet.write(b"\0" * MB)
    data = path.read_bytes()
    path.write_bytes(_patch_declared_size(data, SHEET_XML, 100 * 1024))
    return path


def ratio_40mb(folder: Path) -> Path:
    """Under the size limits, but a 40 MB part packed a thousand times: refused by ratio."""
    blank = b"<!-- " + b" " * (40 * MB) + b" -->"
    data = rewrite_zip(_filled(folder), {"xl/sharedStrings2.xml": blank})
    return _write(folder, "ratio.xlsx", data)


def many_parts(folder: Path) -> Path:
    """Thousands of empty parts."""
    data = rewrite_zip(_filled(folder), {f"x/{i}.bin": b"" for i in range(2000)})
    return _write(folder, "parts.xlsx", data)


# --------------------------------------------------------------------------- XML


_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b"]>\n"
)


def _sheet_with_prolog(folder: Path, prolog: bytes, text: bytes) -> bytes:
    data = _filled(folder)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read(SHEET_XML)
    body = sheet.split(b"?>", 1)[1] if sheet.startswith(b"<?xml") else sheet
    cell = b'<c r="I6" t="inlineStr"><is><t>' + text + b"</t></is></c>"
    body = body.replace(b'<c r="I6"', cell + b'<c r="Z6"', 1) if b'<c r="I6"' in body else body
    return rewrite_zip(data, {SHEET_XML: prolog + body})


def billion_laughs(folder: Path) -> Path:
    """Entities nested nine deep inside the sheet: a billion "lol"s if expanded."""
    return _write(folder, "laughs.xlsx", _sheet_with_prolog(folder, _LAUGHS, b"&lol9;"))


def external_entity(folder: Path) -> Path:
    """A cell that would hold /etc/passwd if entities were resolved."""
    prolog = b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    return _write(folder, "xxe.xlsx", _sheet_with_prolog(folder, prolog, b"&xxe;"))


def entity_in_workbook(folder: Path) -> Path:
    """The DTD in xl/workbook.xml, a part openpyxl parses whole."""
    data = _filled(folder)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        book = z.read("xl/workbook.xml")
    prolog = b'<?xml version="1.0"?>\n<!DOCTYPE w [<!ENTITY e SYSTEM "http://127.0.0.1:9/">]>\n'
    return _write(
        folder, "dtd-workbook.xlsx", rewrite_zip(data, {"xl/workbook.xml": prolog + book})
    )


# --------------------------------------------------------------------------- not a form


def not_a_zip(folder: Path) -> Path:
    return _write(folder, "表格.xlsx", "序号,状态\n1,已完成\n".encode())


def empty_file(folder: Path) -> Path:
    return _write(folder, "empty.xlsx", b"")


def html_named_xlsx(folder: Path) -> Path:
    return _write(folder, "export.xlsx", b"<html><body><table><tr><td>1</td></tr></table>")


def ole_xls(folder: Path) -> Path:
    """An old .xls (or a password-protected workbook: both are OLE files)."""
    return _write(folder, "old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)


def docx_named_xlsx(folder: Path) -> Path:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return _write(folder, "report.xlsx", out.getvalue())


def truncated(folder: Path) -> Path:
    data = _filled(folder)
    return _write(folder, "cut.xlsx", data[: len(data) // 2])


def plain_workbook(folder: Path) -> Path:
    """A real workbook, but not a form qm made."""
    import openpyxl

    book = openpyxl.Workbook()
    assert book.active is not None
    book.active.append(["序号", "状态"])
    book.active.append([1, "已完成"])
    path = folder / "mine.xlsx"
    book.save(path)
    return path


CASES: list[Hostile] = [
    Hostile("big_30mb", big_30mb, "form_too_big"),
    Hostile("rows_6000", rows_6000, "form_too_many_rows"),
    Hostile("rows_6000_no_dimension", rows_6000_no_dimension, "form_too_many_rows"),
    Hostile("sparse_row_9000", sparse_row_9000, "form_too_many_rows"),
    Hostile("zip_declares_1gb", zip_declares_1gb, "form_zip_bomb"),
    Hostile("zip_bomb_1gb_zeros", zip_bomb_1gb_zeros, "form_zip_bomb", heavy=True),
    Hostile("zip_lies_small", zip_lies_small, "form_corrupt", heavy=True),
    Hostile("ratio_40mb", ratio_40mb, "form_zip_ratio"),
    Hostile("many_parts", many_parts, "form_zip_parts"),
    Hostile("billion_laughs", billion_laughs, "form_unsafe_xml"),
    Hostile("external_entity", external_entity, "form_unsafe_xml"),
    Hostile("entity_in_workbook", entity_in_workbook, "form_unsafe_xml"),
    Hostile("not_a_zip", not_a_zip, "form_not_zip"),
    Hostile("empty_file", empty_file, "form_not_zip"),
    Hostile("html_named_xlsx", html_named_xlsx, "form_not_zip"),
    Hostile("ole_xls", ole_xls, "form_ole"),
    Hostile("docx_named_xlsx", docx_named_xlsx, "form_is_docx"),
    Hostile("truncated", truncated, "form_not_zip"),
    Hostile("plain_workbook", plain_workbook, "form_no_identity"),
]
