"""Line breaking for terminal tables, as Chinese typesetting breaks lines.

A cell is cut only where the Unicode line breaking algorithm (UAX #14, from ``uniseg``) allows
a break, and further where Chinese typesetting allows one (GB/T 15834 and the usual 避头尾
rules):

- no closing punctuation (，。、；：？！”’）》」』】〕… and their ASCII kin) starts a line, and no
  opening punctuation (“‘（《「『【〔) ends one;
- a number stays whole, with its separators and its unit: ``8:30-11:30``, ``2024年6月``,
  ``9月15日``, ``11 项``, ``12 家``, ``50%``, ``第六届``, ``九月``;
- a run of at most four Han characters between punctuation, spaces or figures (逾期, 未开始,
  “质量月”, 各监管所) is a word and stays whole, and so does a whole text of at most four
  characters;
- Latin words are never cut (UAX #14 already keeps them).

When the text cannot fit that way, the rules give way in order: first the number and word
rules, then (last resort) a run wider than the column is cut by columns, at a grapheme
boundary, preferring a cut that leaves no punctuation wrong.  No line is ever wider than the
width (except a single character wider than a one-column width), no character but a space at
a break is dropped, and explicit newlines are kept.

Widths are terminal cells as Rich counts them (``rich.cells``: CJK and full-width two cells,
most others one, combining marks none, emoji sequences as Rich measures them), so a line that
:func:`wrap` makes fits the column that Rich draws.

Speed: UAX #14 in ``uniseg`` is pure Python, about 0.1 ms a character.  Two caches make it
cheap.  For the rules, every character is replaced by a representative with the same
properties (line-break class, general category, East Asian width, cells; the characters the
rules name keep their identity), so ``第1项活动`` and ``第2项活动`` are one text and one entry in
the cache of finished lines.  For UAX #14 the text is reduced further (every Han character is
丁) and cut between two Han characters (always a break opportunity, and a boundary no rule
looks across) into short pieces, each worked out with one character of context on each side
and cached: the pieces are punctuation patterns like 丁，丁 or 丁“丁, a few dozen in a whole
plan, so a new sentence costs a few dictionary look-ups a character.
``tests/test_linebreak.py`` holds this to ``uniseg`` on whole texts.

How the tables use it:

- ``output.table.list_table`` draws its own table and calls :func:`wrap_cells` for a cell
  too wide for its column (``[(line, cells), ...]``);
- a Rich table wraps its cells itself, with its own algorithm: give it a :class:`Wrapped`
  instead of a ``Text`` (``table.add_row(str(a.id), Wrapped(cell_text(a.theme)), ...)``).
  Rich measures it (widest line, widest unbreakable run), picks the column width as for any
  text, and :class:`Wrapped` breaks the text at exactly that width; a ``no_wrap`` column is
  left to Rich.  It works outside tables too (a long sentence in a ``Group``).

Nothing heavy is imported with this module: ``uniseg`` and ``rich`` load on first use.

The package: :mod:`.chars` (the characters the rules name, cells, the representatives),
:mod:`.uax` (UAX #14 by pieces), :mod:`.fit` (the rules, fitting a paragraph to a width,
and the functions above), :mod:`.learnt` (what was learnt, kept between runs), :mod:`.wrapped`
(the Rich renderable).
"""

from qualitymonth.linebreak.chars import CELLS as CELLS
from qualitymonth.linebreak.chars import CLOSING as CLOSING
from qualitymonth.linebreak.chars import OPENING as OPENING
from qualitymonth.linebreak.chars import SHORT as SHORT
from qualitymonth.linebreak.chars import _canonical as _canonical
from qualitymonth.linebreak.chars import text_width as text_width
from qualitymonth.linebreak.fit import _candidates as _candidates
from qualitymonth.linebreak.fit import min_width as min_width
from qualitymonth.linebreak.fit import spans as spans
from qualitymonth.linebreak.fit import wrap as wrap
from qualitymonth.linebreak.fit import wrap_cells as wrap_cells
from qualitymonth.linebreak.learnt import load_memo as load_memo
from qualitymonth.linebreak.learnt import memo as memo
from qualitymonth.linebreak.learnt import memo_size as memo_size
from qualitymonth.linebreak.uax import opportunities as opportunities
from qualitymonth.linebreak.wrapped import Wrapped as Wrapped

__all__ = [
    "CLOSING",
    "OPENING",
    "Wrapped",
    "min_width",
    "opportunities",
    "spans",
    "text_width",
    "wrap",
    "wrap_cells",
]
