"""qm: a tracker for government campaign plans (质量月 and the like).

The library under the ``qm`` command::

    from qualitymonth import Workspace

    ws = Workspace.open("data/campaign-2023.yaml", today="2023-09-28")
    ws.report(month=9)["totals"]          # the same fields as `qm report --format json`
    ws.record([5], "done", note="完成检验检测机构抽查 12 家", by="王芳")

Importing it, and using it, imports neither typer nor rich.
"""

from typing import TYPE_CHECKING, Any

from qualitymonth.version import __version__

__all__ = ["Environment", "Workspace", "__version__"]

if TYPE_CHECKING:
    from qualitymonth.env import Environment
    from qualitymonth.workspace import Workspace


def __getattr__(name: str) -> Any:
    # Lazily, so that `qm --help` (which imports qualitymonth for its version) stays quick.
    if name == "Workspace":
        from qualitymonth.workspace import Workspace

        return Workspace
    if name == "Environment":
        from qualitymonth.env import Environment

        return Environment
    raise AttributeError(f"module 'qualitymonth' has no attribute {name!r}")
