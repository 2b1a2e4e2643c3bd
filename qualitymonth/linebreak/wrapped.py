"""The Rich renderable: a text wrapped by :func:`~qualitymonth.linebreak.wrap` to the width
Rich gives it.  ``rich`` loads when it is drawn, not when this module is imported."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualitymonth.linebreak.chars import text_width
from qualitymonth.linebreak.fit import min_width, spans

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult
    from rich.measure import Measurement
    from rich.text import Text


class Wrapped:
    """A Rich renderable: ``text`` wrapped by :func:`wrap` to the width Rich gives it.

    Use it in place of a ``Text`` in a table cell (or anywhere): ``table.add_row(
    Wrapped(cell_text(theme)), ...)``.  It keeps the text's styles, and tells Rich its
    widest line (the width it would like) and, when that is wider than the room there is,
    its widest unbreakable run (the least it needs), so Rich sizes the column as for any
    text and then never breaks it itself.
    """

    def __init__(self, text: Text | str, style: str = "") -> None:
        """``text``: a ``Text`` (its styles are kept) or a plain string, never read as
        markup.  Make untrusted text safe first (``render.cell_text`` does)."""
        from rich.text import Text

        self.text = Text(text, style=style) if isinstance(text, str) else text

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        plain = self.text.plain
        widest = max(text_width(line) for line in plain.split("\n"))
        if widest <= options.max_width:  # it fits: the least it needs is of no consequence
            return Measurement(widest, widest)
        return Measurement(min(min_width(plain), widest), widest)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.text import Text

        if options.no_wrap or self.text.no_wrap:  # a no_wrap column: as Rich would, unwrapped
            yield self.text
            return
        lines = [self.text[s:e] for s, e in spans(self.text.plain, options.max_width)]
        joined = Text("\n", end=self.text.end).join(lines)
        joined.justify = self.text.justify
        joined.overflow = "fold"  # only a lone character wider than the column gets here
        joined.no_wrap = True
        yield joined
