"""``qm --help`` and usage errors in the user's language (Chinese unless ``--lang en`` or
``QM_LANG=en``).

Typer 0.27 and 0.28 (the versions qm allows) vendor click as ``typer._click`` with click's
``gettext`` calls taken out: its help texts and error sentences are plain literals, with no
catalogue to hook.  Typer's own strings (the headings Options, Arguments and Commands,
``default:``, ``env var:``, ``required``) still go through ``gettext`` as the module global
``_`` of ``typer.core``.  So:

- Typer's strings are translated through that hook: when a help screen is formatted,
  ``typer.core._`` becomes the ``gettext`` of a :class:`Catalogue` (a
  :class:`gettext.NullTranslations` holding :data:`.zh.TYPER`), or of a plain
  ``NullTranslations`` in English;
- where click has literals, qm takes over at the places click and Typer let a program do so:
  :class:`Localized` (the base of qm's command classes) writes the usage line, gives commands
  and options their Chinese help (:data:`.zh.HELP`) and wraps Chinese at its real width; and
  its ``parse_args`` lets no usage error out without what went wrong in it (the value a type
  refused, the extra arguments, the command the error belongs to), so :func:`usage_message`
  can put each one into the user's words, as click's own ``_()`` calls would have.

Nothing of this runs on a command that goes well: the catalogue is imported and installed
only when a help screen is formatted or a usage error is said.
"""

import os
from collections.abc import Sequence
from difflib import get_close_matches
from enum import Enum
from gettext import NullTranslations
from typing import Any, NoReturn

import typer
import typer.core
from typer._click import exceptions as click_errors
from typer._click import types as click_types
from typer._click.core import Command, Context, Parameter
from typer._click.formatting import HelpFormatter
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from qualitymonth.i18n import Lang, t

#: The language of messages: set from QM_LANG and ``--lang`` before parsing, then from the
#: parsed ``--lang``.
state: dict[str, Lang] = {"lang": "zh"}


def env_lang() -> Lang:
    return "en" if os.environ.get("QM_LANG", "").strip().lower() == "en" else "zh"


def args_lang(args: Sequence[str]) -> Lang:
    """The language a command line asks for: its last ``--lang`` before ``--``, else QM_LANG.

    Known before click parses anything, so that the help and the usage errors of
    ``qm list --help --lang en`` or ``qm --lang en lst`` are English."""
    lang = env_lang()
    words = iter(args)
    for word in words:
        if word == "--":
            break
        if word == "--lang":
            value = next(words, "")
        elif word.startswith("--lang="):
            value = word.partition("=")[2]
        else:
            continue
        value = value.strip().lower()
        if value in ("zh", "en"):
            lang = "en" if value == "en" else "zh"
    return lang


# ---------------------------------------------------------------------------- typer's gettext


class Catalogue(NullTranslations):
    """A gettext catalogue held in a dict: the ``msgid -> text`` of a ``.mo`` file."""

    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__()
        self._texts = texts

    def gettext(self, message: str) -> str:
        return self._texts.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


def install(lang: Lang) -> None:
    """Make Typer's ``_()`` speak ``lang`` (Typer looks ``_`` up at each call)."""
    if lang == "zh":
        from qualitymonth.cli import zh

        translations: NullTranslations = Catalogue(zh.TYPER)
    else:
        translations = NullTranslations()
    vars(typer.core)["_"] = translations.gettext


# ---------------------------------------------------------------------------- help screens


def param_key(param: Parameter) -> str:
    """How :data:`.zh.HELP` names a parameter: an option by its long name, an argument by its
    metavar (``ID...`` and ``[ID]`` are ``ID``)."""
    longs = [o for o in param.opts if o.startswith("--")]
    if param.param_type_name == "option" and longs:
        return longs[0]
    return (param.metavar or param.name or "").strip("[].").upper()


def zh_help(command: str, key: str) -> str | None:
    """The Chinese help of ``key`` (an option or argument; ``""`` for the command itself)."""
    from qualitymonth.cli import zh

    if not key:
        return zh.HELP.get(command)
    text = zh.HELP.get(f"{command} {key}") or zh.HELP.get(key)
    if text is not None and "{formats}" in text:
        from qualitymonth.output import formats_for

        text = text.replace("{formats}", ", ".join(formats_for(command)))
    return text


def first_sentence(text: str) -> str:
    """The line ``qm --help`` shows for a command: its help up to the first 。."""
    head = text.split("\n\n", 1)[0]
    return head.split("。", 1)[0] + "。" if "。" in head else head


def localize(command: Command, ctx: Context) -> None:
    """Put ``command``'s help screen into the user's language, just before it is formatted.

    The command objects are built afresh on every run, so giving them their Chinese here
    changes nothing beyond this run."""
    lang = state["lang"]
    install(lang)
    params = command.get_params(ctx)  # the help option included
    if lang == "en":  # the code speaks English
        return
    name = command.name if ctx.parent is not None else "qm"
    name = name or "qm"
    command.help = zh_help(name, "") or command.help
    for param in params:
        text = zh_help(name, param_key(param))
        if text is not None and isinstance(param, TyperOption | TyperArgument):
            param.help = text
    for sub_name, sub in getattr(command, "commands", {}).items():
        text = zh_help(sub_name, "")
        if text is not None:
            sub.help = text
            sub.short_help = first_sentence(text)


def short_help(ctx: Context) -> str:
    """What bare ``qm`` shows: the usage line, what qm is, its commands, where to read more."""
    command = ctx.command
    localize(command, ctx)
    formatter = ctx.make_formatter()
    command.format_usage(ctx, formatter)
    command.format_help_text(ctx, formatter)
    if isinstance(command, TyperGroup):
        command.format_commands(ctx, formatter)
    formatter.write_paragraph()
    formatter.write_text(t("help_more", state["lang"]))
    return formatter.getvalue().rstrip("\n")


class QmFormatter(HelpFormatter):
    """Click's help formatter, breaking Chinese lines at their width in terminal cells (a
    Chinese character takes two) and where Chinese typesetting allows."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.chinese = state["lang"] == "zh"

    def write_heading(self, heading: str) -> None:
        if not self.chinese:
            super().write_heading(heading)
            return
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_text(self, text: str) -> None:
        if not self.chinese:
            super().write_text(text)
            return
        indent = " " * self.current_indent
        width = max(self.width - self.current_indent, 20)
        paragraphs = [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]
        blocks = ["\n".join(indent + line for line in _wrap(p, width)) for p in paragraphs]
        self.write("\n\n".join(blocks))
        self.write("\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        if not self.chinese:
            super().write_dl(rows, col_max, col_spacing)
            return
        rows = list(rows)
        first_col = min(max((_cells(first) for first, _ in rows), default=0), col_max)
        first_col += col_spacing
        indent = " " * self.current_indent
        width = max(self.width - first_col - self.current_indent, 20)
        for first, second in rows:
            self.write(indent + first)
            lines = _wrap(" ".join(second.split()), width) if second else []
            if not lines:
                self.write("\n")
                continue
            if _cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - _cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(" " * (first_col + self.current_indent) + line + "\n")


def _cells(text: str) -> int:
    """Terminal cells ``text`` takes: two for a wide (Chinese) character, one for others (help
    texts are qm's own: no emoji, no combining marks)."""
    from unicodedata import east_asian_width

    return sum(2 if east_asian_width(c) in "WF" else 1 for c in text)


#: No line starts with closing punctuation, none ends with opening punctuation.
_CLOSING = frozenset("，。、；：？！）》」』】〕…”’,.;:!?)]}>")
_OPENING = frozenset("（《「『【〔“‘([{<")


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal cells, broken at spaces, after Chinese
    closing punctuation, before Chinese opening punctuation, and inside runs of more than
    four Chinese characters with two at least on each side (so 今天, 全部, 质量科 and 9月
    stay whole); never before closing punctuation nor after opening punctuation.

    Help texts are qm's own short sentences: these rules are all they need, without the
    full line breaking of :mod:`qualitymonth.linebreak` (whose ``uniseg`` alone costs a help
    screen more than the rest of it, and its import a few milliseconds)."""
    if _cells(text) <= width:
        return [text]
    wide = [_cells(c) > 1 for c in text]
    han = [w and c.isalpha() for c, w in zip(text, wide, strict=True)]
    # Each character's run of Chinese characters: where it starts and ends.
    start, end = list(range(len(text))), list(range(1, len(text) + 1))
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and han[j]:
            j += 1
        start[i:j], end[i:j] = [i] * (j - i), [j] * (j - i)
        i = max(j, i + 1)

    def breaks(i: int) -> bool:
        before, char = text[i - 1], text[i]
        if char == " " or before == " ":
            return True
        if char in _CLOSING or before in _OPENING:
            return False
        if (wide[i - 1] and before in _CLOSING) or (wide[i] and char in _OPENING):
            return True
        # inside a run of more than four, leaving two characters at least on each side
        inside = 2 <= i - start[i] <= end[i] - start[i] - 2
        return han[i - 1] and han[i] and end[i] - start[i] > 4 and inside

    pieces: list[str] = []
    for i, char in enumerate(text):
        if i and not breaks(i):
            pieces[-1] += char
        else:
            pieces.append(char)
    lines: list[str] = []
    line = ""
    for piece in pieces:
        if piece == " ":
            line += " " if line else ""
        elif _cells(line + piece) <= width or not line.strip():
            line += piece
        else:
            lines.append(line.rstrip())
            line = piece
    return [*lines, line.rstrip()] if line.strip() else lines


class QmContext(typer.Context):
    formatter_class = QmFormatter


# ---------------------------------------------------------------------------- usage errors


class CliUsage(Exception):
    """A usage error qm words itself: exit 2, and ``words(lang)`` for the sentence."""

    exit_code = 2

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx

    def words(self, lang: Lang) -> str:  # pragma: no cover - every subclass has its own
        raise NotImplementedError


class NoSuchCommand(CliUsage):
    def __init__(self, ctx: Context, name: str, matches: list[str]) -> None:
        super().__init__(ctx)
        self.name = name
        self.matches = matches

    def words(self, lang: Lang) -> str:
        text = t("usage_no_such_command", lang, name=self.name)
        if self.matches:
            text += t("usage_did_you_mean", lang, names=_join(self.matches, lang))
        return text


class ExtraArguments(CliUsage):
    def __init__(self, ctx: Context, extra: list[str]) -> None:
        super().__init__(ctx)
        self.extra = extra

    def words(self, lang: Lang) -> str:
        return t("usage_extra_arguments", lang, args=" ".join(self.extra))


class BadValue(CliUsage):
    """A value the parameter's type refused: ``value`` as given (on the command line or in
    the environment variable ``envvar``); ``reason`` is what the type said."""

    def __init__(
        self, ctx: Context, param: Parameter, value: str, envvar: str | None, reason: str
    ) -> None:
        super().__init__(ctx)
        self.param = param
        self.value = value
        self.envvar = envvar
        self.reason = reason

    def words(self, lang: Lang) -> str:
        param, value = self.param, self.value
        where = {
            "name": _param_name(param, lang),
            "env": t("usage_from_env", lang, var=self.envvar) if self.envvar else "",
        }
        kind = param.type
        choices = getattr(kind, "choices", None)
        if choices is not None:
            names = [str(c.value) if isinstance(c, Enum) else str(c) for c in choices]
            shown = _join(names, lang) if lang == "zh" else ", ".join(f"'{n}'" for n in names)
            return t("usage_bad_choice", lang, value=value, choices=shown, **where)
        if isinstance(kind, click_types.IntParamType):
            try:
                number = int(value)
            except ValueError:
                return t("usage_bad_integer", lang, value=value, **where)
            if isinstance(kind, click_types.IntRange):
                return t("usage_bad_range", lang, value=number, range=_range(kind, lang), **where)
        # Another type (a parser of qm's own): its message is already in the user's words.
        return t("usage_bad_value", lang, reason=self.reason, **where)


def _join(names: Sequence[str], lang: Lang) -> str:
    return "、".join(names) if lang == "zh" else ", ".join(f"'{n}'" for n in names)


def _range(kind: Any, lang: Lang) -> str:
    low, high = kind.min, kind.max
    if low is not None and high is not None:
        return t("range_between", lang, low=low, high=high)
    if low is not None:
        return t("range_at_least", lang, low=low)
    return t("range_at_most", lang, high=high)


def _param_name(param: Parameter | None, lang: Lang) -> str:
    """A parameter as a sentence names it: ``--status`` (en: ``'--status' / '-s'``), ``ID``
    (en: ``'ID...'``)."""
    if param is None:
        return ""
    if param.param_type_name == "option":
        if lang == "zh":
            return next((o for o in param.opts if o.startswith("--")), param.opts[0])
        return " / ".join(f"'{o}'" for o in param.opts)
    name = param.human_readable_name
    return name.strip("[].") if lang == "zh" else f"'{name}'"


def usage_message(exc: BaseException, lang: Lang) -> tuple[str, str] | None:
    """The sentence for a usage error and the command it belongs to (for "see qm list
    --help"); None if ``exc`` is no usage error."""
    if isinstance(exc, CliUsage):
        return exc.words(lang), exc.ctx.command_path
    if not isinstance(exc, click_errors.UsageError):
        return None
    command = exc.ctx.command_path if exc.ctx is not None else "qm"
    if isinstance(exc, click_errors.NoSuchOption):
        text = t("usage_no_such_option", lang, option=exc.option_name)
        if exc.possibilities:
            names = _join(sorted(exc.possibilities), lang)
            text += t("usage_possible_options", lang, names=names)
        return text, command
    if isinstance(exc, click_errors.MissingParameter):
        param = exc.param
        key = "usage_missing_option" if param and param.param_type_name == "option" else ""
        return t(key or "usage_missing_argument", lang, name=_param_name(param, lang)), command
    if isinstance(exc, click_errors.BadOptionUsage):
        options = exc.ctx.command.params if exc.ctx is not None else []
        flag = any(exc.option_name in p.opts and getattr(p, "is_flag", False) for p in options)
        key = "usage_takes_no_value" if flag else "usage_needs_value"
        return t(key, lang, option=exc.option_name), command
    if isinstance(exc, click_errors.BadParameter):  # a callback's refusal, in its own words
        name = _param_name(exc.param, lang)
        return t("usage_bad_value", lang, name=name, env="", reason=exc.message), command
    return exc.format_message(), command


def _refused_value(
    command: Command, ctx: Context, args: list[str], param: Parameter
) -> tuple[str, str | None] | None:
    """The value ``param``'s type refuses in ``args`` (or in its environment variable), and
    that variable; None if every value converts (a callback refused it)."""
    try:
        opts, _, _ = command.make_parser(ctx).parse_args(args=list(args))
    except click_errors.UsageError:
        return None
    raw: Any = opts.get(param.name) if param.name else None
    envvar = None
    if raw is None:
        raw = param.resolve_envvar_value(ctx)
        envvar = param.envvar if isinstance(param.envvar, str) else None
    values = raw if isinstance(raw, list | tuple) else [raw]
    for value in values:
        if value is None:
            continue
        try:
            param.type.convert(value, param, ctx)
        except click_errors.BadParameter:
            return str(value), envvar
    return None


class Localized(Command):
    """What qm's group and commands add to Typer's: the help screen in the user's language,
    and usage errors that keep what went wrong.  Listed first among the bases."""

    context_class = QmContext

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        localize(self, ctx)
        super().format_help(ctx, formatter)

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        lang = state["lang"]
        if self.options_metavar:
            self.options_metavar = t("help_options_metavar", lang)
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), t("help_usage", lang))

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        given = list(args)
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True  # extra arguments are said below, in the user's words
        try:
            rest = super().parse_args(ctx, args)
        except click_errors.UsageError as exc:
            self._reraise(exc, ctx, given)
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed and not ctx.resilient_parsing:
            raise ExtraArguments(ctx, rest)
        return rest

    def _reraise(self, exc: click_errors.UsageError, ctx: Context, args: list[str]) -> NoReturn:
        if exc.ctx is None:  # the parser's errors know no context
            exc.ctx = ctx
        if (
            isinstance(exc, click_errors.BadParameter)
            and not isinstance(exc, click_errors.MissingParameter)
            and exc.param is not None
        ):
            refused = _refused_value(self, ctx, args, exc.param)
            if refused is not None:
                raise BadValue(ctx, exc.param, *refused, exc.message) from exc
        raise exc


class QmCommand(Localized, TyperCommand):
    """Every ``qm`` command (set in :mod:`qualitymonth.cli` on each registered command)."""


def no_such_command(group: TyperGroup, ctx: Context, args: list[str]) -> None:
    """Raise :class:`NoSuchCommand` if ``args`` starts with a name that is no command."""
    name = args[0] if args else ""
    unknown = name and not name.startswith("-") and group.get_command(ctx, name) is None
    if unknown and not ctx.resilient_parsing:
        raise NoSuchCommand(ctx, name, get_close_matches(name, list(group.commands)))
