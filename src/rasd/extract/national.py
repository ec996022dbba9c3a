"""Acts told of a whole country, coded at its capital (issue 14, recall14e).

A nationwide arrest campaign (``اعتقلت الشرطة في جميع أنحاء تركيا 590 شخصاً``، ``المداهمات
جرت في 13 محافظة تركية``) or a truce declared for the country (``أعلن التحالف هدنة إنسانية
في اليمن``) names no town: the walk found no place for it and coded nothing. The gold
sets' coders code such acts at the country's capital, precision 3 (dev snn-8eadaa6b9e2a,
snn-87fa00d8f210; dev2 snn-acacd01ec1bd, snn-3148a4ff97b6, snn-6d8b41d068ad).

Only these acts, and only when the sentence says the scope (``nationwide`` cues) or the
truce is told as declared or in force (``declared`` cues): a truce wished for or an
arrest told with no place stays uncoded, as before. The capitals are
``data/country_capitals.tsv``, read by :func:`rasd.geo.capitals.country_capitals`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from rasd.clean.word_sets import word_set
from rasd.extract.lexicon import Lexicon, TriggerMatch
from rasd.extract.tokens import Token
from rasd.models import Place, PlaceMention

# How a place mention made here says where it came from (``rules.location``).
NATIONAL_METHOD = "national"
# The roles of the acts a country can be the scene of: arrests and seizures by its
# forces, and a truce over its territory.
NATIONAL_ROLES = frozenset({"arrest", "disrupt", "agreement"})
# The agreement cues that are truces (``اتفاق`` may be a nuclear deal or a trade pact).
TRUCE_SOURCES = frozenset({"هدنه", "وقف اطلاق النار", "وقف لاطلاق النار", "وقفا لاطلاق النار"})
# Words that stand for the article's own country (``في مختلف أنحاء البلاد``، ``في المملكة``).
_OWN_COUNTRY = word_set("own_country")
# Words before a country that make it a side's ally or leader, not a truce's scene.
_SIDE_WORDS = frozenset({"مع", "بقياده", "تقوده", "تقودها", "بزعامه"})
# Units a count of which spans a country (``في 13 محافظة``).
_UNITS = word_set("national_unit")
# Words after a truce within which a place is the truce's own (``هدنة في الزبداني``،
# ``هدنة الزبداني``): a local truce keeps its town.
TRUCE_OWN_PLACE_WINDOW = 3


def national_act(m: TriggerMatch) -> bool:
    """An act a whole country can be the scene of: an arrest, a seizure, a truce."""
    return m.trigger.role in NATIONAL_ROLES and (
        m.trigger.role != "agreement" or m.trigger.source in TRUCE_SOURCES)


def national_place(matches: Sequence[TriggerMatch], tokens: Sequence[Token], *, lex: Lexicon,
                   country_words: Mapping[str, str], own_country: str | None,
                   capitals: Mapping[str, Place]) -> list[PlaceMention]:
    """The capital, as the one place of a sentence with none, when the sentence tells an
    arrest campaign or seizure nationwide or a truce declared; else []. The country is
    the one the sentence names (``أنحاء تركيا``، ``محافظة تركية``، ``في اليمن``), else the
    article's when it says ``البلاد``/``المملكة`` or declares a truce."""
    acts = [m for m in matches if national_act(m)]
    if not acts:
        return []
    truce = any(m.trigger.role == "agreement" for m in acts)
    if truce and not any(lex.cue("declared", t, tokens) for t in tokens):
        return []  # ``يريدون الهدنة``: a truce wished for, not one in force
    nationwide = any(lex.cue("nationwide", t, tokens) for t in tokens) or any(
        t.norm in _UNITS and k > 0 and tokens[k - 1].norm.isdigit()
        for k, t in enumerate(tokens))  # ``في 13 محافظة تركية``
    if not truce and not nationwide:
        return []  # ``تم القبض على المدعو``: an arrest somewhere the text does not say
    # ``محافظة تركية``: the adjective indefinite, as the country words are definite.
    # A country named as a side's ally or leader (``الحوثي المتحالف مع إيران``، ``التحالف
    # بقيادة السعودية``، ``الموالية لإيران``) is not the scene of a truce, whose country is
    # then the next one named or the article's (issue 14, recall8: dev snn-245863d7f0a0).
    named = next((country_words.get(t.norm) or country_words.get("ال" + t.norm)
                  for k, t in enumerate(tokens)
                  if (t.norm in country_words or "ال" + t.norm in country_words)
                  and not (truce and _with_side(tokens, k))), None)
    own = own_country if (truce or any(t.norm in _OWN_COUNTRY for t in tokens)) else None
    country = named or own
    capital = capitals.get(country) if country else None
    if capital is None:
        return []
    # The span of the act's cue: the place is owned by it, and closes with the next cue.
    act = acts[0]
    return [PlaceMention(start=act.end, end=act.end, surface=capital.name_ar, place=capital,
                         precision=3, method=NATIONAL_METHOD)]


def _with_side(tokens: Sequence[Token], k: int) -> bool:
    """The country word at ``k`` names a side's ally or leader (``مع إيران``، ``بقيادة
    السعودية``، ``لإيران``), not a scene."""
    return tokens[k].prefix.lstrip("وف").startswith("ل") or (
        k > 0 and tokens[k - 1].norm in _SIDE_WORDS)


def truce_places(matches: Sequence[TriggerMatch], owned: list[list[PlaceMention]],
                 tokens: Sequence[Token], *, lex: Lexicon,
                 capital_of: Callable[[Sequence[TriggerMatch]], list[PlaceMention]],
                 ) -> tuple[list[list[PlaceMention]], set[int]]:
    """The places of each trigger, a declared truce's replaced by its country's capital
    (issue 14, sd14i). A truce declared for a country (``قبيل سريان الهدنة ... صعدت
    المقاومة من عملياتها في الحديدة وتعز ومأرب``، ``قبل ساعات من موعد سريان هدنة أعلنها
    التحالف`` beside a fight at al-Anad, ``إعادة تشغيل مطار عدن`` after it) is coded by the
    gold sets' coders at the capital, precision 3, whatever other places its sentence names:
    they are the fights' or the aid's. Development: dev snn-5fc7a88b6bb0, snn-d67210e558ef;
    dev2 snn-fbf6dbba4289, snn-fd1858e8789f; dev4 snn-960f792745d1. A truce with a place
    right after it (``هدنة في الزبداني``) is that town's and keeps it, and so does a ceasefire
    that is the terms of an agreement the sentence tells (``اتفاق ... ينص على وقف إطلاق
    النار``). Also the indices of
    the truces moved: the day their sentence tells is the other acts' (``اشتبكت ... اليوم
    الأحد قبل ساعات من سريان هدنة``), so the truce is undated there and a dated telling of
    it (``وأعلن التحالف أمس هدنة``) absorbs it (dev2 snn-6d8b41d068ad)."""
    if not any(m.trigger.role == "agreement" and national_act(m) for m in matches) \
            or not any(lex.cue("declared", t, tokens) for t in tokens):
        return owned, set()
    if any(m.trigger.role == "agreement" and not national_act(m) for m in matches):
        # ``توصل الطرفان إلى اتفاق ... ينص على وقف إطلاق النار``: the ceasefire is the terms
        # of a local deal told with its place, not a truce over the country.
        return owned, set()
    out = list(owned)
    moved: set[int] = set()
    for i, m in enumerate(matches):
        if m.trigger.role != "agreement" or not national_act(m):
            continue
        near = tokens[min(len(tokens) - 1, m.last + TRUCE_OWN_PLACE_WINDOW)].end
        if any(m.end <= p.start < near for p in owned[i]):
            continue  # ``هدنة في الزبداني``: a local truce
        if all(p.method == NATIONAL_METHOD for p in owned[i]) and owned[i]:
            continue
        capital = capital_of([m])
        if capital:
            out[i] = capital
            moved.add(i)
    return out, moved
