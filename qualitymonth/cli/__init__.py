"""The ``qm`` command: options in, :class:`~qualitymonth.workspace.Workspace` calls, a format
out.  One module per group of commands; the error boundary is :mod:`.boundary`.

    options   the app, global options, the session, shared options and completion
    read      list, show, info, depts, validate, log
    summary   report, timeline, agenda
    plans     import
    forms     form, collect (the progress forms departments fill in Excel)
    write     done, start, reopen, progress, note
"""

import os
import sys
from importlib import import_module
from typing import NoReturn

from typer.core import TyperCommand

from qualitymonth.cli.localized import QmCommand
from qualitymonth.cli.options import app

# Each module registers its commands on `app` as it is imported: this order is the order
# of `qm --help`.
for _group in ("read", "summary", "plans", "forms", "write"):
    import_module(f"qualitymonth.cli.{_group}")

# Every command speaks the user's language in its help and its usage errors.
for _info in app.registered_commands:
    if _info.cls in (None, TyperCommand):
        _info.cls = QmCommand

__all__ = ["app", "main"]


def main() -> NoReturn:
    """Console-script entry point: run qm, say everything, and end the process at once.

    A run over 10,000 activities leaves a large heap behind, and Python's teardown frees it
    object by object: about 90 ms nobody waits for usefully.  Nothing of qm's is pending by
    then: journal lines went out with ``os.write`` and ``fsync``, cache files were renamed
    into place and locks released inside the command, and stdout and stderr are flushed
    here.  So the process ends with ``os._exit`` and the exit code the command chose.
    """
    try:
        app()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if code is not None and not isinstance(code, int):  # sys.exit("message")
        sys.stderr.write(f"{code}\n")
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe (qm list | head): nothing more can be said
        code = code or 1
    os._exit(code or 0)
