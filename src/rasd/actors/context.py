"""What the words around an actor mention say about it, read on the text's actor tokens.

A generic noun headed by a name (``مسلحين من داعش``) is that name's; a country after
``على الحدود مع`` is the neighbour across the border, not where the sentence is; a nisba
adjective after a descriptor (``قوات الأمن المصرية``) names the descriptor's country.
``rasd.actors.dictionary`` asks these while resolving a document.
"""

from __future__ import annotations

from collections.abc import Container

from rasd.actors.data import Descriptor
from rasd.actors.match import Hit, Tok, fold_token, match_key

# Connectors between a generic noun and a name that make the name its head:
# ``مسلحين من داعش``, ``مسلحين تابعين لقسد``.
CONNECTORS = frozenset(
    fold_token(w) for w in ("من", "تابعين", "التابعين", "تابعه", "التابعه", "ينتمون", "موالين")
)


def followed_by_name(
    toks: list[Tok], hits: list[Hit], n: int, descriptors: tuple[Descriptor, ...]
) -> bool:
    """True when a name or a pointing descriptor heads the generic noun at ``n``:
    ``مسلحين من داعش``, ``مسلحون من الفصيل``."""
    hit = hits[n]
    if n + 1 >= len(hits):
        return False
    nxt = hits[n + 1]
    if nxt.payload.startswith("#") and descriptors[int(nxt.payload[1:])].mode in (
            "generic", "victims", "members"):
        # ``قتل مسلحون مجهولون شرطياً``: the verb's object, no name heading the gunmen.
        return False
    between = toks[hit.last + 1 : nxt.first]
    if toks[nxt.first].segment != toks[hit.last].segment:
        return False
    return all(t.folded in CONNECTORS for t in between) and len(between) <= 2


def in_construct(toks: list[Tok], last: int) -> bool:
    """The word after the token at ``last`` is a definite noun that no nisba adjective
    can be (``جنود الخلافة``، ``ضباط الشرطة``، ``نادي الضباط``: whose members they are, not
    ``الجنود الأتراك``), in the same sentence."""
    i = last + 1
    if i >= len(toks) or toks[i].segment != toks[last].segment:
        return False
    word = toks[i].folded
    return word.startswith("ال") and not word.endswith(("ي", "يه", "يين", "يون")) \
        and word not in BROKEN_NISBAS and word not in RELATIVE_PRONOUNS


def adjective_of_noun(toks: list[Tok], first: int) -> bool:
    """The accusative word at ``first`` follows an indefinite accusative noun in the same
    sentence, so it describes that noun: ``رتلا عسكريا`` (a military convoy), ``هجوما
    مسلحا``, not ``إن عسكريا تركيا قتل`` or ``قتلوا جنديا`` (a verb's ending ``وا``)."""
    if first < 1 or toks[first - 1].segment != toks[first].segment:
        return False
    word, before = toks[first].folded, toks[first - 1].norm
    return word.endswith("ا") and before.endswith("ا") and not before.endswith("وا") \
        and not before.startswith(("ال", "وال")) and len(before) > 2


# Nationalities in broken plural (``الجنود الأتراك``): an adjective, not a noun in construct.
BROKEN_NISBAS = frozenset(match_key(w) for w in ("الأتراك", "الأكراد", "الأفغان", "العرب"))
# Relative pronouns: ``الشرطيين اللذين قتلا`` describes the policemen, it owns none of them
# (issue 14, kill14i: dev2 snn-44f5acee8ed4).
RELATIVE_PRONOUNS = frozenset(match_key(w) for w in (
    "الذي", "التي", "الذين", "اللذين", "اللذان", "اللتين", "اللتان", "اللواتي", "اللاتي"))


def across_border(toks: list[Tok], i: int) -> bool:
    """``على الحدود مع سوريا``، ``المنطقة الحدودية مع العراق``: the neighbour across the
    border, not the country the sentence is in (a policeman killed in Ceylanpinar
    is Turkey's). So too fire ``من داخل الأراضي اليمنية`` on a Saudi border post, and the
    launchers ``بالأراضي اليمنية`` its army answered (issue 14, actors8: dev
    snn-faa4068a6ca0, snn-9df18ff0a9c4, snn-1d437efeab72: the Saudi ground forces of the
    statement read as Yemen's)."""
    if i >= 2 and toks[i - 1].folded == "مع" and "الحدود" in toks[i - 2].folded:
        return True
    if i < 1 or toks[i - 1].norm.removeprefix("ب") not in _TERRITORY:
        return False
    return toks[i - 1].norm.startswith("ب") or (
        i >= 2 and toks[i - 2].norm in _FROM_INSIDE)


# ``من داخل الأراضي اليمنية``، ``بالأراضي اليمنية``: another country's ground named.
_TERRITORY = frozenset(("الاراضي", "الحدود", "الجانب"))
_FROM_INSIDE = frozenset(("من", "داخل", "عبر"))


def nisba_after(toks: list[Tok], hits: list[Hit], n: int,
                known: Container[str] = ()) -> str | None:
    """The nisba adjective (``المصرية``, ``النيجيري``, ``الدولي``) right after a
    descriptor, folded; None when the next word is no such adjective. An indefinite
    one (``جنديين تركيين``، ``جنود سعوديين``) counts when its definite form is ``known``
    (a country's adjective): the indefinite ending is too common to guess from."""
    i = hits[n].last + 1
    if i >= len(toks) or toks[i].segment != toks[hits[n].last].segment:
        return None
    if n + 1 < len(hits) and hits[n + 1].first == i:
        return None
    word = toks[i].folded
    if word.endswith(("يين", "يان")):  # plural and dual: القوات السوريين, جنديان تركيان
        word = word[:-2]
    if not word.startswith("ال"):
        definite = "ال" + word.removesuffix("ا")  # accusative: ``جندياً تركياً``
        return definite if definite in known else None
    if len(word) >= 5 and word.startswith("ال") and word.endswith(("ي", "يه")):
        if word.removesuffix("ه") in PLAIN_ADJECTIVES:
            return None
        return word
    return None


# Nisba adjectives that say what kind of force, not whose: ``قوات المقاومة
# الشعبية``, ``القوات الجوية``, ``الجيش النظامي`` are still the article's own.
PLAIN_ADJECTIVES = frozenset(
    fold_token(w)
    for w in (
        "الشعبي",
        "الوطني",
        "الشرعي",
        "الحكومي",
        "العسكري",
        "الجوي",
        "البري",
        "البحري",
        "النظامي",
        "الرسمي",
        "المحلي",
        "الامني",
        "الملكي",
        "الجنوبي",
        "الشمالي",
        "الشرقي",
        "الغربي",
        "الاتحادي",
        "الثوري",
        "المركزي",
        "الاحتياطي",
        "الميداني",
        "الحربي",
        "المسلحي",
        "الاضافي",
        "الاقليمي",
        # Participles of verbs ending in ي, not nationalities: ``الحرس الجمهوري الموالي
        # للرئيس المخلوع`` is still the Republican Guard (issue 14, actors8: dev5
        # snn-37f2902669fe, the descriptor dropped as of an unknown country).
        "الموالي",
        "المعادي",
        "الحالي",
        "الماضي",
        "الجاري",
        "التالي",
        "الثاني",
        "الباقي",
        "المتبقي",
    )
)
