"""A cache of validated plans: a read command skips YAML and pydantic when the plan is unchanged.

An entry is keyed on the plan's resolved path and holds its size, modification time and the
SHA-256 of its bytes; it is used only when all three match the file just read, so it can never
serve a plan other than the one on disk.  Entries are written atomically (a temporary file,
then a rename).  A missing, stale, corrupt or unwritable cache is never an error: qm validates
the plan again and carries on.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from qualitymonth.version import __version__

__all__ = ["default_cache_dir", "entry_for", "load", "store"]

#: Bump when the shape of an entry changes.
FORMAT = 1


def default_cache_dir(env: Mapping[str, str], home: Path) -> Path | None:
    """``QM_CACHE_DIR``, else the platform's user cache folder; ``None`` when ``QM_NO_CACHE``."""
    if env.get("QM_NO_CACHE", "") not in ("", "0"):
        return None
    if env.get("QM_CACHE_DIR"):
        return Path(env["QM_CACHE_DIR"])
    if sys.platform == "win32":
        base = Path(env.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / "qm" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "qm"
    return Path(env.get("XDG_CACHE_HOME") or home / ".cache") / "qm"


def entry_for(cache_dir: Path, path: Path, kind: str) -> tuple[Path, str]:
    """The cache file for the file at ``path`` (a ``kind`` of entry: plan, journal), and
    that file's resolved path, which the entry records."""
    where = str(path.resolve())
    name = hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return cache_dir / f"{kind}-{name}.json", where


def _header(where: str, stat: os.stat_result, digest: str) -> dict[str, Any]:
    """What an entry must say about the file for its payload to be used."""
    return {
        "format": FORMAT,
        "qm": __version__,
        "path": where,
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "sha256": digest,
    }


def load(cache_dir: Path, plan_path: Path, stat: os.stat_result, digest: str) -> Any | None:
    """The cached payload for this exact file, or ``None``."""
    try:
        entry, where = entry_for(cache_dir, plan_path, "plan")
        record = json.loads(entry.read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    expected = _header(where, stat, digest)
    if not isinstance(record, dict) or any(record.get(k) != v for k, v in expected.items()):
        return None
    return record.get("payload")


def store(
    cache_dir: Path, plan_path: Path, stat: os.stat_result, digest: str, payload: Any
) -> None:
    """Write an entry atomically; silently give up if the cache folder is not usable."""
    from qualitymonth.files import write_atomically  # tempfile: only when writing

    try:
        entry, where = entry_for(cache_dir, plan_path, "plan")
        record = {**_header(where, stat, digest), "payload": payload}
        data = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
        write_atomically(entry, data)
    except (OSError, ValueError, TypeError):
        pass  # a cache is an optimisation, never a reason to fail
