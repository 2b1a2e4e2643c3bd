"""Validate plan text: YAML with every node's position, the pydantic schema, the periods.

Every problem is located as ``file:line:col`` by mapping pydantic's error locations back to
the YAML nodes they came from, and all of them are reported at once.  This is the only module
that imports PyYAML and pydantic; a cached plan never needs it.
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import yaml
from pydantic import ValidationError

from qualitymonth.errors import PlanError, Problem
from qualitymonth.i18n import Msg
from qualitymonth.model import (
    ACTIVITY_ALIASES,
    Period,
    alias_conflicts,
    duplicate_ids,
    raw_value,
    unknown_targets,
)
from qualitymonth.plan.loaded import LoadedPlan
from qualitymonth.plan.schema import MAX_ACTIVITIES, ActivitySchema, CampaignSchema, PlanSchema
from qualitymonth.schedule import EXAMPLES, ScheduleError, parse_schedule

__all__ = ["load_yaml", "parse_plan"]

#: Deeper nesting than this is never a plan (a plan is four levels deep).
MAX_DEPTH = 64

try:  # the libyaml C parser when present: faster, and it builds no Python objects
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader

_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
Path_ = tuple[str | int, ...]


class _Builder:
    """Builds plain Python data straight from the YAML parser's events, refusing duplicate
    keys, unknown tags and alias bombs; with ``track``, remembering where each value and each
    key stood (a third of the memory a large plan takes, so only asked for to place an error).

    No node tree is composed: a 10,000-activity plan as nodes would take 65 MB before the data
    was even built.  An alias shares the value of its anchor and costs its expanded size in
    the node budget, as if it were written out.
    """

    def __init__(self, loader: Any, shown: str, limit: int, track: bool = True) -> None:
        self.loader = loader
        self.shown = shown
        self.limit = limit
        self.track = track
        self.count = 0
        self.values: dict[Path_, tuple[int, int]] = {}
        self.keys: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        #: Each anchor's value and expanded size; ``None`` while its collection is open.
        self.anchors: dict[str, tuple[Any, int] | None] = {}
        #: The first characters an implicit resolver may claim a plain scalar by (PyYAML's
        #: ``Resolver.resolve``); without wildcard or path resolvers, any other is text.
        self.resolvable = set(loader.yaml_implicit_resolvers)
        self.simple = None not in self.resolvable and not loader.yaml_path_resolvers

    def problem(self, mark: Any, message: str, **params: object) -> None:
        self.problems.append(Problem(self.shown, mark.line + 1, mark.column + 1, message, params))

    def document(self) -> Any:
        """The stream's one document; ``_NOTHING`` when it holds none."""
        loader = self.loader
        loader.get_event()  # the stream's start
        if loader.check_event(yaml.StreamEndEvent):
            return _NOTHING
        first = loader.get_event()  # the document's start
        data = self.build(())
        loader.get_event()  # the document's end
        if not loader.check_event(yaml.StreamEndEvent):
            second = loader.get_event()
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                first.start_mark,
                "but found another document",
                second.start_mark,
            )
        return data

    def spend(self, cost: int) -> None:
        self.count += cost
        if self.count > self.limit:
            raise _Abort("yaml_too_big", limit=self.limit)

    def build(self, path: Path_) -> Any:
        return self.value(self.loader.get_event(), path)

    def value(self, event: Any, path: Path_) -> Any:
        """The value that starts with ``event`` (its events up to its end are read)."""
        self.spend(1)
        if len(path) > MAX_DEPTH:
            raise _Abort("yaml_too_deep")
        if self.track:
            mark = event.start_mark
            self.values[path] = (mark.line + 1, mark.column + 1)
        if type(event) is yaml.ScalarEvent and event.anchor is None:  # most of a plan
            return self.scalar(event, self.tag(event))
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                where: Any = event.start_mark
                raise yaml.composer.ComposerError(
                    None, None, f"found undefined alias {event.anchor!r}", where
                )
            anchored = self.anchors[event.anchor]
            if anchored is None:  # an alias inside its own anchor: endless nesting
                raise _Abort("yaml_too_deep")
            value, size = anchored
            self.spend(size)
            return value
        before = self.count
        anchor = event.anchor
        if anchor is not None:
            self.anchors[anchor] = None
        if isinstance(event, yaml.ScalarEvent):
            value = self.scalar(event, self.tag(event))
        elif isinstance(event, yaml.SequenceStartEvent):
            value = self.sequence(event, path)
        else:
            value = self.mapping(event, path)
        if anchor is not None:
            self.anchors[anchor] = (value, self.count - before + 1)
        return value

    def tag(self, event: Any, kind: Any = yaml.ScalarNode) -> str:
        """The event's tag, resolved as PyYAML resolves it (quickly for the many scalars no
        implicit resolver can claim: quoted ones, and those starting with a letter like 质)."""
        tag = event.tag
        if tag is None or tag == "!":
            if kind is yaml.ScalarNode and self.plain_text(event):
                return _STR
            value = event.value if kind is yaml.ScalarNode else None
            tag = self.loader.resolve(kind, value, event.implicit)
        return str(tag)

    def plain_text(self, event: Any) -> bool:
        if not event.implicit[0]:  # quoted or block: text
            return True
        return event.value[:1] not in self.resolvable and self.simple

    def sequence(self, event: Any, path: Path_) -> Any:
        get = self.loader.get_event
        items: list[Any] = []
        while type(item := get()) is not yaml.SequenceEndEvent:
            items.append(self.value(item, (*path, len(items))))
        tag = self.tag(event, yaml.SequenceNode)
        if tag != _SEQ:
            self.problem(event.start_mark, "yaml_tag", tag=tag)
            return None
        return items

    def mapping(self, event: Any, path: Path_) -> Any:
        get = self.loader.get_event
        out: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        merged: list[dict[Any, Any]] = []
        while type(key_event := get()) is not yaml.MappingEndEvent:
            mark = key_event.start_mark
            merge = type(key_event) is yaml.ScalarEvent and key_event.value == "<<"
            if merge and self.tag(key_event) == _MERGE:  # <<: *defaults
                self.spend(1)
                merged[:0] = self.merge(self.build((*path, "<<")), mark)
                continue
            key = self.value(key_event, (*path, "?"))  # a key may be anchored, or an alias
            if isinstance(key, (list, dict)):
                self.problem(mark, "yaml_syntax", problem="a key must be plain text")
                self.build((*path, "?"))  # its value, read and dropped
                continue
            if key in out:
                self.problem(mark, "yaml_duplicate_key", key=str(key), first=first_line[key])
                self.build((*path, key, "?"))  # the second value, read and dropped
                continue
            first_line[key] = mark.line + 1
            if self.track:
                self.keys[(*path, key)] = (mark.line + 1, mark.column + 1)
            out[key] = self.build((*path, key))
        tag = self.tag(event, yaml.MappingNode)
        if tag != _MAP:
            self.problem(event.start_mark, "yaml_tag", tag=tag)
            return None
        if not merged:
            return out
        combined: dict[Any, Any] = {}
        for source in merged:  # the first source listed wins, and written keys win over all
            combined.update(source)
        combined.update(out)
        return combined

    def merge(self, value: Any, mark: Any) -> list[dict[Any, Any]]:
        """The mappings a merge key names, the one that wins last (as PyYAML merges)."""
        sources = value if isinstance(value, list) else [value]
        if not all(isinstance(source, dict) for source in sources):
            self.problem(mark, "yaml_syntax", problem="<< must name a mapping or a list of them")
            return []
        return list(reversed(sources))

    def scalar(self, event: Any, tag: str) -> Any:
        if tag == _STR:  # most of a plan: the text itself, without PyYAML's dispatch
            return event.value
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.loader.construct_object(node)
        except yaml.constructor.ConstructorError:
            self.problem(event.start_mark, "yaml_tag", tag=tag)
            return None
        except ValueError:  # a timestamp that is no date (2023-02-30): keep the text
            return event.value
        finally:
            self.loader.constructed_objects.pop(node, None)


_NOTHING = object()


class _Abort(Exception):
    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params


def _char_at(text: str, line: int, col: int) -> str:
    """The character at 1-based ``line``:``col`` of ``text`` ('' when out of range)."""
    lines = text.splitlines()
    if 1 <= line <= len(lines) and 1 <= col <= len(lines[line - 1]):
        return lines[line - 1][col - 1]
    return ""


def load_yaml(text: str, shown: str, track: bool = True) -> tuple[Any, _Builder]:
    """Parse ``text`` safely; the data and the builder that knows (with ``track``) every
    node's position."""
    loader = _Loader(text)
    builder = _Builder(loader, shown, limit=len(text) + 1000, track=track)
    try:
        data = builder.document()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = " ".join((exc.problem or str(exc)).split())
        params: dict[str, object] = {}
        if "expected a single document" in (exc.context or ""):
            key = "yaml_multi_doc"
        elif "\\t" in problem or _char_at(text, line, col) == "\t":
            key = "yaml_tab"
        else:
            key, params = "yaml_syntax", {"problem": problem}
        raise PlanError([Problem(shown, line, col, key, params)]) from None
    except yaml.reader.ReaderError as exc:  # a control character in the text
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - text.rfind("\n", 0, exc.position)
        problem = f"character #x{exc.character:04x} is not allowed ({exc.reason})"
        raise PlanError([Problem(shown, line, col, "yaml_syntax", {"problem": problem})]) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every other error is marked
        problem = " ".join(str(exc).split())
        raise PlanError([Problem(shown, 0, 0, "yaml_syntax", {"problem": problem})]) from None
    except _Abort as exc:
        raise PlanError([Problem(shown, 0, 0, exc.key, exc.params)]) from None
    except RecursionError:
        raise PlanError([Problem(shown, 0, 0, "yaml_too_deep")]) from None
    finally:
        loader.dispose()
    if data is _NOTHING:
        raise PlanError([Problem(shown, 0, 0, "yaml_empty")])
    return data, builder


# --------------------------------------------------------------------------- validation

_FIELD_NAMES = sorted(
    {
        *ActivitySchema.model_fields,
        *ACTIVITY_ALIASES.values(),
        *CampaignSchema.model_fields,
        *PlanSchema.model_fields,
    }
)
_TYPE_KEYS = {
    "missing": "field_missing",
    "int_type": "expect_int",
    "int_parsing": "expect_int",
    "int_from_float": "expect_int",
    "greater_than": "expect_positive",
    "string_type": "expect_text",
    "string_too_short": "expect_nonempty",
    "date_type": "expect_date",
    "date_parsing": "expect_date",
    "date_from_datetime_parsing": "expect_date",
    "date_from_datetime_inexact": "expect_date",
    "date_future": "expect_date",
    "list_type": "expect_list",
    "dict_type": "expect_mapping",
    "model_type": "expect_mapping",
    "model_attributes_type": "expect_mapping",
    "greater_than_equal": "expect_year",
    "less_than_equal": "expect_year",
}


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _Locator:
    """Places a problem by its path in the data: the positions come from a second parse of
    ``text`` the first time one is asked for (a valid plan never needs them)."""

    def __init__(self, shown: str, text: str, builder: _Builder, data: Any) -> None:
        self.shown = shown
        self.text = text
        self._builder = builder
        self.data = data

    @property
    def builder(self) -> _Builder:
        if not self._builder.track:
            self._builder = load_yaml(self.text, self.shown, track=True)[1]
        return self._builder

    def at(self, loc: Path_, *, key: bool = False) -> tuple[int, int]:
        if key and loc in self.builder.keys:
            return self.builder.keys[loc]
        path = loc
        while path:
            if path in self.builder.values:
                return self.builder.values[path]
            # pydantic names a field by its first alias; the file may use the other one.
            last = path[-1]
            if isinstance(last, str):
                other = ACTIVITY_ALIASES.get(last)
                if other and (*path[:-1], other) in self.builder.values:
                    return self.builder.values[(*path[:-1], other)]
            path = path[:-1]
        return self.builder.values.get((), (1, 1))

    def activity_id(self, loc: Path_) -> int | None:
        if len(loc) >= 2 and loc[0] == "activities" and isinstance(loc[1], int):
            try:
                item = self.data["activities"][loc[1]]
                ident = raw_value(item, "id")
            except (KeyError, IndexError, TypeError, AttributeError):
                return None
            valid = isinstance(ident, int) and not isinstance(ident, bool) and ident > 0
            return ident if valid else None
        return None

    def problem(self, loc: Path_, key: str, *, at_key: bool = False, **params: object) -> Problem:
        line, col = self.at(loc, key=at_key)
        # Messages that carry an ``id`` name the activity themselves.
        ident = None if "id" in params else self.activity_id(loc)
        return Problem(self.shown, line, col, key, params, activity=ident)


def _pydantic_problems(exc: ValidationError, where: _Locator) -> list[Problem]:
    problems: list[Problem] = []
    for err in exc.errors():
        loc: Path_ = tuple(err["loc"])
        typ = err["type"]
        ctx = err.get("ctx") or {}
        names = [part for part in loc if isinstance(part, str)]
        name = names[-1] if names else "plan"
        if typ in ("qm_duplicate_id", "qm_alias_conflict"):
            continue  # reported by the cross checks, with every occurrence located
        if typ == "extra_forbidden":
            problems.append(_unknown_key(loc, where))
        elif typ == "qm_start_after_end":
            problems.append(where.problem((*loc, "end"), "start_after_end", **ctx))
        elif typ == "too_short" and loc == ("activities",):
            problems.append(where.problem(loc, "no_activities_in_plan"))
        elif typ == "too_long" and loc == ("activities",):
            problems.append(where.problem(loc, "too_many_activities", limit=MAX_ACTIVITIES))
        elif typ in _TYPE_KEYS:
            problems.append(
                where.problem(loc, _TYPE_KEYS[typ], field=name, value=_show(err["input"]))
            )
        else:
            problems.append(where.problem(loc, "expect_other", field=name, detail=err["msg"]))
    return problems


def _unknown_key(loc: Path_, where: _Locator) -> Problem:
    name = str(loc[-1])
    for english, chinese in ACTIVITY_ALIASES.items():
        other = english if name == chinese else chinese if name == english else None
        if other and (*loc[:-1], other) in where.builder.keys:
            return where.problem(loc, "field_both", at_key=True, field=name, other=other)
    guess = difflib.get_close_matches(name, _FIELD_NAMES, n=1, cutoff=0.6)
    hint = Msg("field_hint", {"guess": guess[0]}) if guess else ""
    return where.problem(loc, "field_unknown", at_key=True, field=name, hint=hint)


def _cross_problems(data: Any, where: _Locator) -> list[Problem]:
    problems: list[Problem] = []
    activities = data.get("activities") if isinstance(data, dict) else None
    if isinstance(activities, list):
        for index, ident, first in duplicate_ids(activities):
            name = "id" if "id" in activities[index] else "序号"
            first_line = where.at(("activities", first))[0]
            problems.append(
                where.problem(
                    ("activities", index, name), "duplicate_id", id=ident, first=first_line
                )
            )
    departments = data.get("departments") if isinstance(data, dict) else None
    if isinstance(departments, dict) and all(isinstance(v, list) for v in departments.values()):
        for name in unknown_targets(departments, activities):
            problems.append(where.problem(("departments", name), "department_unknown", name=name))
        for alias, owner, other in alias_conflicts(departments):
            problems.append(
                where.problem(
                    ("departments", other),
                    "alias_conflict",
                    alias=alias,
                    first=owner,
                    second=other,
                )
            )
    return problems


class _Row(NamedTuple):
    pos: int
    id: Any
    schedule: str
    start: date | None
    end: date | None


def _periods(
    rows: Iterable[_Row], year: int, issued: date | None, where: _Locator
) -> tuple[dict[int, Period | None], list[Problem]]:
    """Each activity's period: explicit ``start``/``end`` win, else the parsed schedule."""
    periods: dict[int, Period | None] = {}
    problems: list[Problem] = []
    for row in rows:
        if row.start and row.end:
            periods[row.id] = Period(row.start, row.end)
            continue
        try:
            parsed = parse_schedule(row.schedule, year, issued)
        except ScheduleError as exc:
            params = {
                "id": row.id,
                "text": row.schedule,
                "examples": "、".join(EXAMPLES),
                **exc.params,
            }
            problems.append(
                where.problem(("activities", row.pos, "schedule"), exc.reason, **params)
            )
            periods[row.id] = None
            continue
        if parsed is None:  # 待定: undated, unless one explicit date pins it to a day
            pinned = row.start or row.end
            periods[row.id] = Period(pinned, pinned) if pinned else None
            continue
        start, end = row.start or parsed.start, row.end or parsed.end
        if start > end:
            problems.append(
                where.problem(
                    ("activities", row.pos, "start" if row.start else "end"),
                    "start_after_end",
                    id=row.id,
                    start=start.isoformat(),
                    end=end.isoformat(),
                )
            )
            periods[row.id] = None
        else:
            periods[row.id] = Period(start, end)
    return periods, problems


def _raw_rows(data: dict[Any, Any]) -> Iterator[_Row]:
    """The activities of a plan that failed validation, as far as they can be read, so that
    ``validate`` reports unreadable schedules beside the structural errors."""
    activities = data.get("activities")
    for index, item in enumerate(activities if isinstance(activities, list) else ()):
        if not isinstance(item, dict):
            continue
        schedule = raw_value(item, "schedule")
        if not isinstance(schedule, str):
            continue
        start, end = raw_value(item, "start"), raw_value(item, "end")
        yield _Row(
            index,
            raw_value(item, "id", f"#{index + 1}"),
            schedule,
            start if isinstance(start, date) else None,
            end if isinstance(end, date) else None,
        )


def parse_plan(text: str, path: Path) -> LoadedPlan:
    """Validate plan ``text`` read from ``path``.  Raises :class:`PlanError` with every
    structural problem; unreadable schedules are returned in ``schedule_problems``.

    The garbage collector is paused meanwhile: a large plan builds many objects that all
    stay alive, and collecting them half-way only costs time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _parse_plan(text, path)
    finally:
        if enabled:
            gc.enable()


def _parse_plan(text: str, path: Path) -> LoadedPlan:
    shown = str(path)
    data, builder = load_yaml(text, shown, track=False)
    where = _Locator(shown, text, builder, data)
    problems = list(builder.problems)
    if not isinstance(data, dict):
        problems.append(where.problem((), "expect_mapping", field="plan", value=_show(data)))
        raise PlanError(problems)
    plan: PlanSchema | None = None
    try:
        plan = PlanSchema.model_validate(data)
    except ValidationError as exc:
        taken = {(p.line, p.col) for p in problems}
        problems += [p for p in _pydantic_problems(exc, where) if (p.line, p.col) not in taken]
    problems += _cross_problems(data, where)
    if problems or plan is None:
        campaign = data.get("campaign")
        year = campaign.get("year") if isinstance(campaign, dict) else None
        issued = campaign.get("issued") if isinstance(campaign, dict) else None
        later: list[Problem] = []
        if isinstance(year, int) and 1900 <= year <= 2200:
            issued = issued if isinstance(issued, date) else None
            later = _periods(_raw_rows(data), year, issued, where)[1]
        raise PlanError(problems, schedule_problems=later)
    rows = (_Row(i, a.id, a.schedule, a.start, a.end) for i, a in enumerate(plan.activities))
    periods, schedule_problems = _periods(rows, plan.campaign.year, plan.campaign.issued, where)
    return LoadedPlan(
        path=path, plan=plan.to_model(), periods=periods, schedule_problems=schedule_problems
    )
