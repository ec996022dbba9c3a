"""Event rules: how a trigger's event is coded in its context (``data/event_rules.tsv``).

A trigger row of ``triggers.tsv`` gives the starting event type, sub-type and role;
the rules here, read in file order, change them from the sentence's context and
decide the sides. Each row is::

    id <TAB> group <TAB> when <TAB> if <TAB> then

- ``id``: the rule's stable name; events record ``coder/<id>`` on the fields it decided.
- ``group``: ``-``, or a name shared by adjacent rows of which only the first that
  holds applies (an if/elif chain).
- ``when``: ``-``, or ``;``-separated tests of the event as coded so far:
  ``type=``, ``sub=``, ``role=``, ``trigger=`` (the trigger's pattern as written in
  ``triggers.tsv``), each with ``|`` between accepted values, or ``!=`` for refused ones.
- ``if``: ``-``, or ``;``-separated named predicates (``rasd.extract.predicates``),
  all of which must hold; ``a|b`` holds when either does, ``!a`` when ``a`` does not;
  some take a cue kind (``sentence-cue:mob``).
- ``then``: ``;``-separated effects: ``type=``, ``sub=``, ``role=``, ``actors=<action>``,
  ``stop`` (the event is coded: no later rule, no check), or ``drop`` alone (no event).

The file is checked as it loads: an unknown key, event type, sub-type, role, trigger,
predicate, cue kind or action, or a malformed row, stops with an :class:`ExtractError`
naming the file and line.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from rasd.acled import CONTROL_SUBTYPE, EVENT_TYPES, TRIGGER_ROLES
from rasd.errors import ExtractError
from rasd.extract.predicates import ACTIONS, PREDICATES, Coding, check_argument

DEFAULT_FILE = "event_rules.tsv"
_NAME = re.compile(r"[a-z0-9][a-z0-9-]*")
_WHEN_KEYS = ("type", "sub", "role", "trigger")
_ALL_SUBS = frozenset().union(*EVENT_TYPES.values()) | {CONTROL_SUBTYPE}


@dataclass(frozen=True, slots=True)
class Test:
    """One ``when`` test: the field's value is (or, negated, is not) one of ``values``."""

    key: str
    values: frozenset[str]
    negated: bool

    def holds(self, c: Coding) -> bool:
        value = (c.event_type if self.key == "type" else c.sub if self.key == "sub"
                 else c.role if self.key == "role" else c.match.trigger.source)
        return (value in self.values) != self.negated


@dataclass(frozen=True, slots=True)
class Call:
    """One predicate named in ``if``, with its argument and negation."""

    name: str
    arg: str
    negated: bool

    def holds(self, c: Coding) -> bool:
        return PREDICATES[self.name][0](c, self.arg) != self.negated


@dataclass(frozen=True, slots=True)
class EventRule:
    id: str
    group: str  # "" when the rule stands alone
    when: tuple[Test, ...]
    conditions: tuple[tuple[Call, ...], ...]  # all of, each any of
    event_type: str | None
    sub: str | None
    role: str | None
    action: str | None
    stop: bool
    drop: bool
    where: str  # file:line

    @property
    def rule_id(self) -> str:
        return f"coder/{self.id}"

    def holds(self, c: Coding) -> bool:
        return all(t.holds(c) for t in self.when) and all(
            any(call.holds(c) for call in alts) for alts in self.conditions)


class EventRules:
    """The rules of one file, applied in order to each event being coded."""

    def __init__(self, rules: Sequence[EventRule], *, source: str = DEFAULT_FILE,
                 digest: str = "") -> None:
        self.rules = tuple(rules)
        self.source = source
        self.digest = digest  # sha256 of the file read: part of the events' ruleset hash

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(r.rule_id for r in self.rules)

    def apply(self, c: Coding) -> bool:
        """Run the rules over ``c``, noting each rule's id on the fields it decides.
        False when a rule drops the event."""
        fired = ""
        for rule in self.rules:
            if rule.group and rule.group == fired:
                continue  # an earlier rule of the group applied
            if not rule.holds(c):
                continue
            fired = rule.group
            if rule.drop:
                return False
            fields: list[str] = []
            if rule.event_type is not None:
                c.event_type = rule.event_type
            if rule.sub is not None:
                c.sub = rule.sub
            if rule.role is not None:
                c.role = rule.role
            if rule.event_type or rule.sub or rule.role:
                fields.append("event")
            if rule.action is not None:
                fields.extend(ACTIONS[rule.action](c))
            for f in fields:
                ids = c.why.setdefault(f, [])
                if rule.rule_id not in ids:
                    ids.append(rule.rule_id)
            if rule.stop:
                return True
        return True


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.split(";")]


def _when(text: str, where: str, triggers: Collection[str] | None) -> tuple[Test, ...]:
    if text == "-":
        return ()
    tests = []
    for term in _split(text):
        m = re.fullmatch(r"([a-z]+)\s*(!?=)\s*(.+)", term)
        if m is None:
            raise ExtractError(f"{where}: malformed test {term!r} in 'when' "
                               "(key=value|value or key!=value)")
        key, op, raw = m.groups()
        if key not in _WHEN_KEYS:
            raise ExtractError(f"{where}: unknown key {key!r} in 'when' "
                               f"(one of {', '.join(_WHEN_KEYS)})")
        values = [v.strip() for v in raw.split("|")]
        for v in values:
            _check_value(key, v, where, triggers)
        tests.append(Test(key, frozenset(values), op == "!="))
    return tuple(tests)


def _check_value(key: str, v: str, where: str, triggers: Collection[str] | None) -> None:
    if key == "type" and v not in EVENT_TYPES:
        raise ExtractError(f"{where}: unknown event type {v!r}")
    if key == "sub" and v not in _ALL_SUBS:
        raise ExtractError(f"{where}: unknown sub-type {v!r}")
    if key == "role" and v not in TRIGGER_ROLES:
        raise ExtractError(f"{where}: unknown role {v!r}")
    if key == "trigger" and triggers is not None and v not in triggers:
        raise ExtractError(f"{where}: unknown trigger {v!r} (not a pattern of the trigger file)")


def _conditions(text: str, where: str) -> tuple[tuple[Call, ...], ...]:
    if text == "-":
        return ()
    out = []
    for term in _split(text):
        alts = []
        for alt in term.split("|"):
            alt = alt.strip()
            negated = alt.startswith("!")
            body = alt[1:] if negated else alt
            name, _, arg = body.partition(":")
            if not _NAME.fullmatch(name) or (":" in body and not arg):
                raise ExtractError(f"{where}: malformed predicate {alt!r} in 'if'")
            problem = check_argument(name, arg if ":" in body else None)
            if problem is not None:
                raise ExtractError(f"{where}: {problem}")
            alts.append(Call(name, arg, negated))
        out.append(tuple(alts))
    return tuple(out)


def _row(cols: list[str], where: str, triggers: Collection[str] | None) -> EventRule:
    if len(cols) != 5:
        raise ExtractError(f"{where}: expected 5 columns (id, group, when, if, then), "
                           f"got {len(cols)}")
    rid, group, when, cond, then = (c.strip() for c in cols)
    if not _NAME.fullmatch(rid):
        raise ExtractError(f"{where}: malformed rule id {rid!r} (lower-case letters, digits, '-')")
    if group != "-" and not _NAME.fullmatch(group):
        raise ExtractError(f"{where}: malformed group {group!r}")
    effects: dict[str, str] = {}
    flags: set[str] = set()
    for term in _split(then):
        key, eq, value = term.partition("=")
        key, value = key.strip(), value.strip()
        if not eq:
            if key not in ("stop", "drop"):
                raise ExtractError(f"{where}: unknown effect {term!r} in 'then'")
            flags.add(key)
        elif key not in ("type", "sub", "role", "actors") or not value:
            raise ExtractError(f"{where}: unknown effect {term!r} in 'then'")
        elif key in effects:
            raise ExtractError(f"{where}: effect {key!r} given twice")
        else:
            effects[key] = value
    if "drop" in flags and (effects or "stop" in flags):
        raise ExtractError(f"{where}: 'drop' stands alone in 'then'")
    if not effects and not flags:
        raise ExtractError(f"{where}: no effect in 'then'")
    for key in ("type", "sub", "role"):
        if key in effects:
            _check_value(key, effects[key], where, None)
    if "type" in effects and "sub" in effects and \
            effects["sub"] not in EVENT_TYPES[effects["type"]]:
        raise ExtractError(f"{where}: unknown sub-type {effects['sub']!r} of {effects['type']!r}")
    if "actors" in effects and effects["actors"] not in ACTIONS:
        raise ExtractError(f"{where}: unknown action {effects['actors']!r}")
    return EventRule(id=rid, group="" if group == "-" else group,
                     when=_when(when, where, triggers), conditions=_conditions(cond, where),
                     event_type=effects.get("type"), sub=effects.get("sub"),
                     role=effects.get("role"), action=effects.get("actors"),
                     stop="stop" in flags, drop="drop" in flags, where=where)


def parse_event_rules(text: str, name: str, *,
                      triggers: Collection[str] | None = None) -> EventRules:
    """Rules from the text of a rule file called ``name`` (for messages). With
    ``triggers`` (the trigger patterns), a ``trigger=`` test must name one of them."""
    rules: list[EventRule] = []
    seen: dict[str, str] = {}
    closed: set[str] = set()  # groups whose rows ended: a group's rows are adjacent
    current = ""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{name}:{n}"
        rule = _row(line.split("\t"), where, triggers)
        if rule.id in seen:
            raise ExtractError(f"{where}: rule id {rule.id!r} already given at {seen[rule.id]}")
        seen[rule.id] = where
        if rule.group != current:
            if current:
                closed.add(current)
            if rule.group in closed:
                raise ExtractError(f"{where}: group {rule.group!r} resumes after other rules "
                                   "(a group's rows must be adjacent)")
            current = rule.group
        rules.append(rule)
    return EventRules(rules, source=name,
                      digest=hashlib.sha256(text.encode("utf-8")).hexdigest())


def load_event_rules(path: Path | None = None, *,
                     triggers: Collection[str] | None = None) -> EventRules:
    """The rules of ``path``, or the package's own (cached) when None."""
    if path is None and triggers is None:
        return _default_rules()
    if path is None:
        text = (resources.files("rasd") / "data" / DEFAULT_FILE).read_text(encoding="utf-8")
        return parse_event_rules(text, DEFAULT_FILE, triggers=triggers)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExtractError(f"{path}: cannot read: {exc}") from exc
    return parse_event_rules(text, str(path), triggers=triggers)


@cache
def _default_rules() -> EventRules:
    from rasd.extract.lexicon import load_lexicon

    text = (resources.files("rasd") / "data" / DEFAULT_FILE).read_text(encoding="utf-8")
    return parse_event_rules(text, DEFAULT_FILE,
                             triggers={t.source for t in load_lexicon().triggers})
