"""One point of time in a schedule text, as the grammar reads it: 9月, 9月中旬, 2024年,
第三季度, 即日, 15日 (with its year, half, quarter, month, 旬 or day, each optional).

:func:`match_point` reads the point at a position of the canonical text;
:mod:`qualitymonth.schedule_grammar` makes ranges, deadlines and pieces of them.  Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["XUN", "Point", "match_point"]

_POINT = re.compile(
    r"""
    (?: (?P<year>\d{4})年(?P<fiscal>度)?
      | (?P<rel>今年|本年度?|当年|明年|次年|翌年|第2年|下1年|去年|上年)
    )?
    (?:
        (?P<half>上半年|下半年)
      | 第?(?P<quarter>[1-4])季度(?P<qend>末|底)?
      | (?P<yearend>年底|年末|年终|年内)
      | (?P<month>\d{1,2})月
        (?: (?P<day>\d{1,2})日?
          | (?P<xun>上中旬|中下旬|上旬|中旬|下旬|上半月|下半月
                   | (?:初|中|底|末)(?=$|[~,、;前后起左开完进结止以之当内期启组召举部报实执全])
            )  # 9月中 and 9月底前, but not 9月中秋节前
        )?
      | (?P<lonexun>上中旬|中下旬|上旬|中旬|下旬)
      | 月(?P<monthend>底|末)
      | (?P<now>即日|今日|本通知印发之日|通知印发之日|印发之日|发文之日)
      | (?P<num>\d{1,4})(?P<dayunit>日)?
    )?
    """,
    re.VERBOSE,
)

XUN = {
    "上旬": (1, 10),
    "初": (1, 10),
    "上中旬": (1, 20),
    "中旬": (11, 20),
    "中": (11, 20),
    "中下旬": (11, 31),
    "下旬": (21, 31),
    "底": (21, 31),
    "末": (21, 31),
    "上半月": (1, 15),
    "下半月": (16, 31),
}


@dataclass(slots=True)
class Point:
    year: int | None = None  # written explicitly, as a number
    rel: str | None = None  # 今年, 明年, 次年…
    fiscal: bool = False  # 2024年度
    half: str | None = None
    quarter: int | None = None
    qend: bool = False
    yearend: bool = False
    month: int | None = None
    day: int | None = None
    xun: str | None = None
    monthend: bool = False
    now: bool = False
    num: int | None = None
    dayunit: bool = False

    @property
    def _below_year(self) -> bool:
        """Whether the point names anything within a year (a half, quarter, month, day…)."""
        return bool(
            self.half
            or self.quarter
            or self.yearend
            or self.month is not None
            or self.xun
            or self.monthend
            or self.now
            or self.num is not None
        )

    @property
    def empty(self) -> bool:
        return not (self.year is not None or self.rel or self._below_year)

    @property
    def year_only(self) -> bool:
        return (self.year is not None or self.rel is not None) and not self._below_year

    @property
    def is_deadline(self) -> bool:
        """Alone, 9月底, 年底, 三季度末 mean 'by then'."""
        return (
            self.yearend
            or self.qend
            or self.monthend
            or (self.day is None and self.xun in ("底", "末"))
        )


def match_point(s: str, pos: int) -> tuple[Point, int]:
    m = _POINT.match(s, pos)
    assert m is not None  # every part is optional: the pattern always matches
    g = m.groupdict()
    xun = g["xun"] or g["lonexun"]
    return (
        Point(
            year=int(g["year"]) if g["year"] else None,
            rel=g["rel"],
            fiscal=bool(g["fiscal"]),
            half=g["half"],
            quarter=int(g["quarter"]) if g["quarter"] else None,
            qend=bool(g["qend"]),
            yearend=bool(g["yearend"]),
            month=int(g["month"]) if g["month"] else None,
            day=int(g["day"]) if g["day"] else None,
            xun=xun,
            monthend=bool(g["monthend"]),
            now=bool(g["now"]),
            num=int(g["num"]) if g["num"] else None,
            dayunit=bool(g["dayunit"]),
        ),
        m.end(),
    )
