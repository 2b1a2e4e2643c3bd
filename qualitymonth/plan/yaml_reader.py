"""Read plan YAML into plain data, keeping every node's position for error messages.

Built from the YAML parser's events (libyaml's C parser when present): aliases share their
anchor's value and cost their expanded size in a node budget, so alias bombs are refused at
once; tags, duplicate keys, deep nesting and a second document are refused, located.
Positions are gathered by a second parse, only when there is an error to place.
"""

from __future__ import annotations

from typing import Any

import yaml

from qualitymonth.errors import PlanError, Problem

__all__ = ["MAX_DEPTH", "Builder", "Path_", "load_yaml"]

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


class Builder:
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


def load_yaml(text: str, shown: str, track: bool = True) -> tuple[Any, Builder]:
    """Parse ``text`` safely; the data and the builder that knows (with ``track``) every
    node's position."""
    loader = _Loader(text)
    builder = Builder(loader, shown, limit=len(text) + 1000, track=track)
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
