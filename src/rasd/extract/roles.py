"""Who acted and who was acted upon, for one trigger in one sentence.

Arabic news marks roles with a handful of constructions, which this module
scores rather than parses (no parser works offline for Arabic here):

- the agent follows a verb directly (``قصفت قوات النظام``), is attached with
  li- to a nominal trigger (``كمين لتنظيم داعش``, ``غارات للتحالف``), stands
  in construct after it (``غارات التحالف``), follows ``من قبل``, or is the
  clause's subject before the trigger (``قسد ... قتلت العشرات``);
- the target follows ``على``/``ضد``/``مع`` or a noun of positions and members
  (``مواقع التنظيم``, ``عناصر من قسد``, ``صفوف الميليشيات``);
- a supporting force follows ``بدعم``/``بمساندة``/``بغطاء`` (assoc actor);
- ``بين X و Y`` names both sides of a clash.

The word-level tests of those constructions are :mod:`rasd.extract.role_cues`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from rasd.actors.dictionary import ActorMention
from rasd.extract.hit import (
    VICTIM,
    killed_after,
    members_hit,
    owned_thing,
    told_dead,
    unnamed_unit,
)
from rasd.extract.lexicon import Lexicon, TriggerMatch
from rasd.extract.role_cues import (
    CIVILIAN_SIDES,
    RELATIVES,
    adjacent_mentions,
    aims_at,
    civilian_at,
    died_in,
    done_by,
    has_civilian_target,
    is_speaker,
    members_after_verb,
    one_of_umbrella,
    relative_subject,
    side_split,
    victims_before,
)
from rasd.extract.tokens import Token, token_at
from rasd.models import Actor

# The civilian readings were defined here before ``role_cues``: callers import them from either.
__all__ = ["CIVILIAN_SIDES", "Roles", "assign_roles", "civilian_at", "has_civilian_target",
           "victims_before"]


@dataclass(frozen=True, slots=True)
class Roles:
    actor1: Actor | None
    actor2: Actor | None
    assoc1: tuple[Actor, ...] = ()
    used_until: int = -1  # end offset of the last mention these roles were read from
    # Associates joined by و right after actor 1 (``قوات الجيش والمقاومة الشعبية``), not
    # told as its support (``بدعم``، ``المدعومة``): ``actor_leads.tsv`` may make one lead.
    joined1: tuple[Actor, ...] = ()


@dataclass
class _Scored:
    mention: ActorMention
    first: int  # token index of the mention's first token
    agent: int = 0
    target: int = 0
    assoc: bool = False
    joined: Actor | None = None  # the actor named right before it, joined to it by و
    antecedent: bool = False  # named right before ``التي``/``الذي`` + the trigger verb
    victim: bool = False  # told as the dead or hurt (``مقتل 22 جندياً``)
    owner: bool = False  # owns what the act hit (``مواقع تابعة للحوثيين``)
    hit: bool = False  # named through its members told as hit (``قتل شرطي``)


def _cue_before(lex: Lexicon, kind: str, tokens: Sequence[Token], index: int,
                window: int = 2) -> bool:
    return any(lex.cue(kind, tokens[j], tokens) for j in range(max(0, index - window), index))


def _is_nominal(token: Token) -> bool:
    """A trigger written as a noun (definite or a plural/verbal noun) rather than a finite verb."""
    if token.prefix.lstrip("وف") in ("ب", "ل", "بال", "لل", "ك", "كال"):
        return True  # a preposition is glued to nouns only (``بانفجار``، ``لهجوم``)
    return token.norm.startswith(("ال", "وال", "بال", "لل")) or token.norm.endswith(
        ("ات", "ه", "ي", "ين")
    )


def assign_roles(
    match: TriggerMatch,
    tokens: Sequence[Token],
    mentions: Sequence[ActorMention],
    *,
    lexicon: Lexicon,
    window: tuple[int, int] | None = None,
    sentence_subject_end: int | None = None,
    text: str = "",
    offset: int = 0,
    allied: Callable[[Actor, Actor], bool] | None = None,
) -> Roles:
    """Score each actor mention of the sentence as agent, target or supporter of ``match``.

    ``window`` limits the mentions considered to a character range (the
    trigger's own clause when a sentence reports several events). ``allied``
    says whether two actors fight on one side (``rasd.actors.sides``): allies
    are never each other's opponents.
    """
    trig_first, trig_last = match.first, match.last
    verb_trigger = not _is_nominal(tokens[trig_first])
    # ``بغطاء من طائرات التحالف التي قصفت القاعدة``: the actor a relative pronoun
    # right before the verb refers to is that verb's agent, whoever it supports,
    # even when the clause before read it as its own.
    relative = verb_trigger and trig_first >= 2 and tokens[trig_first - 1].norm in RELATIVES
    scored: list[_Scored] = []
    for m in mentions:
        antecedent = relative and token_at(list(tokens), m.end - 1) == trig_first - 2
        if window is not None and not (window[0] <= m.start < window[1]) and not antecedent:
            continue
        scored.append(_Scored(m, token_at(list(tokens), m.start), antecedent=antecedent))
    if not scored:
        return Roles(None, None)
    # ``طرد التنظيم من هجين``، ``دحر داعش``: the word right after an expelling cue is
    # the side thrown out, not the one acting.
    expel = lexicon.cue("expel", tokens[trig_first], tokens)
    between = [i for i, t in enumerate(tokens) if t.has_form("بين")]
    # ``طرق الإمداد بين موقعي …``: a بين with fewer than two sides named
    # after it sets no sides against each other, and its one name is no agent (dev3
    # snn-c25f7a4accc3: the army's capture given to the group whose positions it cut).
    lone = {b for b in between
            if sum(1 for sc in scored if 0 < sc.first - b <= _BETWEEN_REACH) < 2}

    subject_end = sentence_subject_end if sentence_subject_end is not None else match.start
    ordered = sorted(scored, key=lambda s: s.mention.start)
    # Token indexes where a mention of the sentence ends: ``قوة تابعة لقوات البيشمركة``
    # (a force and its patron) against ``مواقع تابعة للحوثيين`` (a thing and its owner).
    ends = {token_at(list(tokens), m.end - 1) for m in mentions}
    named = {token_at(list(tokens), m.start) for m in mentions if not m.victims}
    # ``تنظيم الدولة أعدم ... 22 جندياً``: a name ends right before the verb, its subject.
    subject_before = verb_trigger and any(
        token_at(list(tokens), m.end - 1) == trig_first - 1 for m in mentions if not m.victims)
    by_end: dict[int, list[_Scored]] = {}
    for sc in scored:
        by_end.setdefault(token_at(list(tokens), sc.mention.end - 1), []).append(sc)
    # ``قتل شرطي``، ``قتل 15 مسلحاً من التنظيم``: the bare verb of killing is read passive
    # where its noun says so (``killed_after``).
    weak = verb_trigger and lexicon.cue("weak_trigger", tokens[trig_first], tokens)
    starts = {token_at(list(tokens), m.start) for m in mentions}
    skip: set[int] = set()
    for k, s in enumerate(ordered):
        i = s.first
        if s.mention.members:
            s.hit = members_hit(
                lexicon, tokens, i, token_at(list(tokens), s.mention.end - 1),
                trig_last if verb_trigger else None, named, subject_before=subject_before)
        if s.mention.victims and not s.hit:
            # ``برفقة عدد من الضباط``: soldiers are a side only where told as the dead or
            # hurt (``مقتل جنديين``); policemen (``members``) stay a side of any role.
            skip.add(id(s))
            continue
        if is_speaker(lexicon, tokens, i, token_at(list(tokens), s.mention.end - 1)):
            # ``وقال مسعفون وضابط بالشرطة`` that civilians were killed: who tells of the act
            # is its source, not a side (``قالت الحركة إنها قتلت``: the one who tells
            # of its own act stays).
            skip.add(id(s))
            continue
        if i > trig_last and match.trigger.role != "agreement" and verb_trigger \
                and relative_subject(tokens, trig_last, i):
            # ``مدرسة … التي يتخذها الحوثيون قاعدة``، ``على المتمرد الذي عينه
            # الحوثيون محافظاً``، ``مطار كويرس الذي يحاصره تنظيم داعش``: the subject of a
            # relative clause on what was hit holds or owns it; it is not who acted
            # (issue 14, actors14g: dev snn-e723fed0b696, dev2 snn-95c4be0a0b53, dev3
            # snn-5d597ee44d57).
            s.target += _FIRM_CUE
            s.owner = True
            continue
        if i > trig_last and match.trigger.role != "agreement" \
                and owned_thing(lexicon, tokens, i, ends):
            # ``قصفت الغارات مراكز تجمع تابعة لتنظيم داعش``، ``دمرت الغارة سيارة تابعة
            # لعناصر القاعدة``: what was hit belongs to them, so they were hit (issue 14:
            # five development articles read the owner as the attacker).
            s.target += _FIRM_CUE
            s.owner = True
            continue
        unit = unnamed_unit(lexicon, tokens, i, by_end, lambda sc: sc.mention.generic)
        if match.trigger.role != "agreement" and unit is not None:
            # ``كتائب الجيش الأول التابع للجيش الحر``، ``الفرقة الساحلية التابعة للجيش
            # السوري الحر``: a unit no name of ours covers acts as its patron, which
            # coders code it as (issue 14, two development articles). A descriptor read
            # in the unit's words (``الجيش``) keeps its place and cues but stands for
            # the patron.
            if unit:
                for u in unit:
                    u.mention = replace(u.mention, actor=s.mention.actor)
                skip.add(id(s))
            continue
        if match.trigger.role != "agreement" and (
                _cue_before(lexicon, "affiliation", tokens, i, window=2)
                or one_of_umbrella(tokens, i)):
            # ``التابع للحرس الثوري``، ``أحد فصائل الحشد الشعبي``: a patron or an umbrella,
            # not a participant. An agreement's party may be named through its
            # patron (``اللجنة الأمنية التابعة للنظام``).
            skip.add(id(s))
            continue
        prev = ordered[k - 1] if k else None
        tok = tokens[i] if i < len(tokens) else None
        # ``قوات الجيش والحشد الشعبي``: a second actor joined by و to the one
        # just before it fights on the same side (unless after بين).
        # (``و"الجهاد"``: a quote leaves و a word of its own.)
        if (prev is not None and tok is not None
                and (tok.prefix.startswith("و") or (i >= 1 and tokens[i - 1].norm == "و"))
                and adjacent_mentions(text, prev.mention.end, s.mention.start, offset=offset)
                and not any(t.has_form("بين") for t in tokens[max(0, i - 8):i])):
            s.assoc = True
            s.joined = prev.mention.actor
    scored = [s for s in scored if id(s) not in skip]
    for s in scored:
        i = s.first
        tok = tokens[i] if i < len(tokens) else None
        if s.antecedent:
            s.assoc = False
            s.agent += 6
            continue
        if s.owner:
            continue
        if s.assoc or _cue_before(lexicon, "assoc", tokens, i, window=3):
            s.assoc = True
            continue
        after = i > trig_last
        gap = i - trig_last if after else trig_first - i
        if after and match.trigger.role == "disrupt":
            # ``وعثرت على مستودع أسلحة تابع للمتشددين``، ``فككت عبوات زرعها عناصر
            # التنظيم``: whose weapons were found or defused, not who found them.
            s.target += 3
        if s.mention.actor.inter not in CIVILIAN_SIDES and (
                s.hit or told_dead(lexicon, tokens, i) or (weak and after and killed_after(
                    lexicon, tokens, trig_last, i, token_at(list(tokens), s.mention.end - 1),
                    starts, generic=s.mention.generic))):
            # ``استشهاد ضابط وثلاثة مجندين في تفجير``، ``مقتل 22 جندياً``: the side told as
            # the dead or hurt was hit, wherever it stands (civilians have rules of their
            # own: ``victims_before``, civilians-never-act).
            s.target += VICTIM
            s.victim = True
            continue
        if _cue_before(lexicon, "claim", tokens, i, window=3):
            # ``تفجير انتحاري ألقي باللوم فيه`` on the Islamic State: the group a claim or a
            # blame names did it, whatever preposition brings it.
            s.agent += 4
            continue
        if trig_first < i < trig_last and not expel and match.trigger.role != "disrupt":
            # ``طيران التحالف استهدف``: a name in the optional slot between the aircraft
            # and the verb is who flies them (``طرد التنظيم من``: the one thrown out).
            s.agent += 4
            continue
        if i == trig_first and trig_first < trig_last and \
                token_at(list(tokens), s.mention.end - 1) < trig_last and not expel \
                and match.trigger.role != "disrupt":
            s.agent += 4  # ``الطيران السوري استهدف``: the slot holds the name's own head
            continue
        if after and not verb_trigger and done_by(tokens, trig_last, i):
            # ``غارات جوية شنها التحالف``، ``الضربات التي تقودها السعودية``: the subject
            # of a verb whose pronoun stands for the act carried it out.
            s.agent += 4
            continue
        if i >= 1 and aims_at(tokens[i - 1]):
            # ``استهدفت قوات النظام بصاروخ بلدة زبدين``: the name right after the verb
            # "targeted" is its subject, whatever the act's word is.
            s.agent += 3
            continue
        if _cue_before(lexicon, "owner", tokens, i, window=4):
            # ``خمس سيارات تعود لناشطين في حركة حماس دمرت في انفجار``: whose property
            # was hit, not who hit it.
            s.target += 3
        if not after and died_in(tokens, s.mention.end, trig_first):
            s.target += 3  # ``عشرات المتمردين لقوا مصرعهم في غارات``: they were hit
        if verb_trigger and after and members_after_verb(lexicon, tokens, trig_last, i):
            # ``خطف عناصر من جبهة النصرة قائد الفرقة 30``: members named right after the
            # verb are its subject, as they are right before it.
            s.agent += 3
        elif _cue_before(lexicon, "target", tokens, i,
                         window=min(2, i - trig_last - 1) if after else 2) and (
                after or not verb_trigger or _cue_before(lexicon, "target_prep", tokens, i)):
            # ``عناصر من الدعم السريع نهبوا``: members named before a verb are its subject.
            # After the act only the words between them count: in ``ترافق مع قصف لقوات
            # النظام`` the مع before the act is not its target's (dev snn-3e3e19ecc3a8).
            s.target += 3
        if after and match.trigger.role == "take" and i > 0 and tokens[i - 1].has_form("من"):
            s.target += 3  # ``حررت المدينة من تنظيم داعش``: taken from
        if after and match.trigger.role == "take" and _held_by(tokens, trig_last, i):
            # ``مواقع كانت تسيطر عليها ميليشيات …``: who held the
            # ground before (issue 14, types14g: dev3 snn-6775c516ebcf).
            s.target += 3
        inside = trig_first < i < trig_last  # the optional slot of ``طرد* ~من``
        if expel and (inside or (after and gap <= 3)) and not (
                tok is not None and tok.prefix in ("ل", "لل")):
            s.target += 3
        if _cue_before(lexicon, "agent", tokens, i) and not any(
                0 < i - b <= 2 for b in lone):
            s.agent += 2
        if i == trig_first and s.mention.end > tokens[trig_last].end and not s.target:
            # ``ضربة جوية أمريكية``، ``غارات التحالف الدولي``: the actor's name begins
            # with the act's word itself, so it is whose act it was.
            s.agent += 4
        if after and tok is not None and tok.prefix in ("ل", "لل") and gap <= 3 \
                and not s.target:
            # كمين لتنظيم داعش / غارات للتحالف; but ``نقاطاً لقسد``: whose points were hit
            s.agent += 3
        if after and gap == 1 and not s.target:
            s.agent += 3 if verb_trigger else 2  # قصفت قوات النظام / غارات التحالف
        if after and verb_trigger and 1 < gap <= 4 and not s.target:
            s.agent += 1
        if not after and gap <= 12 and not s.target and s.mention.start < subject_end:
            s.agent += 2  # subject before the trigger
        if any(b < i and i - b <= 2 for b in between if b not in lone):
            s.agent += 1
    active = [s for s in scored if not s.assoc]
    assoc = tuple(dict.fromkeys(s.mention.actor for s in scored if s.assoc))

    # ``بين X و Y``: X is one side, Y the other; ``بين X و Z من جهة و Y من جهة أخرى``:
    # Z, named with X before "on one hand", fights beside X.
    for b in between:
        split = side_split(tokens, b)
        reach = 8 if split is None else split + 8 - b
        sides = [s for s in active if s.first > b and s.first - b <= reach]
        if split is not None:
            first = [s for s in sides if s.first < split]
            second = [s for s in sides if s.first > split]
            if first and second:
                for s in first[1:]:
                    s.assoc = True
                sides = [first[0], second[0]]
        if len(sides) >= 2:
            sides[0].agent += 4
            sides[1].target += 4
            break
    active = [s for s in active if not s.assoc]
    assoc = tuple(dict.fromkeys(s.mention.actor for s in scored if s.assoc))

    # ``استشهاد ضابط وثلاثة مجندين``: a side told once as the dead is not the one acting,
    # however its other mentions stand.
    dead = {s.mention.actor for s in active if s.victim}
    for s in active:
        if s.mention.actor in dead:
            s.agent = 0
            s.target = max(s.target, VICTIM)
    actor1 = actor2 = None
    agents = sorted(active, key=lambda s: (-s.agent, s.first))
    if agents and agents[0].agent > 0:
        actor1 = agents[0].mention.actor
    targets = sorted(active, key=lambda s: (-s.target, s.first))
    for s in targets:
        if s.target > 0 and s.mention.actor != actor1:
            actor2 = s.mention.actor
            break
    # Mentions with no role cue fill the empty slots in reading order; one named only
    # through its members after the act (``استهدف منزل قيادي حوثي``) fills the
    # target's slot first: they are who was hit.
    for s in sorted(active, key=lambda s: s.first):
        a = s.mention.actor
        if a in (actor1, actor2):
            continue
        hit = s.first > trig_last and _cue_before(lexicon, "member", tokens, s.first)
        if actor1 is None and not (hit and actor2 is None):
            actor1 = a
        elif actor2 is None:
            actor2 = a
        elif actor1 is None:
            actor1 = a
    if actor1 is not None and actor2 is not None and allied is not None \
            and allied(actor1, actor2):
        actor1, actor2, assoc = _split_allies(active, actor1, actor2, assoc, allied,
                                              between=between)
    assoc = tuple(a for a in assoc if a not in (actor1, actor2))
    used = [s.mention.end for s in scored if s.mention.actor in (actor1, actor2, *assoc)]
    joined = tuple(dict.fromkeys(s.mention.actor for s in scored
                                 if actor1 is not None and s.joined == actor1
                                 and s.mention.actor in assoc))
    return Roles(actor1, actor2, assoc, used_until=max(used, default=-1), joined1=joined)


def _split_allies(active: Sequence[_Scored], actor1: Actor, actor2: Actor,
                  assoc: tuple[Actor, ...], allied: Callable[[Actor, Actor], bool], *,
                  between: Sequence[int] = ()
                  ) -> tuple[Actor | None, Actor | None, tuple[Actor, ...]]:
    """``استهدفوا مواقع الحوثيين والموالين لهم من قوات صالح``: two allies read as the
    two sides are one side. The one a role cue chose stays; the other is its
    supporter (when it is the acting side's) or dropped, and the other side is the
    next mention that is no ally; with no such mention both stay. The stronger cue decides
    which stays; with none stronger, the one named first (a subject's place before
    the trigger alone is no cue here: ``قتل 25 من الحوثيين وقوات صالح``)."""
    best1 = max((s.agent for s in active if s.mention.actor == actor1), default=0)
    best2 = max((s.target for s in active if s.mention.actor == actor2), default=0)
    best1, best2 = (b if b >= _FIRM_CUE else 0 for b in (best1, best2))
    ordered = sorted(active, key=lambda s: s.first)
    first1 = min((s.first for s in active if s.mention.actor == actor1), default=0)
    first2 = min((s.first for s in active if s.mention.actor == actor2), default=0)
    keep2 = best2 > best1 or (best2 == best1 and first2 < first1)
    kept = actor2 if keep2 else actor1
    others = [s.mention.actor for s in ordered
              if s.mention.actor not in (actor1, actor2) and not allied(s.mention.actor, kept)]
    firsts = (first1, first2)
    if not others and any(all(0 < f - b <= 8 for f in firsts) for b in between):
        # Nobody else is named and the sentence sets the two against each other after
        # بين: allies fought (``اشتباكات بين عناصر من حزب الله ومقاتلين من لواء الباقر``).
        return actor1, actor2, assoc
    other = others[0] if others else None
    if keep2:
        return other, actor2, assoc
    return actor1, other, (*assoc, actor2)


# Words after بين within which its two sides are named.
_BETWEEN_REACH = 8

# The least score a role cue itself gives (``قصفت قوات``، ``مواقع التنظيم``): a
# subject's place or a cue word near it gives less.
_FIRM_CUE = 3


def _held_by(tokens: Sequence[Token], trig_last: int, i: int) -> bool:
    """A control word after the take-over cue stands right before the mention at ``i``
    (``كانت تسيطر عليها``، ``الخاضعة لسيطرة``): the mention held the ground taken."""
    return any("سيطر" in t.norm for t in tokens[max(trig_last + 1, i - 2):i])
