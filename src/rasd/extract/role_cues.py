"""Word-level readings around a trigger that role assignment scores with.

:func:`rasd.extract.roles.assign_roles` weighs each actor mention by what stands
around it; the tests of those surroundings live here: a clash's two sides after
``بين``, an umbrella force (``أحد فصائل``), mentions told side by side, a speaker, the
verb of carrying out an act (``نفذها``), the verb of dying before it (``لقوا مصرعهم
في``). So do the civilian readings the document walk also asks for: civilians named
as the victims around a trigger, and civilians told dead before the act that killed
them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rasd.acled import Inter
from rasd.actors.dictionary import ActorMention
from rasd.clean.word_sets import word_set
from rasd.extract.hit import DIED, FORCE_NOUNS
from rasd.extract.lexicon import Lexicon, TriggerMatch
from rasd.extract.tokens import Token

CIVILIAN_SIDES = (Inter.CIVILIANS,)
# The word sets of this module are data (data/word_sets.tsv).
RELATIVES = word_set("relative_pronoun")
_UMBRELLA_HEADS = word_set("umbrella_head")


_SIDE_WORDS = word_set("pair_side")


def side_split(tokens: Sequence[Token], between: int, reach: int = 14) -> int | None:
    """The index of ``من جهة``/``من طرف`` closing the first side named after ``بين``
    (``بين الحوثيين وقوات صالح`` … ``والمقاومة من جهة أخرى``), None without one."""
    for j in range(between + 2, min(len(tokens) - 1, between + reach)):
        if tokens[j].has_form("من") and tokens[j + 1].norm in _SIDE_WORDS:
            return j
    return None


def one_of_umbrella(tokens: Sequence[Token], i: int) -> bool:
    """``أحد فصائل الحشد الشعبي``، ``المنضوي في صفوف الجيش الوطني``: the group after
    "one of the factions of" or "enrolled in the ranks of" is the umbrella of the
    actor named before it."""
    if i < len(tokens) and tokens[i].norm in _UMBRELLA_HEADS and i >= 1 \
            and tokens[i - 1].norm in ("احد", "احدي"):
        return True  # the mention starts with the head: ``فصائل الحشد الشعبي``
    if i >= 2 and tokens[i - 1].norm in _UMBRELLA_HEADS \
            and tokens[i - 2].norm in ("احد", "احدي"):
        return True
    return any(t.startswith("المنضوي") or t.startswith("منضوي")
               for t in tokens[max(0, i - 4):i])


_PARENS = re.compile(r"\([^()]*\)")
_QUOTES = " \"'«»“”"


def adjacent_mentions(text: str, end: int, start: int, *, offset: int = 0) -> bool:
    """Only punctuation, a parenthetical and و stand between two mentions."""
    if not text:
        return start - end <= 3
    # ``حركتي "حماس" و"الجهاد الإسلامي"``: quotes around the names change nothing.
    between = _PARENS.sub(" ", text[end - offset:start - offset]).strip(_QUOTES)
    between = between.removesuffix("و").strip(_QUOTES)
    return len(between) <= 3 and not re.search(r"[\w\u0600-\u06FF]", between)


def has_civilian_target(match: TriggerMatch, tokens: Sequence[Token], *,
                        lexicon: Lexicon, span: int = 6, clause_start: int = -1) -> bool:
    """Whether civilians are named as the victims right around the trigger, within its
    clause (``clause_start``, a character offset): in ``نزوح بعض العائلات، فيما شن
    طيران التحالف 14 غارة`` the families are the clause before's."""
    lo, hi = max(0, match.first - span), min(len(tokens), match.last + span + 1)
    return any(civilian_at(tokens, j, lexicon=lexicon) for j in range(lo, hi)
               if tokens[j].start >= clause_start)


def civilian_at(tokens: Sequence[Token], j: int, *, lexicon: Lexicon) -> bool:
    """A civilian noun at ``j`` that is not the source of the report (``قال سكان إن``،
    ``أفاد مواطنون``: residents who tell of a strike are not its victims)."""
    return lexicon.cue("civilian", tokens[j], tokens) and not (
        j > 0 and lexicon.cue("told", tokens[j - 1], tokens))


def members_after_verb(lexicon: Lexicon, tokens: Sequence[Token], verb: int,
                        i: int) -> bool:
    """The verb at ``verb`` is followed by a members noun (with a number or من) and
    then the mention at ``i``: ``هاجم مسلحون من داعش``، ``خطف عناصر من النصرة``."""
    between = tokens[verb + 1:i]
    return 1 <= len(between) <= 3 and lexicon.cue("member", between[0], tokens) \
        and all(t.has_form("من") or t.norm[:1].isdigit() or lexicon.cue("member", t, tokens)
                for t in between)


def is_speaker(lexicon: Lexicon, tokens: Sequence[Token], first: int, last: int) -> bool:
    """The mention from ``first`` to ``last`` is who says (``قال``، ``أفاد``) what
    follows a bare ``إن``/``أن`` after it."""
    said = any(lexicon.cue("told", tokens[j], tokens) for j in range(max(0, first - 3), first))
    if not said:
        return False
    if any(t.norm == "ان" for t in tokens[last + 1:last + 3]):
        return True
    # ``وقالت الشرطة في بيان إن``: what it told through may stand between.
    k = last + 1
    while k < len(tokens) and k - last <= _MEDIUM_REACH and tokens[k].norm in _MEDIUM:
        k += 1
    return last + 1 < k < len(tokens) and tokens[k].norm == "ان"


# Words of a statement's medium (``في بيان``، ``في تصريح صحفي``) between a speaker and ``إن``,
# and how many of them.
_MEDIUM = word_set("statement_medium")  # data/word_sets.tsv
_MEDIUM_REACH = 4


# Verbs of carrying out an act (past and present, after the prefixes folded by
# normalisation), which take the act back as an attached pronoun: ``شنها``، ``نفذتها``،
# ``تقودها``، ``يشنها``، ``ارتكبها``.
_DOING_STEMS = word_set("doing_verb")
_ACT_PRONOUNS = ("ها", "ه", "هم")


def _doing_verb(token: Token) -> bool:
    """``شنها``، ``نفذتها``، ``يقودها``: a verb of carrying out with the act's pronoun."""
    return any(f.endswith(suffix) and f.removesuffix(suffix) in _DOING_STEMS
               for f in (token.norm, *token.forms) for suffix in _ACT_PRONOUNS)


def done_by(tokens: Sequence[Token], trig_last: int, i: int) -> bool:
    """After a nominal trigger, up to two words (an adjective, ``التي``), a verb of
    carrying out with the act's pronoun, then, within two words, the mention at ``i``:
    its subject (``غارات جوية نفذها الطيران التابع للنظام``)."""
    for v in range(trig_last + 1, min(i, trig_last + 4)):
        if _doing_verb(tokens[v]):
            return 1 <= i - v <= 2 and not any(
                _doing_verb(t) for t in tokens[trig_last + 1:v])
    return False


def aims_at(token: Token) -> bool:
    """The finite verb "targeted" (``استهدفت``، ``واستهدف``، ``تستهدف``), not its noun
    (``استهداف``، ``باستهداف``): the name after it acts."""
    return any(f.startswith(("استهدف", "تستهدف", "يستهدف")) and not f.startswith("استهداف")
               for f in token.forms) and not token.norm.startswith(("ال", "بال", "وال"))


def died_in(tokens: Sequence[Token], end: int, trig_first: int, reach: int = 8) -> bool:
    """``عشرات المتمردين لقوا مصرعهم في غارات``، ``جنود قتلوا في انفجار``، ``لقي أربعة
    حوثيين مصرعهم في هجوم بسيارة مفخخة``: between the mention (ending at offset
    ``end``) and the trigger stand a verb of dying and then ``في`` (or ``جراء``،
    ``إثر``) at most two words before the trigger."""
    links = [j for j in range(max(0, trig_first - 3), trig_first)
             if any(tokens[j].has_form(w) for w in _RESULT_LINKS)]
    if not links:
        return False
    between = [t for t in tokens[max(0, trig_first - reach):links[0]] if t.start >= end]
    return any(f in DIED for t in between for f in t.forms)


# Words of a number of projectiles between a link and the act (``جراء سقوط أكثر من 10
# قذائف``), and how many of them the link may stand before the act.
_QUANTITY_WORDS = word_set("quantity_word")
_FALL_REACH = 5

# Words that tie a toll told first to the act told after it: ``مقتل 18 مدنياً جراء
# سقوط قذائف``، ``قتل 18 شخصاً إثر سقوط صاروخ``، ``مقتل 10 مدنيين في انفجار``.
_RESULT_LINKS = word_set("result_link")


def victims_before(match: TriggerMatch, tokens: Sequence[Token],
                   mentions: Sequence[ActorMention], *, lexicon: Lexicon,
                   reach: int = 16) -> bool:
    """Civilians told as the dead or hurt before the act that killed them: a civilian
    noun, then a link word right before the trigger, with no armed actor named
    between them (``مقتل 5 جنود و3 مدنيين في هجوم``: the soldiers were the target)."""
    # ``جراء سقوط أكثر من 10 قذائف``: the fall of a number of shells stands between the
    # link and the shells (issue 14: the Hibhib mortar toll, two development articles).
    head = match.first
    while head > 0 and match.first - head < _FALL_REACH and (
            lexicon.cue("fall", tokens[head - 1], tokens)
            or tokens[head - 1].norm[:1].isdigit()
            or tokens[head - 1].norm in _QUANTITY_WORDS):
        head -= 1
    links = [j for j in range(max(0, head - 3), head)
             if any(tokens[j].has_form(w) for w in _RESULT_LINKS)]
    if not links:
        return False
    link = links[-1]
    victims = [j for j in range(max(0, link - reach), link)
               if civilian_at(tokens, j, lexicon=lexicon)]
    if not victims:
        return False
    lo, hi = tokens[victims[0]].start, tokens[match.first].start
    return not any(lo <= m.start < hi and m.actor.inter not in CIVILIAN_SIDES
                   for m in mentions)


# What may stand between a relative clause's verb and its subject: ``ارتكب فيها
# الحوثيون``، ``يتمركز فيه عناصر التنظيم``.
_RELATIVE_LINKS = word_set("relative_link")  # data/word_sets.tsv


def relative_subject(tokens: Sequence[Token], trig_last: int, i: int) -> bool:
    """After a verb trigger and what it hit, a relative pronoun, its clause's verb and
    then the mention at ``i``: the subject of a clause about the thing hit (``قصفت مدرسة
    الحسين التي يتخذها الحوثيون قاعدة``، ``الذي يحاصره تنظيم داعش``). Not the verb's
    own subject with a clause on it (``قصفت الطائرات التي يقودها التحالف``: the word
    before the pronoun is a force or aircraft), nor a clause of carrying the act out
    (``التي شنها``)."""
    for r in range(trig_last + 2, i - 1):
        if tokens[r].norm not in RELATIVES:
            continue
        head = tokens[r - 1]
        if head.norm in FORCE_NOUNS or head.norm in _AIRCRAFT or _doing_verb(tokens[r + 1]):
            return False
        gap = [t for t in tokens[r + 2:i] if t.norm not in _RELATIVE_LINKS]
        return not gap
    return False


# Aircraft nouns a relative clause may describe when they are the act's own subject.
_AIRCRAFT = word_set("aircraft")  # data/word_sets.tsv
