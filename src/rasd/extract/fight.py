"""Which fight a take-over takes in (issue 14, joined14h): the fold joins an armed clash
to the take-over of its place and day as the fight that won it; this module tells the
fights it did not win, which the coders code as events of their own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rasd.clean.normalize import normalize_for_match
from rasd.clean.word_sets import word_set

if TYPE_CHECKING:
    from rasd.extract.fold import Candidate

# The words of ``after`` (data/word_sets.tsv, which extract.clauses reads too), matched
# on the folded words of the text.
_AFTER = word_set("after")


def own_fight(take: Candidate, clash: Candidate) -> bool:
    """A fight the take-over did not win: told as going on after it (``اشتباكات تدور
    بمدينة لودر بعد تقدم المقاومة وسيطرتهم على جبل``), or for the place below a height
    the take-over seized (``سيطرت المقاومة على جبل منيف ... المطلة على مثلث العند``)
    unless told as what won it (``بعد معارك ... السيطرة على التلال المطلة``). The
    coders code both acts."""
    text = clash.sentence.text  # a trigger is a stem pattern (``اشتباك*``)
    at_clash, at_take = (text.find(c.trigger.strip("*")) for c in (clash, take))
    if take.sentence == clash.sentence and 0 <= at_clash < at_take and any(
            normalize_for_match(w) in _AFTER for w in text[at_clash:at_take].split()):
        return True
    seized = take.sentence.text[max(0, take.sentence.text.find(take.trigger.strip("*"))):]
    won = take.sentence == clash.sentence and any(
        normalize_for_match(w) in _AFTER for w in text[:max(0, at_clash)].split()[-2:])
    return any(w.startswith("المطل") for w in seized.split()) and not won
