"""Who an act hit, read around an actor mention (issue 14).

``rasd.extract.roles`` scores each mention of a sentence as agent or target; the cues
here say a side was hit whatever its place in the sentence:

- a death or injury word before it (``مقتل 22 جندياً``، ``استشهاد ضابط``), or a verb of
  dying after a force named through its members (``جنديين قتلا``);
- a word of belonging after a thing the act hit (``مراكز تجمع تابعة لتنظيم داعش``): the
  owner was hit, while after a force (``قوة تابعة لقوات البيشمركة``) it is a patron;
- and, the other way, a unit no name covers acts as the umbrella it belongs to
  (``كتائب الجيش الأول التابع للجيش الحر``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import TypeVar

from rasd.clean.word_sets import word_set
from rasd.extract.lexicon import Lexicon
from rasd.extract.tokens import Token

T = TypeVar("T")


def unnamed_unit(lexicon: Lexicon, tokens: Sequence[Token], i: int,
                 by_end: Mapping[int, Sequence[T]], generic: Callable[[T], bool]
                 ) -> list[T] | None:
    """The mention at ``i`` follows an affiliation word (``التابع``) after a unit the
    sentence names by no name of ours: the mentions read in the unit's words (from
    ``by_end``, keyed by the token a mention ends at; all ``generic``; empty when
    none), or None when a name heads the affiliation (``لواء فاطميون التابع للحرس
    الثوري``: a patron, no side) or no affiliation word stands before ``i``."""
    cue = next((j for j in range(i - 1, max(-1, i - 3), -1)
                if lexicon.cue("affiliation", tokens[j], tokens)), None)
    if cue is None or cue == 0:
        return None
    before = [sc for j in range(max(0, cue - UNIT_WORDS), cue) for sc in by_end.get(j, [])]
    if any(not generic(sc) for sc in before):
        return None
    head = tokens[cue - 1]
    if not before and not (head.norm in FORCE_NOUNS or any(
            t.norm in FORCE_NOUNS for t in tokens[max(0, cue - UNIT_WORDS):cue])):
        return None
    return before


# Words a unit's name may take before its affiliation word (``الفرقة الأولى الساحلية``).
UNIT_WORDS = 3


def owned_thing(lexicon: Lexicon, tokens: Sequence[Token], i: int,
                ends: Collection[int]) -> bool:
    """A word of belonging (``تابعة``) before the mention at ``i`` follows a thing, not an
    actor:
    ``سيارة تابعة لعناصر القاعدة`` (its owner), not ``قوة أمنية تابعة لقوات البيشمركة``
    or ``الفرقة الأولى التابعة للجيش الحر`` (a force and its patron)."""
    cue = next((j for j in range(i - 1, max(-1, i - 3), -1)
                if lexicon.cue("belongs", tokens[j], tokens)), None)
    if cue is None or cue == 0:
        return False
    head = cue - 1
    return head not in ends and not lexicon.cue("member", tokens[head], tokens) \
        and not any(lexicon.cue("member", t, tokens) or t.norm in FORCE_NOUNS
                    for t in tokens[max(0, head - 2):head + 1])


# Nouns of a force or a unit: ``قوة أمنية تابعة``، ``الفرقة الأولى التابعة``، ``كتائب تابعة``.
FORCE_NOUNS = word_set("force_noun")


# A side named as the dead outweighs any place cue (a subject's slot gives 2, a verb's 3).
VICTIM = 4
# Words that may stand between a death word and its dead: a number or its noun
# (``مقتل 22 جندياً``، ``مقتل ثلاثة من الجنود``، ``مقتل ما لا يقل عن 7 عناصر``).
VICTIM_REACH = 3


def told_dead(lexicon: Lexicon, tokens: Sequence[Token], i: int) -> bool:
    """A death or injury word (``مقتل``، ``استشهاد``، ``لقي``) stands before the mention at
    ``i`` with at most a count between them."""
    # ``مقتل سبعة من قادة تنظيم داعش``: the members' noun before the name widens the reach
    # by its one word (issue 14, act7: dev4 snn-0a8f852b9c80 gave the group its own
    # shelling).
    members = i >= 1 and lexicon.cue("member", tokens[i - 1], tokens)
    for j in range(i - 1, max(-1, i - 1 - VICTIM_REACH - int(members)), -1):
        if lexicon.cue("victim", tokens[j], tokens):
            # ``رد الجيش بقصف مواقع التنظيم بعد مقتل جندي``: the dead of an earlier act
            # that this one answers are not its target.
            return not (j > 0 and any(tokens[j - 1].has_form(w) for w in EARLIER))
        t = tokens[j]
        if not (t.norm[:1].isdigit() or t.has_form("من")
                or any(f in COUNT_WORDS for f in t.forms) or (members and j == i - 1)):
            # ``مقتل آمر الفوج وجنديين``: a second conjunct shares the first's death word.
            return tokens[j + 1].prefix.startswith("و") and any(
                lexicon.cue("victim", tokens[k], tokens)
                for k in range(j, max(-1, j - CONJUNCT_REACH), -1))
    return False


# Words of a first conjunct (``آمر الفوج``) a second one (``وجنديين``) looks back over for
# the death word they share.
CONJUNCT_REACH = 3


def members_hit(lexicon: Lexicon, tokens: Sequence[Token], first: int, last: int,
                verb: int | None, named: Collection[int],
                subject_before: bool = False) -> bool:
    """A force named through its members (``جنود``، ``ضباط``) from ``first`` to ``last`` is
    told as hit: after a death word (``مقتل جنديين``) or a verb of killing (``قتل خمسة
    جنود``), before a verb of dying (``جنديين قتلا``), or as the object of the trigger
    verb ending at ``verb``, after its subject (a mention starting at one of ``named``):
    ``أعدم التنظيم 22 جندياً``, but ``اقتحم جنود إسرائيليون منزلاً``: the subject. The
    subject may stand right before the verb (``subject_before``):
    ``تنظيم الدولة أعدم الخميس بالرصاص 22 جندياً``."""
    if told_dead(lexicon, tokens, first) or dies_after(tokens, last):
        return True
    if verb is not None and 0 < first - verb <= OBJECT_REACH \
            and (subject_before or any(verb < j < first for j in named)):
        return True
    for j in range(first - 1, max(-1, first - 1 - VICTIM_REACH), -1):
        if any(f in KILLED for f in tokens[j].forms):
            return True
        t = tokens[j]
        if not (t.norm[:1].isdigit() or any(f in COUNT_WORDS for f in t.forms)):
            return False
    return False


def killed_after(lexicon: Lexicon, tokens: Sequence[Token], verb: int, first: int, last: int,
                 starts: Collection[int], *, generic: bool) -> bool:
    """The mention from ``first`` to ``last`` after a bare verb of killing ending at
    ``verb`` (cue ``weak_trigger``) is the one killed, the verb read passive (issue 14,
    kill14i): after a count, its members' noun or ``من`` alone (``قتل 15 مسلحاً من
    تنظيم داعش``), or right after the verb when it is an indefinite noun with no side
    named after it (``قتل مسلح في اشتباك``); not the definite subject of the active verb
    (``قتلت الحركة رجلاً``) nor an indefinite one with its object after it (``قتل
    مسلحون شرطياً``)."""
    between = tokens[verb + 1:first]
    if any(not (t.norm[:1].isdigit() or t.has_form("من") or any(f in COUNT_WORDS for f in t.forms)
                or lexicon.cue("member", t, tokens)) for t in between):
        return False
    if between:
        return True
    return generic and not tokens[first].norm.startswith(("ال", "وال")) \
        and not any(last < j <= last + OBJECT_REACH for j in starts)


# Verbs of killing before soldiers: they were killed whether the verb is read passive
# (``قُتل خمسة جنود``) or active with them as its object.
KILLED = word_set("killed_verb")
# Words between a trigger verb and the members it took as its object (a verb, its
# subject, a count): ``أعدم تنظيم داعش 22 جندياً``.
OBJECT_REACH = 5


def dies_after(tokens: Sequence[Token], last: int) -> bool:
    """``إن جنديين قتلا وأصيب أربعة``، ``جندياً تركياً قتل``: a verb of dying follows the
    members' noun (and its nisba) with no object after it, so they were killed."""
    for v in range(last + 1, min(len(tokens), last + 3)):
        if any(f in DIED for f in tokens[v].forms):
            nxt = tokens[v + 1] if v + 1 < len(tokens) else None
            return nxt is None or not (nxt.norm[:1].isdigit() or nxt.norm in COUNT_WORDS)
    return False


# Words before a death word that make it an earlier act's dead.
EARLIER = word_set("earlier")
# Count words that may stand between a death word and the dead (digits are read apart).
COUNT_WORDS = word_set("count_word")


# Words of dying or being hurt, in forms that cannot be an active verb with an object
# (not ``قتلت``): a side told as dying "in" the act was its target.
DIED = word_set("died")
