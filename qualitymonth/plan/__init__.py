"""Find, read and decode a plan file, and load it validated (from the cache when unchanged).

Validation itself (YAML, pydantic, located problems) lives in :mod:`qualitymonth.plan.validate`
and is imported only when a plan is not in the cache.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from qualitymonth import cache
from qualitymonth.errors import DataError
from qualitymonth.plan.loaded import LoadedPlan

__all__ = ["MAX_PLAN_BYTES", "LoadedPlan", "decode", "find_plan", "load_plan", "read_text"]

#: A plan is a few kilobytes; a city's gathered plans a few megabytes.  Past this, refuse.
MAX_PLAN_BYTES = 32 * 1024 * 1024


# --------------------------------------------------------------------------- finding


def find_plan(explicit: str | None, cwd: Path) -> Path:
    """``--plan``/``QM_PLAN`` when given, else ``data/campaign-YYYY.yaml`` with the highest year."""
    if explicit:
        return Path(explicit)
    candidates = [
        p for p in (cwd / "data").glob("campaign-*.y*ml") if p.suffix in (".yaml", ".yml")
    ]
    if not candidates:
        raise DataError("plan_not_found")

    def rank(p: Path) -> tuple[int, float, str]:
        m = re.search(r"(\d{4})", p.stem)
        return (int(m.group(1)) if m else 0, p.stat().st_mtime, p.name)

    return max(candidates, key=rank)


# --------------------------------------------------------------------------- decoding


def read_bytes(path: Path, limit: int = MAX_PLAN_BYTES) -> bytes:
    """The file's bytes; refused, with a sentence, when it is missing, a directory,
    unreadable, or larger than ``limit`` (checked before reading)."""
    shown = str(path)
    try:
        if path.is_dir():
            raise DataError("file_is_dir", path=shown)
        size = path.stat().st_size
        if size > limit:
            raise DataError("file_too_large", path=shown, size=size, limit=limit)
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError("file_missing", path=shown) from None
    except OSError as exc:
        raise DataError("file_unreadable", path=shown, reason=exc.strerror or str(exc)) from None


def read_text(path: Path) -> str:
    """The file's text: UTF-8 with or without BOM; anything else is refused with advice."""
    return decode(read_bytes(path), str(path))


def decode(data: bytes, shown: str) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"\x00\x00\xfe\xff",):
        raise DataError("file_utf16", path=shown)
    if b"\x00" in data:
        # UTF-16 without a BOM: every other byte of ASCII text is NUL.
        if data[1::2].count(0) > len(data) // 4 or data[0::2].count(0) > len(data) // 4:
            raise DataError("file_utf16", path=shown)
        raise DataError("file_binary", path=shown)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            line = data[: exc.start].count(b"\n") + 1
            raise DataError("file_not_utf8", path=shown, line=line) from None
        raise DataError("file_gbk", path=shown) from None


def load_plan(path: Path, cache_dir: Path | None = None) -> LoadedPlan:
    """Read and validate the plan at ``path``.

    With ``cache_dir``, an unchanged plan (same path, size, modification time and SHA-256)
    is taken from the cache without parsing; any other plan is validated and cached.
    Raises :class:`~qualitymonth.errors.PlanError` with every structural problem.
    """
    before = _stat(path)
    data = read_bytes(path)
    digest = hashlib.sha256(data).hexdigest() if cache_dir is not None else ""
    if cache_dir is not None and before is not None:
        payload = cache.load(cache_dir, path, before, digest)
        if payload is not None:
            try:
                return LoadedPlan.from_data(path, payload)
            except (KeyError, TypeError, ValueError):
                pass  # an entry of another shape: validate again and overwrite it
    from qualitymonth.plan.validate import parse_plan

    loaded = parse_plan(decode(data, str(path)), path)
    after = _stat(path)
    if cache_dir is not None and before is not None and after is not None:
        same = (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns)
        if same and after.st_size == len(data):
            cache.store(cache_dir, path, after, digest, loaded.to_data())
    return loaded


def _stat(path: Path) -> Any:
    try:
        return path.stat()
    except OSError:
        return None
