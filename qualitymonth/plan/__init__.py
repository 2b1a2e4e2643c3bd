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
from qualitymonth.errors import DataError, UsageError
from qualitymonth.plan.loaded import LoadedPlan

__all__ = ["MAX_PLAN_BYTES", "LoadedPlan", "decode", "find_plan", "load_plan", "read_text"]

#: A plan is a few kilobytes; a city's gathered plans a few megabytes.  Past this, refuse.
MAX_PLAN_BYTES = 32 * 1024 * 1024


# --------------------------------------------------------------------------- finding


#: Plan files: ``campaign-YYYY.yaml`` or ``campaign-YYYY-NAME.yaml`` (``.yml`` too).
PLAN_NAME = re.compile(r"campaign-(\d{4})(?:-.+)?\.ya?ml", re.IGNORECASE)


def find_plan(explicit: str | None, cwd: Path) -> Path:
    """``--plan``/``QM_PLAN`` when given, else the plan of the highest year in ``data/``.

    Several plans of that year (campaign-2024-计量日.yaml, campaign-2024-知识产权.yaml) are
    never chosen between silently: a usage error names them and how to choose.
    """
    if explicit:
        return Path(explicit)
    found: list[tuple[int, Path]] = []
    for p in (cwd / "data").glob("campaign-*"):
        m = PLAN_NAME.fullmatch(p.name)
        if m and p.is_file():
            found.append((int(m[1]), p))
    if not found:
        raise DataError("plan_not_found")
    newest = max(year for year, _ in found)
    chosen = sorted(p for year, p in found if year == newest)
    if len(chosen) > 1:
        names = "、".join(str(p) for p in chosen)
        raise UsageError("plans_ambiguous", year=newest, plans=names, example=str(chosen[0]))
    return chosen[0]


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
