"""Which canonical event each evidence sentence speaks for, kept by triggers (m018, m020).

An evidence word on canonical events selects the canonical events with a report whose
evidence holds the word. On SQLite the trigram index of m013 gives the matching
sentences in a few milliseconds, but walking each of them to its report (the evidence
row, which carries the sentence twice) and the report to its canonical event (a
search in ``events``) cost two to three times that for a common word: 16,618
sentences, about 30-60 ms of a request's 100. ``evidence_canonical`` holds, for each
evidence row id, the canonical id of its report: a narrow table of integer keys, so
the index's row ids lead to the canonical ids with one search each in a table a
fraction of the size.

Triggers on ``evidence`` (insert, delete, a change of its id or report) and on
``events`` (insert, delete, a change of its id or canonical id) keep the invariant,
whoever writes: each evidence row's entry holds ``events.canonical_id`` of its report
(NULL when the report has none or is gone). The migration fills the table from the
rows already stored.

PostgreSQL (m020): ``evidence_words`` holds, per evidence row, its report's id, the
report's canonical id and the sentence's tsvector, with a GIN index of its own and the
same invariant kept by PL/pgSQL triggers. A phrase search checks each candidate's word
positions in the table it indexes: in ``evidence`` that read every matching sentence
row (the text twice beside the vector, 60 MB for 100,000 reports), then each report for
its canonical id; here a table under half the size gives the canonical id at once. For
the issue's word (16,618 sentences) the canonical count went from 80-108 to 44-72 ms of
the server's CPU (a loaded machine). Report-level searches still read ``evidence``.
"""

from __future__ import annotations

from math import isqrt
from weakref import WeakKeyDictionary

from rasd.clean.normalize import normalize_for_match
from rasd.store.base import Store
from rasd.store.events import MIN_TRIGRAM, EventFilter, caseless, evidence_match

TABLE = "evidence_canonical"
# The canonical id of a report, where a trigger reads it.
_OF_EVENT = "(SELECT canonical_id FROM events WHERE id = {})"
_EVIDENCE_OF = "id IN (SELECT id FROM evidence WHERE event_id = {})"


def create_evidence_canonical(store: Store) -> None:
    """The table, its triggers and its rows for the evidence already stored (SQLite)."""
    if store.dialect != "sqlite":
        return
    store._exec(f"CREATE TABLE {TABLE} (id INTEGER PRIMARY KEY, canonical_id TEXT)")
    add = (f"INSERT OR REPLACE INTO {TABLE} (id, canonical_id) "
           f"VALUES (NEW.id, {_OF_EVENT.format('NEW.event_id')});")
    store._exec(f"CREATE TRIGGER {TABLE}_evidence_insert AFTER INSERT ON evidence "
                f"BEGIN {add} END")
    store._exec(f"CREATE TRIGGER {TABLE}_evidence_delete AFTER DELETE ON evidence "
                f"BEGIN DELETE FROM {TABLE} WHERE id = OLD.id; END")
    store._exec(f"CREATE TRIGGER {TABLE}_evidence_update AFTER UPDATE OF id, event_id "
                f"ON evidence BEGIN DELETE FROM {TABLE} WHERE id = OLD.id; {add} END")
    # A report's evidence may be written before the report itself: it then found no
    # canonical id, which the report's row brings when it comes.
    store._exec(f"CREATE TRIGGER {TABLE}_event_insert AFTER INSERT ON events "
                f"WHEN NEW.canonical_id IS NOT NULL BEGIN UPDATE {TABLE} "
                f"SET canonical_id = NEW.canonical_id WHERE {_EVIDENCE_OF.format('NEW.id')}; "
                "END")
    store._exec(f"CREATE TRIGGER {TABLE}_event_delete AFTER DELETE ON events "
                f"WHEN OLD.canonical_id IS NOT NULL BEGIN UPDATE {TABLE} "
                f"SET canonical_id = NULL WHERE {_EVIDENCE_OF.format('OLD.id')}; END")
    # A report's new id leaves its evidence behind (it names the old id), with
    # whichever report holds that id now: none, unless ids were swapped.
    store._exec(
        f"CREATE TRIGGER {TABLE}_event_update AFTER UPDATE OF id, canonical_id ON events "
        "WHEN OLD.id IS NOT NEW.id OR OLD.canonical_id IS NOT NEW.canonical_id BEGIN "
        f"UPDATE {TABLE} SET canonical_id = {_OF_EVENT.format('OLD.id')} "
        f"WHERE OLD.id IS NOT NEW.id AND {_EVIDENCE_OF.format('OLD.id')}; "
        f"UPDATE {TABLE} SET canonical_id = NEW.canonical_id "
        f"WHERE {_EVIDENCE_OF.format('NEW.id')}; END")
    store._exec(f"INSERT INTO {TABLE} (id, canonical_id) SELECT v.id, e.canonical_id "
                "FROM evidence v LEFT JOIN events e ON e.id = v.event_id")


WORDS = "evidence_words"
# PL/pgSQL bodies of m020's triggers. Evidence rows have no key of their own: a deleted
# or changed row takes one entry with its report and vector away (equal entries answer
# alike). Row triggers AFTER a statement see its final state, as SQLite's do per row.
_WORDS_EVIDENCE = f"""BEGIN
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    DELETE FROM {WORDS} WHERE ctid = (SELECT ctid FROM {WORDS}
      WHERE event_id = OLD.event_id AND text_search = OLD.text_search LIMIT 1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO {WORDS} (event_id, canonical_id, text_search) VALUES (NEW.event_id,
      (SELECT canonical_id FROM events WHERE id = NEW.event_id), NEW.text_search);
  END IF;
  RETURN NULL;
END"""
_WORDS_EVENTS = f"""BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE {WORDS} SET canonical_id = NEW.canonical_id WHERE event_id = NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE {WORDS} SET canonical_id = NULL WHERE event_id = OLD.id;
  ELSE
    IF OLD.id IS DISTINCT FROM NEW.id THEN
      UPDATE {WORDS} SET canonical_id = (SELECT canonical_id FROM events WHERE id = OLD.id)
        WHERE event_id = OLD.id;
    END IF;
    UPDATE {WORDS} SET canonical_id = NEW.canonical_id WHERE event_id = NEW.id;
  END IF;
  RETURN NULL;
END"""


def create_evidence_words(store: Store) -> None:
    """The table, its indexes, its triggers and its rows for the evidence already
    stored (PostgreSQL)."""
    if store.dialect != "postgresql":
        return
    store._exec(f"CREATE TABLE {WORDS} (event_id TEXT NOT NULL, canonical_id TEXT, "
                "text_search tsvector NOT NULL)")
    store._exec(f"INSERT INTO {WORDS} (event_id, canonical_id, text_search) "
                "SELECT v.event_id, e.canonical_id, v.text_search FROM evidence v "
                "LEFT JOIN events e ON e.id = v.event_id")
    store._exec(f"CREATE INDEX {WORDS}_search ON {WORDS} USING gin (text_search)")
    store._exec(f"CREATE INDEX {WORDS}_event ON {WORDS} (event_id)")
    store._exec(f"ANALYZE {WORDS}")  # planned as the table it is, not as an empty one
    for name, body in (("evidence", _WORDS_EVIDENCE), ("events", _WORDS_EVENTS)):
        store._exec(f"CREATE FUNCTION {WORDS}_{name}() RETURNS trigger LANGUAGE plpgsql "
                    f"AS $body$ {body} $body$")
    store._exec(f"CREATE TRIGGER {WORDS}_evidence AFTER INSERT OR DELETE OR UPDATE OF "
                f"event_id, text_match ON evidence FOR EACH ROW EXECUTE FUNCTION "
                f"{WORDS}_evidence()")
    store._exec(f"CREATE TRIGGER {WORDS}_events_insert AFTER INSERT ON events FOR EACH ROW "
                f"WHEN (NEW.canonical_id IS NOT NULL) EXECUTE FUNCTION {WORDS}_events()")
    store._exec(f"CREATE TRIGGER {WORDS}_events_delete AFTER DELETE ON events FOR EACH ROW "
                f"WHEN (OLD.canonical_id IS NOT NULL) EXECUTE FUNCTION {WORDS}_events()")
    store._exec(f"CREATE TRIGGER {WORDS}_events_update AFTER UPDATE OF id, canonical_id ON "
                "events FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id OR "
                "OLD.canonical_id IS DISTINCT FROM NEW.canonical_id) "
                f"EXECUTE FUNCTION {WORDS}_events()")


def canonical_text_ids(text: str, *, dialect: str = "sqlite") -> tuple[str, list[object]]:
    """A query of the canonical ids (NULL among them) of the reports whose evidence
    holds ``text``, as :func:`rasd.store.events.evidence_match` finds it, and its
    parameters.

    SQLite: where the trigram index alone answers (``caseless``), its row ids lead
    straight to ``evidence_canonical``; otherwise the evidence rows are read for
    ``LIKE``, then ``evidence_canonical`` by their ids. PostgreSQL: the reports of
    ``evidence_words`` (m020) by its own vectors.
    """
    if dialect == "postgresql":
        cond, found = evidence_match(text, dialect=dialect, column="w.text_match")
        return f"SELECT w.canonical_id FROM {WORDS} w WHERE {cond}", found
    needle = normalize_for_match(text)
    if len(needle) >= MIN_TRIGRAM and caseless(needle):
        cond, found = evidence_match(text, dialect=dialect, column="c.text_match")
        return f"SELECT c.canonical_id FROM {TABLE} c WHERE {cond}", found
    cond, found = evidence_match(text, dialect=dialect, column="v.text_match")
    return (f"SELECT c.canonical_id FROM {TABLE} c WHERE c.id IN "
            f"(SELECT v.id FROM evidence v WHERE {cond})", found)


# PostgreSQL: when a word's events are tested as a hashed set (``text_hashed`` of
# ``rasd.store.canonical.canonical_where``) rather than joined. Joined, each event costs
# an index search in ``canonical_events`` (about 3 us); hashed, each row a query reads
# costs a probe (about 0.15 us), but a scan or an index walk reads rows whatever the
# word. A query that reads them all (statistics, map points, a count) pays for a word in
# more than one event of SCAN_SHARE; a page walking an ordered index until ``walk`` rows
# turn up (about walk * events / matches entries) once matches * matches * WALK_RATIO >
# walk * events. Measured on 100,000 canonical events and the word of 16,618 sentences
# (docs/benchmarks.md, 2026-12-07, web16): page 75-107 -> 13-15 ms of the server's
# time, capped count 42-50 -> 27-30, statistics 84-96 -> 56-58, points 75-80 -> 36-43.
SCAN_SHARE = 15
WALK_RATIO = 20
HASH_MIN = 100

# The capped count of the filter a store was last asked about, for that filter object:
# a page and its total ask twice within one request; the next builds a new filter.
_COMMON: WeakKeyDictionary[Store, tuple[EventFilter, int]] = WeakKeyDictionary()


def common_word(store: Store, flt: EventFilter, walk: int | None = None) -> bool:
    """PostgreSQL: whether ``flt``'s evidence word is in enough sentences that its
    canonical events are better tested as a hashed set than joined: for a query reading
    every row (``walk`` None) or walking an index for ``walk`` rows. The sentences are
    counted in ``evidence_words`` up to the larger bound (a few milliseconds for a
    common word: the count stops there), once per filter object."""
    if store.dialect != "postgresql" or not flt.text:
        return False
    row = store._exec("SELECT reltuples FROM pg_class "
                      "WHERE oid = to_regclass('canonical_events')").fetchone()
    events = max(0, int(row[0])) if row and row[0] is not None else 0
    scan = max(HASH_MIN, events // SCAN_SHARE)
    bound = scan if walk is None else min(scan, max(HASH_MIN, isqrt(
        walk * events // WALK_RATIO)))
    last = _COMMON.get(store)
    if last is None or last[0] is not flt:
        cond, found = evidence_match(flt.text, dialect="postgresql", column="w.text_match")
        n = store._exec(f"SELECT COUNT(*) FROM (SELECT 1 FROM {WORDS} w WHERE {cond} "
                        "LIMIT ?) capped", [*found, scan]).fetchone()[0]
        last = _COMMON[store] = (flt, int(n))
    return last[1] >= bound
