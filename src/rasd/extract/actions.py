"""The actor actions the event rules call: who the sides of an event are.

An action named in ``data/event_rules.tsv`` reads and sets the actor fields of one
:class:`~rasd.extract.coding.Coding` and returns the fields it decided, which the event
records the rule's id on. The registry is :data:`ACTIONS` (also reachable from
``extract.predicates``, where the rule file's loader looks).
"""

from __future__ import annotations

from collections.abc import Callable

from rasd.acled import ARMED_GROUPS, CROWDS, Inter
from rasd.clean.word_sets import word_set
from rasd.extract.coding import Coding, clause_cue, named_flying
from rasd.extract.role_cues import RELATIVES, members_after_verb
from rasd.extract.tokens import token_at
from rasd.models import Actor

# Who meets a protest with force, and who makes arrests (a group acting as the state too).
REPRESSORS = (Inter.STATE_FORCES, Inter.POLITICAL_MILITIA)
ARRESTERS = (Inter.STATE_FORCES, Inter.REBEL_GROUP, Inter.POLITICAL_MILITIA,
             Inter.EXTERNAL_OTHER)
# The id prefix of the generic "Unidentified Armed Group (country)" actors.
UNNAMED_GROUP = "uag-"
# Fights on the ground: their missing side is a ground force, not an external air force.
GROUND_ROLES = ("clash", "take")
# Who flies an air strike: a state's forces or an intervening force, never a militia.
AIR_FORCES = (Inter.STATE_FORCES, Inter.EXTERNAL_OTHER)
AIR_STRIKE = "Air/drone strike"
# Roles of a bomb set off (an IED, a car bomb, a suicide attack, a grenade).
BOMB_ROLES = ("explode", "suicide")
# Words before a group's name within which a claim or blame word names it the doer.
_CLAIM_BEFORE = 3


Action = Callable[[Coding], tuple[str, ...]]


def _swap_civilian(c: Coding) -> tuple[str, ...]:
    # Civilians never act in a violent event: they are its target.
    c.actor1, c.actor2, c.civilian = c.actor2, c.actor1, True
    return ("actor1", "actor2")


def _unidentified(c: Coding) -> Actor:
    # ``بتفجير انتحاري ... في هجوم تبناه تنظيم داعش``: a group the sentence says claimed
    # the act did it. ``سقوط مقذوف من داخل الحدود اليمنية على منزل بنجران``: fire from
    # across a border is a group of the country it came from, not of the place it hit.
    return _claimant(c) or c.story.generic(
        "unidentified_armed_group", c.story.fired_from(c.tokens) or c.country)


def _claimant(c: Coding) -> Actor | None:
    """A named armed group right after a claim word in the sentence (``تبناه تنظيم
    داعش``), unless the sentence denies any claim."""
    if c.any_cue("negation"):
        return None
    lo, hi = c.clause
    for m in c.mentions:
        if m.actor.inter not in ARMED_GROUPS or m.actor.id.startswith(UNNAMED_GROUP):
            continue
        if not lo <= m.start < hi:
            # ``تفجير ... في حي البياع، تبناه تنظيم داعش، كما قتل آخرون في انفجار
            # سيارتين``: a claim in another clause of a round-up is another blast's
            # (act7: dev snn-7cd07d26c6cd).
            continue
        # ``نسبته الحكومة إلى التنظيم``: the claim or blame word may stand a few words back.
        before = [t for t in c.tokens if t.end <= m.start][-_CLAIM_BEFORE:]
        if any(c.lex.cue("claim", t, c.tokens) for t in before):
            return m.actor
    return None


def _unidentified_actor1(c: Coding) -> tuple[str, ...]:
    c.actor1 = _unidentified(c)
    return ("actor1",)


def _unidentified_sides(c: Coding) -> tuple[str, ...]:
    """``تجدد الاشتباكات في مدن سبها والكفرة``: a clash with no side named and none in the
    story is between unidentified armed groups of the place's country (event-coding.md §3)."""
    c.actor1 = c.actor2 = c.story.generic("unidentified_armed_group", c.country)
    return ("actor1", "actor2")


def _bodies_found(c: Coding) -> tuple[str, ...]:
    """``عثرت الشرطة على جثتي شرطيين``: whoever found the bodies is not who killed; the
    victims named are the target side, else the finders' own (police finding policemen),
    and the killer is unidentified."""
    if c.actor2 is None:
        c.actor2 = c.actor1
    c.actor1 = _unidentified(c)
    return ("actor1", "actor2")


def _story(c: Coding) -> tuple[str, ...]:
    # Never a force the sentence names as the acting side's support (بدعم من التحالف).
    a1, a2 = c.story.story_actors(c.actor1, c.actor2, c.civilian, supporters=c.roles.assoc1,
                                  ground=c.role in GROUND_ROLES)
    changed = tuple(f for f, old, new in (("actor1", c.actor1, a1), ("actor2", c.actor2, a2))
                    if new is not old)
    c.actor1, c.actor2 = a1, a2
    return changed


def _story_attacker(c: Coding) -> tuple[str, ...]:
    # A strike's target is what the sentence says it hit: only a missing attacker is
    # taken from the story (``نفذ الطيران الحربي غارات على البلدة``: no target named).
    a1, a2 = c.story.story_actors(c.actor1, c.actor2, c.civilian, supporters=c.roles.assoc1)
    from_story = a1 if a1 is not c.actor1 else None
    # (``قصف`` with aircraft in its clause is made an air strike only later: air-context.)
    if from_story is not None and (c.sub == AIR_STRIKE or clause_cue(c, "air")):
        # ``قصفت الطائرات المقاتلة التابعة للتحالف مواقع للحوثيين``، ``وتشن الغارات على
        # تجمعات الحوثي``: a militia flies no aircraft, so an air strike's missing
        # attacker is the air force the sentence names (as a patron, or for the strike
        # before), else the one an earlier sentence last told flying (``قال التحالف إن
        # طائراته نفذت 27 غارة ... وفي العراق أصابت الغارات أهدافا``), not the story's
        # ground fighter nor another air force of the story's.
        named = None if from_story.inter in AIR_FORCES else next(
            (m.actor for m in c.mentions if m.actor.inter in AIR_FORCES
             and m.actor not in (c.actor2, a2)), None)
        a1 = named or c.story.air_force((c.actor2,)) or from_story
    changed: tuple[str, ...] = ()
    if a1 is not c.actor1:
        c.actor1, changed = a1, ("actor1",)
    if c.actor2 is None and a1 is not None and a1.inter == Inter.EXTERNAL_OTHER:
        # ``وواصل طيران التحالف قصف مواقع عسكرية``: an intervening coalition strikes
        # the enemy it came to fight (actor_sides.tsv), when the story names it; the
        # story's fighter an air force replaced as the attacker may be that enemy.
        enemy = next((o for o in (a2, from_story) if o is not None and o is not a1
                      and c.story.opposed(a1, o)), None)
        if enemy is not None:
            c.actor2, changed = enemy, (*changed, "actor2")
    return changed


def _ground_sides(c: Coding) -> tuple[str, ...]:
    # ``واستمرت الاشتباكات في عدن وغارات لطيران التحالف``، ``مقاتلين يمنيين تدعمهم
    # الضربات الجوية التي يشنها التحالف``: a coalition told only by its aircraft strikes
    # from the air; the ground fight's side in its place is the story's ground force of
    # its side (the one fighting its enemy), never one of the other side.
    flying = c.actor1 if named_flying(c, c.actor1) else c.actor2
    other = c.actor2 if flying is c.actor1 else c.actor1
    if flying is None:
        return ()
    if other is None:
        other = c.story.story_actors(None, flying, c.civilian)[0]
    ground = c.story.story_actors(None, other, c.civilian, ground=True)[0] \
        if other is not None else None
    if ground is not None and c.story.opposed(ground, flying):
        ground = None
    if flying is c.actor1:
        c.actor1, c.actor2 = ground, other
    else:
        c.actor1, c.actor2 = other, ground
    return ("actor1", "actor2")


def _joined_leads(c: Coding) -> tuple[str, ...]:
    # ``قوات الجيش والمقاومة الشعبية``: the ally ``actor_leads.tsv`` names leads; the one
    # named first joins its associates (so a take-over beside the state's forces is still
    # the government's: control-beside-state).
    follower = c.actor1
    if follower is None:
        return ()
    leader = next(j for j in c.roles.joined1 if c.story.leads(follower, j))
    c.actor1 = leader
    c.assoc1 = (follower, *(a for a in c.assoc1 if a not in (leader, follower)))
    return ("actor1",)


def _mob(c: Coding) -> tuple[str, ...]:
    c.actor1 = c.story.generic("rioters", c.country)
    c.actor2 = c.story.generic("civilians", c.country)
    c.assoc1 = ()
    return ("actor1", "actor2")


def _no_target(c: Coding) -> tuple[str, ...]:
    c.actor2 = None  # a base is set up, not against anyone
    return ("actor2",)


def _attacker_on_civilians(c: Coding) -> tuple[str, ...]:
    attacker = next((a for a in (c.actor1, c.actor2)
                     if a is not None and a.inter != Inter.CIVILIANS), None)
    if attacker is not None and attacker.inter == Inter.STATE_FORCES and c.role in BOMB_ROLES \
            and not _carried_out_by(c, attacker):
        # ``عناصر الشرطة … بقنبلة يدوية``، ``هجوم انتحاري استهدف نقطة …``
        # (a checkpoint of the army and police): state forces plant no bombs (no bomb,
        # suicide attack or grenade of the development gold files, dev_second included,
        # has them acting: 0 of 101), so the force a bomb's sentence names was hit; who
        # set it off is the claimant or an unidentified group (issue 14, act7: dev4
        # snn-0a8f852b9c80, snn-c4fca0df81a7, snn-c78d74215c4a; dev3 snn-4dc2c4752d6d).
        # Civilians told as the victims are the target instead.
        c.actor1 = _unidentified(c)
        c.actor2 = _civilians(c) if c.civilian else attacker
        return ("actor1", "actor2")
    c.actor1 = attacker or _unidentified(c)
    c.actor2 = _civilians(c)
    return ("actor1", "actor2")


def _carried_out_by(c: Coding, actor: Actor) -> bool:
    """``قام سلاح الجو بتفجير مخزن ذخيرة``: the actor is the subject of a verb of
    carrying out right before the act's noun (a depot blown up, not a bomb planted)."""
    first = c.match.first
    for m in c.mentions:
        if m.actor != actor or m.end > c.tokens[first].start:
            continue
        between = [t for t in c.tokens if m.end <= t.start < c.tokens[first].start]
        if len(between) > 1:
            continue
        # ``الجيش قام بتفجير``، ``قام الجيش بتفجير``: the verb after or right before it.
        before = [t for t in c.tokens if t.end <= m.start][-1:]
        if any(f.startswith(_DOING) for t in (*between, *before) for f in t.forms):
            return True
    return False


# Words telling the arrested as suspects or affiliates, not members (data/word_sets.tsv).
_SUSPECT = word_set("suspect_word")
# Words before a group's name within which a relative pronoun makes it a clause's subject.
_RELATIVE_REACH = 3
# Letters of the shortest verbal noun of the arrest words read as one (``اعتقال``، ``احتجاز``).
_MASDAR_LETTERS = 5
# Verbs of carrying out an act told by its noun (``قام الجيش بتفجير``، ``نفذت القوات``).
_DOING = ("قام", "قامت", "نفذ")


def _civilians(c: Coding) -> Actor:
    """The civilians an act hit: of the nationality the clause tells them by (``خطف
    أربعة إيطاليين في ليبيا``: Civilians (Italy)), else of the event's country (issue 14,
    actors14g: dev snn-d64a0af6aaaf, dev3 snn-edb77c53a280). The whole sentence up to the
    trigger's clause end is read: ``إن أربعة مواطنين إيطاليين خطفوا ... وأضافت أن الأربعة
    ... وخطفوا قرب مجمع`` tells them once, well before the act coded.)"""
    country = c.story.victims_country(c.tokens, 0, c.clause_end)
    return c.story.generic("civilians", country or c.country)


def _civilian_victims(c: Coding) -> tuple[str, ...]:
    attacker = next((a for a in (c.roles.actor1, c.roles.actor2, c.actor1)
                     if a is not None and a.inter not in CROWDS), None)
    c.actor1 = attacker or c.story.generic("unidentified_armed_group", c.country)
    taken = c.roles.actor2
    if taken is not None and taken is not attacker and (
            (c.role == "abduct" and taken.inter not in CROWDS
             and not taken.id.startswith(UNNAMED_GROUP))
            or taken.inter == Inter.STATE_FORCES):
        # ``خطف عناصر من جبهة النصرة قائد الفرقة 30``: fighters of a named group
        # abducted are that group, not civilians; ``أعدم التنظيم 22 جندياً``: soldiers
        # put to death are their army (issue 14).
        c.actor2 = taken
    else:
        c.actor2 = _civilians(c)
    return ("actor1", "actor2")


def _protesters_met_by_force(c: Coding) -> tuple[str, ...]:
    c.actor1 = c.story.generic("protesters", c.country)
    c.actor2 = next((a for a in (c.roles.actor1, c.roles.actor2)
                     if a is not None and a.inter in REPRESSORS), None) \
        or c.story.state(c.country, police=True)
    return ("actor1", "actor2")


def _protesters(c: Coding) -> tuple[str, ...]:
    c.actor1 = c.story.generic("protesters", c.country)
    c.actor2 = None
    return ("actor1", "actor2")


def _armed_arson(c: Coding) -> tuple[str, ...]:
    # ``عناصر من الدعم السريع ... أضرموا النار في المحال``: the armed men burn property.
    c.actor1 = c.roles.actor1
    a2 = c.roles.actor2
    c.actor2 = a2 if a2 is not None and a2.inter != Inter.RIOTERS \
        else c.story.generic("civilians", c.country)
    return ("actor1", "actor2")


def _rioters(c: Coding) -> tuple[str, ...]:
    c.actor1 = c.story.generic("rioters", c.country)
    a2 = c.roles.actor2
    c.actor2 = a2 if a2 and a2.inter != Inter.RIOTERS else None
    # Rioters stoning the police, or met by them: the police are the other side.
    police = next((m.actor for m in c.mentions if m.actor.inter == Inter.STATE_FORCES), None)
    if police is not None and (c.actor2 is None or c.actor2.inter == Inter.CIVILIANS):
        c.actor2 = police
    return ("actor1", "actor2")


def _arrests(c: Coding) -> tuple[str, ...]:
    # Arrests are made by state forces (or a group acting as one); the arrested are
    # civilians unless named as an armed group (through its members), or as gunmen
    # (``اعتقلت الشرطة 5 مسلحين``، ``قتل 12 مسلحاً في حملة مداهمات``: an unidentified
    # group, not civilians).
    r = c.roles
    # ``ضد ناشطين مفترضين من تنظيم الدولة``: a group named through its members is
    # the arrested side, never the one arresting.
    arrester = next((a for a in (r.actor1, r.actor2)
                     if a is not None and a.inter in ARRESTERS
                     and (not c.story.members(a, c.mentions, c.tokens)
                          or _members_acting(c, a))), None)
    # ``اعتقلت قوات الاحتلال خمسة ...، بينما اعتقلت فتيين``: an arrest told with no one
    # of its own is made by the state's forces its sentence names, before any default
    # (act7: dev4 snn-66dad31fc29c, the Palestinian police making Israel's arrests).
    named = next((m.actor for m in c.mentions if m.actor.inter == Inter.STATE_FORCES
                  and not m.victims and m.actor not in (r.actor1, r.actor2)
                  and not c.story.members(m.actor, c.mentions, c.tokens)), None)
    c.actor1 = arrester or named or c.story.state(c.country, police=True)
    arrested = next((a for a in (r.actor2, r.actor1)
                     if a is not None and a is not c.actor1 and a.inter != Inter.STATE_FORCES
                     and (a.inter == Inter.CIVILIANS or a.id.startswith(UNNAMED_GROUP)
                          or c.story.members(a, c.mentions, c.tokens)
                          or _named_after(c, a))), None)
    c.actor2 = arrested or c.story.generic("civilians", c.country)
    return ("actor1", "actor2")


def _named_after(c: Coding, actor: Actor) -> bool:
    """``اعتقال شقيق زعيم التمرد عبدالملك الحوثي``، ``القبض على 72 حوثيا``: an armed
    group named after the arrest in its clause, with no suspicion told in the sentence
    (``يشتبه في انتمائهم إلى داعش``: suspects, civilians), is whom the arrest took
    (issue 14, actors8: dev5 snn-af11ac0d22fa, dev2 snn-fbf6dbba4289: the gold codes the
    Houthis the Resistance arrested as the group)."""
    if actor.inter not in ARMED_GROUPS or any(t.norm in _SUSPECT for t in c.tokens):
        return False
    after, (_, hi) = c.tokens[c.match.last].end, c.clause
    for m in c.mentions:
        if m.actor != actor or m.generic or not after <= m.start < hi:
            continue
        before = [t.norm for t in c.tokens if t.end <= m.start][-_RELATIVE_REACH:]
        # ``ناشطين من التنظيم``: people of the group, not named as it; ``المتمرد الذي عينه
        # الحوثيون``: the subject of a clause on the arrested (dev2 snn-95c4be0a0b53).
        if (before and before[-1] == "من") or any(w in RELATIVES for w in before):
            continue
        return True
    return False


def _members_acting(c: Coding, actor: Actor) -> bool:
    """``اعتقلت عناصر من قوات الاحتلال عدداً من الأطفال``: members named right after the
    arrest verb are its subject, as ``assign_roles`` reads them (act7: dev4
    snn-66dad31fc29c, Israel's forces read as the arrested and the arrests given to the
    Palestinian police)."""
    last = c.match.last
    head = c.tokens[c.match.first].norm
    if head.startswith(("ال", "وال", "بال", "لل")):
        return False  # a noun (``الاعتقالات``), not a verb with a subject after it
    if len(head) >= _MASDAR_LETTERS and head[-2] == "ا":
        # ``اعتقال قيادات حوثية``، ``احتجاز عناصر``: the verbal noun's object follows it,
        # not its subject (issue 14, actors8: dev5 snn-af11ac0d22fa).
        return False
    return any(m.actor == actor and members_after_verb(
        c.lex, c.tokens, last, token_at(c.tokens, m.start)) for m in c.mentions
        if m.start > c.tokens[last].start)


def _assoc_as_actor2(c: Coding) -> tuple[str, ...]:
    # ``توصلت قوات النظام وفصائل المعارضة إلى اتفاق``: both parties agree.
    c.actor2 = c.roles.assoc1[0]
    return ("actor2",)


def _looting(c: Coding) -> tuple[str, ...]:
    # ``نهب عناصر من الدعم السريع السوق``: the armed men named loot; property with no
    # owner named belongs to civilians.
    r = c.roles
    armed = next((a for a in (r.actor1, r.actor2, c.actor1)
                  if a is not None and a.inter not in CROWDS), None)
    if armed is not None and (c.actor1 is None or c.actor1.inter == Inter.CIVILIANS
                              or r.actor1 is None):
        c.actor1 = armed
    if c.civilian or r.actor2 is None or r.actor2 == c.actor1:
        c.actor2 = c.story.generic("civilians", c.country)
    return ("actor1", "actor2")


ACTIONS: dict[str, Action] = {
    "swap-civilian": _swap_civilian,
    "unidentified-actor1": _unidentified_actor1,
    "unidentified-sides": _unidentified_sides,
    "bodies-found": _bodies_found,
    "story": _story,
    "story-attacker": _story_attacker,
    "ground-sides": _ground_sides,
    "joined-leads": _joined_leads,
    "mob": _mob,
    "no-target": _no_target,
    "attacker-on-civilians": _attacker_on_civilians,
    "civilian-victims": _civilian_victims,
    "protesters-met-by-force": _protesters_met_by_force,
    "protesters": _protesters,
    "armed-arson": _armed_arson,
    "rioters": _rioters,
    "arrests": _arrests,
    "assoc-as-actor2": _assoc_as_actor2,
    "looting": _looting,
}
