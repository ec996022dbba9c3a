"""Provenance: the rules behind every event and field, the version and ruleset that
made it, and re-extraction after the rules change (composed sentences)."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

import rasd
from rasd.cli.main import main
from rasd.extract.engine import Extractor
from rasd.extract.lexicon import load_lexicon
from rasd.models import Document, content_id
from rasd.pipeline.extract_stage import reextract
from rasd.pipeline.orchestrator import Pipeline
from rasd.store.events import get_event, list_events

TEXT = (
    "قتل خمسة مدنيين وأصيب عشرة آخرون في غارة جوية على مدينة إدلب.\n\n"
    "واندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في ريف حماة الشمالي.\n"
)


def _doc(text: str = TEXT) -> Document:
    return Document(id=content_id(text), name="report", source="s", url=None, title=None,
                    published=None, raw=text, raw_format="text", text=text, origin="report.txt")


def test_every_event_names_its_rules_version_and_ruleset() -> None:
    ex = Extractor()
    events = ex.extract(_doc())
    assert {e.sub_event_type for e in events} == {"Air/drone strike", "Armed clash"}
    trigger_ids = {t.rule_id for t in ex.lexicon.triggers}
    for ev in events:
        [trigger] = [r for r in ev.rules["event"] if r.startswith("trigger/")]
        assert trigger in trigger_ids
        for name in ("actor1", "actor2", "location", "date", "fatalities"):
            assert ev.rules[name], name
        assert ev.rasd_version == rasd.__version__
        assert re.fullmatch(r"[0-9a-f]{16}", ev.ruleset)
        record = ev.to_json()
        assert record["rules"]["event"][0] == trigger
        assert record["ruleset"] == ev.ruleset


def test_recoding_rules_are_named_on_the_fields_they_decide() -> None:
    [strike] = [e for e in Extractor().extract(_doc()) if e.sub_event_type == "Air/drone strike"]
    # Shells and bombs on civilians: the civilians are the target side.
    assert "coder/explosion-on-civilians" in strike.rules["actor2"]
    assert strike.rules["fatalities"] == ("deaths/sentence",)


def test_the_ruleset_hash_follows_the_rule_files(tmp_path: Path) -> None:
    data = Path(rasd.__file__).parent / "data"
    triggers = tmp_path / "triggers.tsv"
    triggers.write_text(data.joinpath("triggers.tsv").read_text(encoding="utf-8"),
                        encoding="utf-8")
    cues = data / "extract_cues.tsv"
    same = Extractor(lexicon=load_lexicon(triggers, cues)).ruleset
    assert same == Extractor().ruleset
    with triggers.open("a", encoding="utf-8") as fh:
        fh.write("مناوشات\tBattles\tArmed clash\tclash\t5\n")
    assert Extractor(lexicon=load_lexicon(triggers, cues)).ruleset != same


def test_provenance_is_stored_and_shown(store) -> None:
    Pipeline(store).process([_doc()])
    [ev, *_] = list_events(store)
    stored = get_event(store, ev.event_id)
    assert stored.rules == ev.rules and stored.rules["event"][0].startswith("trigger/")
    assert stored.ruleset == Extractor().ruleset
    row = store._exec("SELECT rules, rasd_version, ruleset FROM events WHERE id = ?",
                      (ev.event_id,)).fetchone()
    assert "trigger/" in row[0] and row[1] == rasd.__version__ and row[2] == ev.ruleset


def test_reextraction_keeps_unchanged_events_ids(store, tmp_path: Path) -> None:
    Pipeline(store).process([_doc()])
    before = {e.sub_event_type: e.event_id for e in list_events(store)}
    assert set(before) == {"Air/drone strike", "Armed clash"}

    # Same rules: nothing to do.
    marked, _ = reextract(Pipeline(store))
    assert marked == 0

    # Rules changed: the clash triggers are gone, the strike is untouched.
    data = Path(rasd.__file__).parent / "data"
    triggers = tmp_path / "triggers.tsv"
    kept = [line for line in data.joinpath("triggers.tsv").read_text(encoding="utf-8")
            .splitlines() if not line.startswith("اشتباك")]
    triggers.write_text("\n".join(kept) + "\n", encoding="utf-8")
    changed = Extractor(lexicon=load_lexicon(triggers, data / "extract_cues.tsv"))
    marked, stats = reextract(Pipeline(store), extractor=changed)
    assert marked == 1 and stats.extracted == 1
    after = {e.sub_event_type: e for e in list_events(store)}
    assert set(after) == {"Air/drone strike"}
    strike = after["Air/drone strike"]
    assert strike.event_id == before["Air/drone strike"]
    assert strike.ruleset == changed.ruleset != Extractor().ruleset

    # Back to the package's rules: the clash returns with its old id.
    marked, _ = reextract(Pipeline(store))
    assert marked == 1
    assert {e.sub_event_type: e.event_id for e in list_events(store)} == before


def test_extract_explain_prints_the_rules(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--published", "2019-01-16",
                                       "--explain"])
    assert result.exit_code == 0, result.output
    assert "event:      trigger/غاره" in result.output
    # The event rules that recoded the sides, and where each rule is written.
    assert "coder/explosion-on-civilians" in result.output
    assert re.search(r"rule: +coder/explosion-on-civilians  event_rules\.tsv:\d+",
                     result.output)
    assert f"made by:    rasd {rasd.__version__}, ruleset " in result.output


def test_events_show_prints_the_rules(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'r.db'}"
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["run", str(path), "--db", db, "--quiet"]).exit_code == 0
    listed = runner.invoke(main, ["events", "list", "--db", db, "--level", "report"]).output
    event_id = listed.splitlines()[1].split()[0]
    shown = runner.invoke(main, ["events", "show", event_id, "--db", db]).output
    assert '"rules"' in shown and "trigger/" in shown and '"ruleset"' in shown
    reex = runner.invoke(main, ["reextract", "--db", db, "--all"])
    assert reex.exit_code == 0 and "documents to re-extract: 1" in reex.output
