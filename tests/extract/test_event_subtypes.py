"""Event sub-types decided by the words around the trigger (issue 14, composed
sentences): ground someone is trying to take is fought for, not taken."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.extract.engine import Extractor
from rasd.models import Document, content_id


def _doc(text: str) -> Document:
    return Document(id=content_id(text), name="report", source="s", url=None, title=None,
                    published=date(2019, 1, 16), raw=text, raw_format="text", text=text,
                    origin="report.txt")


_EXTRACTOR = Extractor()


def _subs(text: str) -> list[tuple[str, str]]:
    """(event type, sub-type) of each event, in order."""
    return [(ev.event_type, ev.sub_event_type) for ev in _EXTRACTOR.extract(_doc(text))]


CLASH = ("Battles", "Armed clash")
OVERTAKES = ("Battles", "Non-state actor overtakes territory")
REGAINS = ("Battles", "Government regains territory")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A verb of trying before the take-over: the ground is fought for.
        ("قال سكان إن مقاتلي المقاومة الشعبية يحاولون استعادة حي المنصورة في مدينة عدن.",
         [CLASH]),
        ("وحاولت قوات النظام استعادة بلدة مورك في ريف حماة من فصائل المعارضة.",
         [CLASH]),
        ("ويحاول مسلحو القبائل تحرير مديرية صرواح في محافظة مأرب.", [CLASH]),
        # Told as done, the same take-over keeps its sub-type by who took it.
        ("وقال سكان إن مقاتلي المقاومة الشعبية استعادوا حي المنصورة في مدينة عدن.",
         [OVERTAKES]),
        ("واستعادت قوات النظام أمس بلدة مورك في ريف حماة من فصائل المعارضة.", [REGAINS]),
        ("وحرر مسلحو القبائل مديرية صرواح في محافظة مأرب.", [OVERTAKES]),
    ],
)
def test_ground_tried_for_is_a_clash(text: str, expected: list[tuple[str, str]]) -> None:
    assert _subs(text) == expected


def test_the_attempt_is_named_in_the_event_rules() -> None:
    [ev] = _EXTRACTOR.extract(_doc(
        "قال سكان إن مقاتلي المقاومة الشعبية يحاولون استعادة حي المنصورة في مدينة عدن."))
    assert "coder/attempted-take" in ev.rules["event"]
