"""The ``qm`` command: options in, :class:`~qualitymonth.workspace.Workspace` calls, a format
out.  One module per group of commands; the error boundary is :mod:`.boundary`.

    options   the app, global options, the session, shared options and completion
    read      list, show, info, depts, validate, log
    summary   report, timeline, agenda
    plans     import
    forms     form, collect (the progress forms departments fill in Excel)
    write     done, start, reopen, progress, note
"""

import copy
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from typer.core import TyperCommand
from typer.main import get_command_name
from typer.models import CommandInfo

if TYPE_CHECKING:
    from qualitymonth.cli.options import app as app

__all__ = ["app", "main"]

#: Every command and the module that defines it, in the order of ``qm --help``.  A run
#: imports the module of its own command alone; ``qm --help`` (and ``app``) all of them.
#: A test holds this table to what each module registers.
COMMANDS: dict[str, str] = {
    "list": "read", "show": "read", "info": "read", "depts": "read", "validate": "read",
    "log": "read",
    "report": "summary", "timeline": "summary", "agenda": "summary",
    "import": "plans",
    "form": "forms", "collect": "forms",
    "done": "write", "start": "write", "reopen": "write", "progress": "write", "note": "write",
}  # fmt: skip


def loaded_app(command: str | None = None) -> typer.Typer:
    """The app, with ``command``'s module imported (every module when ``None``): each module
    registers its commands on the app as it is imported."""
    from qualitymonth.cli.localized import QmCommand
    from qualitymonth.cli.options import app

    groups = dict.fromkeys(COMMANDS.values()) if command is None else [COMMANDS[command]]
    for group in groups:
        import_module(f"qualitymonth.cli.{group}")
    order = {name: i for i, name in enumerate(COMMANDS)}  # a command not in it goes last
    app.registered_commands.sort(key=lambda info: order.get(_name_of(info) or "", len(order)))
    # Every command speaks the user's language in its help and its usage errors.
    for info in app.registered_commands:
        if info.cls in (None, TyperCommand):
            info.cls = QmCommand
    return app


def __getattr__(name: str) -> Any:
    if name == "app":  # the whole app, every command in it
        return loaded_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: The global options that take a value (``qm --plan FILE list``): what lies between ``qm``
#: and the command's name.  A test holds this against the options ``app`` really has.
GLOBAL_VALUE_OPTIONS = frozenset({"--plan", "-p", "--journal", "--as-of", "--lang"})


def app_for(args: Sequence[str]) -> typer.Typer:
    """The app to run for ``args``: when they name one of qm's commands plainly, an app of
    that command alone, with only its module imported.

    Typer turns every registered command into a click command, reading its signature, on
    each run; the one being run is all a run needs.  Anything less plain (no command, an
    unknown word, an option qm does not know before the command, completion) gets the whole
    app, so that help, suggestions and errors see every command.
    """
    name = command_named(args)
    if name not in COMMANDS or "_QM_COMPLETE" in os.environ:
        return loaded_app()
    app = loaded_app(name)
    trimmed = copy.copy(app)
    trimmed.registered_commands = [i for i in app.registered_commands if _name_of(i) == name]
    return trimmed


def _name_of(info: CommandInfo) -> str | None:
    if info.name is not None:
        return info.name
    return None if info.callback is None else get_command_name(info.callback.__name__)


def command_named(args: Sequence[str]) -> str | None:
    """The first word of ``args`` that is not a global option or its value."""
    words = iter(args)
    for word in words:
        if word in GLOBAL_VALUE_OPTIONS:
            next(words, None)
        elif word.startswith("--") and word.split("=", 1)[0] in GLOBAL_VALUE_OPTIONS:
            continue
        elif word.startswith("-"):
            return None  # --help, --version, -pFILE or a mistake: the whole app decides
        else:
            return word
    return None


def main() -> NoReturn:
    """Console-script entry point: run qm, say everything, and end the process at once.

    A run over 10,000 activities leaves a large heap behind, and Python's teardown frees it
    object by object: about 90 ms nobody waits for usefully.  Nothing of qm's is pending by
    then: journal lines went out with ``os.write`` and ``fsync``, cache files were renamed
    into place and locks released inside the command, and stdout and stderr are flushed
    here.  So the process ends with ``os._exit`` and the exit code the command chose.
    """
    try:
        app_for(sys.argv[1:])()
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
