"""Which fight a take-over takes in (issue 14, joined14h): the fold joins an armed clash
to the take-over of its place and day as the fight that won it; this module tells the
fights it did not win, which the coders code as events of their own."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rasd.extract.fold import Candidate

_AFTER = ("بعد", "عقب", "إثر", "اثر")


def own_fight(take: Candidate, clash: Candidate) -> bool:
    """A fight the take-over did not win: told as going on after it (``اشتباكات تدور
    بمدينة لودر بعد تقدم المقاومة وسيطرتهم على جبل``), or for the place below a height
    the take-over seized (``سيطرت المقاومة على جبل منيف ... المطلة على مثلث العند``)
    unless told as what won it (``بعد معارك ... السيطرة على التلال المطلة``). The
    coders code both acts."""
    text = clash.sentence.text  # a trigger is a stem pattern (``اشتباك*``)
    at_clash, at_take = (text.find(c.trigger.strip("*")) for c in (clash, take))
    if take.sentence == clash.sentence and 0 <= at_clash < at_take and any(
            w in text[at_clash:at_take].split() for w in _AFTER):
        return True
    seized = take.sentence.text[max(0, take.sentence.text.find(take.trigger.strip("*"))):]
    won = take.sentence == clash.sentence and any(
        w in text[:max(0, at_clash)].split()[-2:] for w in _AFTER)
    return any(w.startswith("المطل") for w in seized.split()) and not won
