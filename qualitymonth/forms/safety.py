"""Checks a progress form passes before openpyxl sees it: a form is untrusted input.

A form comes back by e-mail or chat from any office; it may be huge, not a workbook at all,
or made to hurt the reader.  Everything here is decided from the file's size, the zip's
central directory and a streamed scan of its XML parts, before anything is parsed:

- a file over 20 MB is refused from its size alone;
- a file that is not a zip, or a zip that is not a workbook, gets one sentence saying what
  it is (an old .xls or a password-protected workbook is an OLE file, not a zip);
- a part declaring more than 50 MB unpacked, parts declaring more than 100 MB together, or a
  part above 1 MB that unpacks more than 100 times its packed size is a zip bomb.  Python's
  zipfile never unpacks more than a part's declared size (it stops there and checks the
  CRC), so the declared sizes bound the work and the memory of every later step;
- an XML part with a document type declaration (<!DOCTYPE, <!ENTITY: billion laughs,
  external entities) is refused; no xlsx writer puts one there.  openpyxl's own parsers are
  defused as well (``openpyxl.DEFUSEDXML``): this module refuses to let a form be read when
  they are not.

The row limit (5,000) is kept by the reader, which streams the sheet and stops there.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
import zlib
from pathlib import Path

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "Refused",
    "check_archive",
    "load_bytes",
    "require_defused",
]

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 5_000
MAX_PART_BYTES = 50 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
MAX_PARTS = 1_000
_RATIO_FLOOR = 1024 * 1024  # small parts may compress as well as they like
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CHUNK = 1 << 20
# A document type declaration, in UTF-8 or UTF-16 either way round.
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)|<\x00!\x00[DE]\x00|\x00<\x00!\x00[DE]", re.IGNORECASE)
_MB = 1024 * 1024


class Refused(Exception):
    """A form not read at all: the message key and its parameters (see ``i18n``)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def load_bytes(path: Path) -> bytes:
    """The file's bytes, if it is no bigger than ``MAX_FILE_BYTES``.

    The size is checked on the open file and the read stops one byte past the limit, so a
    file that grows (or a device that never ends) cannot make this read more.
    """
    try:
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise Refused("form_too_big", size=_mb(size), limit=MAX_FILE_BYTES // _MB)
            data = f.read(min(size, MAX_FILE_BYTES) + 1)  # a buffer the size of the file
            if len(data) > size:  # it grew while we read: read on, up to the limit
                data += f.read(MAX_FILE_BYTES + 1 - len(data))
    except IsADirectoryError:
        raise Refused("form_is_dir") from None
    except FileNotFoundError:
        raise Refused("form_missing") from None
    except OSError as exc:
        raise Refused("form_unreadable_file", reason=exc.strerror or str(exc)) from None
    if len(data) > MAX_FILE_BYTES:
        raise Refused("form_too_big", size=_mb(len(data)), limit=MAX_FILE_BYTES // _MB)
    return data


def check_archive(data: bytes) -> None:
    """Raise :class:`Refused` unless ``data`` is a zip holding a workbook of sane sizes and
    XML without document type declarations."""
    if data.startswith(_OLE):
        raise Refused("form_ole")
    if not data.startswith(b"PK"):
        raise Refused("form_not_zip")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise Refused("form_not_zip") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_PARTS:
            raise Refused("form_zip_parts", count=len(infos), limit=MAX_PARTS)
        names = {i.filename for i in infos}
        if "xl/workbook.xml" not in names:
            kind = "form_is_docx" if "word/document.xml" in names else "form_not_xlsx"
            raise Refused(kind)
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise Refused("form_encrypted")
            total += info.file_size
            if info.file_size > MAX_PART_BYTES or total > MAX_TOTAL_BYTES:
                raise Refused("form_zip_bomb", part=info.filename, size=_mb(info.file_size))
            packed = max(info.compress_size, 1)
            if info.file_size > _RATIO_FLOOR and info.file_size / packed > MAX_RATIO:
                ratio = info.file_size // packed
                raise Refused("form_zip_ratio", part=info.filename, ratio=ratio)
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                _scan_xml(archive, info)


def _scan_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    tail = b""
    try:
        with archive.open(info) as part:
            while chunk := part.read(_CHUNK):
                if _DTD.search(tail + chunk):
                    raise Refused("form_unsafe_xml", part=info.filename)
                tail = chunk[-16:]
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError):
        # zipfile stops at the declared size and then checks the CRC: a part that unpacks
        # to more (or other) than it says ends here.
        raise Refused("form_corrupt", part=info.filename) from None


def require_defused() -> None:
    """Refuse to read any form unless openpyxl is there and parses with defusedxml: a
    :class:`DataError` (the installation's problem, not the file's)."""
    from qualitymonth.forms.layout import xl

    if not xl().DEFUSEDXML:
        from qualitymonth.errors import DataError

        raise DataError("form_needs_package", package="defusedxml")


def _mb(size: int) -> str:
    return f"{size / _MB:.1f}".rstrip("0").rstrip(".")
