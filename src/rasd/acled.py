"""ACLED's codes as named constants: actor ``inter`` codes, event types and sub-types.

Rule files are checked against these at load (``rasd.extract.lexicon``), and the event
coder tests actors by name (``Inter.CIVILIANS``) rather than by bare number.
``Inter`` is an ``IntEnum``, so stored and exported codes stay the plain
integers of ACLED's codebook.
"""

from __future__ import annotations

from enum import IntEnum


class Inter(IntEnum):
    """ACLED's actor type codes (``inter1``/``inter2``)."""

    STATE_FORCES = 1
    REBEL_GROUP = 2
    POLITICAL_MILITIA = 3
    IDENTITY_MILITIA = 4
    RIOTERS = 5
    PROTESTERS = 6
    CIVILIANS = 7
    EXTERNAL_OTHER = 8


# Actors that take part without armed force: never the armed side of an event.
CROWDS = frozenset({Inter.PROTESTERS, Inter.CIVILIANS})
# Crowds that act themselves (a riot, a protest).
DEMONSTRATORS = frozenset({Inter.RIOTERS, Inter.PROTESTERS})
# Organised armed groups that are not the state.
ARMED_GROUPS = frozenset({Inter.REBEL_GROUP, Inter.POLITICAL_MILITIA, Inter.IDENTITY_MILITIA})

# ACLED's event types and their sub-event types.
EVENT_TYPES: dict[str, frozenset[str]] = {
    "Battles": frozenset({"Armed clash", "Government regains territory",
                          "Non-state actor overtakes territory"}),
    "Explosions/Remote violence": frozenset({
        "Chemical weapon", "Air/drone strike", "Suicide bomb",
        "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"}),
    "Violence against civilians": frozenset({"Sexual violence", "Attack",
                                             "Abduction/forced disappearance"}),
    "Protests": frozenset({"Peaceful protest", "Protest with intervention",
                           "Excessive force against protesters"}),
    "Riots": frozenset({"Violent demonstration", "Mob violence"}),
    "Strategic developments": frozenset({
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other"}),
}

# A trigger's sub-type left to the acting actor: state forces regain territory,
# anyone else overtakes it.
CONTROL_SUBTYPE = "*control"

# How the actors of a sentence relate to a trigger (``triggers.tsv``, column role).
TRIGGER_ROLES = frozenset({
    "clash", "attack", "strike", "take", "explode", "suicide", "vac", "abduct", "protest",
    "riot", "arrest", "agreement", "transfer", "disrupt", "base", "loot", "change",
})
