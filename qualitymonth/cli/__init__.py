"""The ``qm`` command: options in, :class:`~qualitymonth.workspace.Workspace` calls, a format
out.  One module per group of commands; the error boundary is :mod:`.boundary`.

    options   the app, global options, the session, shared options and completion
    read      list, show, info, depts, validate, log
    summary   report, timeline, agenda
    plans     import
    write     done, start, reopen, progress, note
"""

import os
import sys
from typing import NoReturn

from qualitymonth.cli import plans, read, summary, write  # noqa: F401  (registers the commands, in order)  # noqa: F401
from qualitymonth.cli.options import app

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
