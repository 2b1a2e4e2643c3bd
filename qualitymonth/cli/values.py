"""Option values as clerks type them: English or Chinese choice labels (--status 已完成,
--role 牵头), ids separated by spaces or commas (qm done 5,6), a percent with its sign (50%).
Each bad value is a usage error in one sentence."""

from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from qualitymonth.query import Role

T = TypeVar("T")

#: --status: English values and their Chinese labels.
STATUSES = {
    "todo": "todo", "doing": "doing", "done": "done", "overdue": "overdue", "late": "late",
    "未开始": "todo", "进行中": "doing", "已完成": "done", "逾期": "overdue",
    "逾期完成": "late", "逾期未完成": "overdue",
}  # fmt: skip
#: --role.
ROLES: "dict[str, Role]" = {
    "lead": "lead", "assist": "assist", "any": "any",
    "牵头": "lead", "协办": "assist", "全部": "any", "任意": "any",
}  # fmt: skip

_ID_SEPARATORS = str.maketrans({c: " " for c in ",，、;；"})


def choice(value: str, table: Mapping[str, T], option: str) -> T:
    """The English value of ``value`` (English or its Chinese label)."""
    import unicodedata

    found = table.get(unicodedata.normalize("NFKC", value).strip().lower())
    if found is None:
        names = " / ".join(dict.fromkeys(table))
        from qualitymonth.errors import UsageError

        raise UsageError("bad_choice", option=option, value=value, choices=names)
    return found


def ids(values: list[str]) -> list[int]:
    """Activity ids from ``5 6``, ``5,6``, ``5，6`` or ``5、6``."""
    import unicodedata

    out: list[int] = []
    for value in values:
        for part in unicodedata.normalize("NFKC", value).translate(_ID_SEPARATORS).split():
            if not part.isdigit() or int(part) < 1:
                from qualitymonth.errors import UsageError

                raise UsageError("bad_id", value=part)
            out.append(int(part))
    if not out:
        from qualitymonth.errors import UsageError

        raise UsageError("bad_id", value=" ".join(values))
    return out


def percent(value: str) -> int:
    """0 to 100, with or without its sign: ``50``, ``50%``, ``５０％``."""
    import unicodedata

    from qualitymonth.errors import UsageError

    text = unicodedata.normalize("NFKC", value).strip().removesuffix("%").strip()
    try:
        number = int(text)
    except ValueError:
        raise UsageError("bad_percent", value=value) from None
    if not 0 <= number <= 100:
        raise UsageError("bad_percent", value=value)
    return number
