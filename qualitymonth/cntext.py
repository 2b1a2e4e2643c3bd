"""Chinese text as people type it, made regular: NFKC, no spaces, numerals as digits.

Shared by the schedule parser and the date parser.  Pure.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["CN_NUMBER", "cn_to_int", "regular"]

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
CN_NUMBER = re.compile(r"[〇零一二两三四五六七八九十]+")
_SPACE = re.compile(r"\s+")


def cn_to_int(word: str) -> str:
    """``十二`` -> ``12``, ``二〇二三`` -> ``2023``; anything odd is returned unchanged."""
    if word.count("十") > 1:
        return word
    if "十" in word:
        tens, _, ones = word.partition("十")
        if len(tens) > 1 or len(ones) > 1:
            return word
        return str(_CN_DIGITS.get(tens, 1) * 10 + _CN_DIGITS.get(ones, 0))
    return "".join(str(_CN_DIGITS[c]) for c in word)


def regular(text: str) -> str:
    """NFKC (full-width digits and U+3000 become ASCII), no whitespace, numerals as digits."""
    s = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    return CN_NUMBER.sub(lambda m: cn_to_int(m.group()), s)
