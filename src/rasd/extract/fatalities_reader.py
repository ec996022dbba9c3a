"""Reading one sentence for fatality counts: its tokens, numbers, cues and counts.

Internal to :mod:`rasd.extract.fatalities`, which decides what the counts mean. This
module only knows where counts stand relative to the words that report
deaths and injuries, and which tokens a count has already claimed; the words
themselves, and how one is looked up, are :mod:`rasd.extract.fatalities_words`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasd.clean.word_sets import word_set
from rasd.extract.dates import find_dates
from rasd.extract.fatalities_words import (
    context_roles,
    cue_openers,
    cue_phrases,
    glued_stems,
    might_report,
    modifier_phrases,
    nouns,
)
from rasd.extract.numbers_ar import (
    Token,
    may_start_number,
    parse_number_at,
    tokenize,
)

# ``might_report`` and ``nouns`` were defined here before ``fatalities_words``.
__all__ = ["COMMA", "NO_NUMBER", "QUOTES", "STOP", "Count", "Cue", "Reader", "might_report",
           "nouns"]

NO_NUMBER = 3  # ACLED: deaths reported with no number in a significant attack
STOP = {".", "؛", ";", ":", "!", "؟", "?", "(", ")", '"', "«", "»"}
COMMA = {",", "،"}
# Quotation marks open or close a quoted figure or name (مقتل "12 من العناصر"،
# أعدم تنظيم "داعش" 23 شخصا): they stand between a cue and its count, they do not end it.
QUOTES = {'"', "«", "»", "“", "”"}
_BACK_WINDOW = 5  # words between a count and the verb after it (20 عنصرا من قسد قتلوا)
_FAR_BACK_WINDOW = 12  # ... when people follow the count (ثمانية من عناصر الحرس ... لقوا مصرعهم)
# "one" and "two" as words: they follow the noun they count (جنديين اثنين، أسرة واحدة).
_SMALL_NUMBER_WORDS = ("اثن", "واحد")
# ``بين`` and its glued ``ما بين`` (``العشرات مابين قتيل وجريح``, dev3 snn-f54fe2c148c2):
# a count sorted into killed and wounded.
_BETWEEN = word_set("between")  # data/word_sets.tsv
# Dual relative pronouns between a subject and its verb (الشرطيين اللذين قتلا).
_DUAL_RELATIVES = word_set("dual_relative")
# Words opening a clause whose subject comes first (two gendarmerie NCOs told first:
# أن ضابطي صف … قتلا).
_SUBJECT_OPENERS = word_set("subject_opener")


@dataclass(frozen=True, slots=True)
class Cue:
    first: int
    last: int
    family: str  # killed | wounded | block | mixed
    role: str  # noun | verb | verbc | count
    default: int | None


@dataclass(frozen=True, slots=True)
class Count:
    first: int
    last: int
    best: int
    low: int
    high: int


# --- reading ----------------------------------------------------------------


class Reader:
    """One sentence's tokens, with its numbers, cues and what is already claimed."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens: list[Token] = tokenize(text)
        self.norms = [t.norm for t in self.tokens]
        self.masked = self._date_tokens()
        self.numbers: dict[int, tuple[int, int, bool]] = {}
        self.conj_numbers: dict[int, tuple[int, int, bool]] = {}
        self._scan_numbers()
        self.claimed: set[int] = set()
        self._cue_memo: dict[int, Cue | None] = {}

    def _date_tokens(self) -> set[int]:
        spans = [(m.start, m.end) for m in find_dates(self.text, published=None)]
        return {
            i
            for i, t in enumerate(self.tokens)
            if any(s <= t.start < e for s, e in spans)
        }

    def _scan_numbers(self) -> None:
        toks = self.tokens
        for i, tok in enumerate(toks):
            if i in self.masked:
                continue
            parsed = parse_number_at(toks, i) if may_start_number(tok.norm) else None
            if parsed is not None:
                self.numbers[i] = parsed
            elif (tok.norm.startswith("و") and len(tok.norm) > 2
                  and may_start_number(tok.norm[1:])):
                bare = Token(tok.start, tok.end, tok.norm[1:])
                parsed = parse_number_at([*toks[:i], bare, *toks[i + 1 :]], i)
                if parsed is not None:
                    self.conj_numbers[i] = parsed

    def norm(self, i: int) -> str:
        return self.norms[i] if 0 <= i < len(self.norms) else ""

    def noun(self, i: int) -> str | None:
        return nouns().get(self.norm(i))

    def has_role(self, i: int, role: str) -> bool:
        """Whether token ``i`` (or its stem after و/ف/ب/ل) plays ``role``.

        Roles are listed in data/fatalities_context.tsv. Short function words
        keep their role after a glued و/ف (ولم, وفي).
        """
        norm = self.norm(i)
        stems = glued_stems(norm)
        if norm[:1] in "وف" and len(norm) >= 3:
            stems.append(norm[1:])
        return any(role in context_roles().get(stem, ()) for stem in stems)

    # cues ---------------------------------------------------------------

    def cue_at(self, i: int) -> Cue | None:
        """The longest cue phrase starting at token ``i`` (asked often: memoised)."""
        if i not in self._cue_memo:
            self._cue_memo[i] = self._find_cue(i)
        return self._cue_memo[i]

    def _find_cue(self, i: int) -> Cue | None:
        if i < 0 or i >= len(self.norms):
            return None
        openers = cue_openers(self.norms[i])
        if not openers:
            return None
        cues = cue_phrases()
        for length in (3, 2, 1):
            words = self.norms[i : i + length]
            if len(words) < length:
                continue
            for n, first in openers:
                hit = cues.get((first, *words[1:]))
                # A counted noun after ب/ل is not a count (أصيب بإصابات, لقتلى الحزب).
                if hit is not None and n and hit[1] == "count" and words[0][0] not in "وف":
                    continue
                if hit is not None:
                    return Cue(i, i + length - 1, *hit)
        return None

    def all_cues(self) -> list[Cue]:
        out: list[Cue] = []
        i = 0
        while i < len(self.tokens):
            cue = self.cue_at(i) if i not in self.masked else None
            if cue is None:
                i += 1
                continue
            out.append(cue)
            i = cue.last + 1
        return self._merge_mixed(out)

    def _merge_mixed(self, cues: list[Cue]) -> list[Cue]:
        """Join "killed and wounded" pairs (مقتل وإصابة, قتلى وجرحى) into one cue."""
        out: list[Cue] = []
        for cue in cues:
            prev = out[-1] if out else None
            if (
                prev is not None
                and {prev.family, cue.family} == {"killed", "wounded"}
                and (prev.role == cue.role or {prev.role, cue.role} <= {"noun", "verb", "verbc"})
                and self._joined(prev.last, cue.first)
                # قتيل وجريح with no number is one dead and one wounded; after بين it
                # sorts a number told earlier (سقط عشرات ... بين قتيل وجريح).
                and (prev.role != "count" or self.number_ends_before(prev.first) is not None
                     or self.norm(prev.first - 1) in _BETWEEN)
                # أحد المقاتلين قتل وأصيب أربعة: one dead, four wounded.
                and (prev.role == "count" or not self.counts_before(prev.first))
            ):
                out[-1] = Cue(prev.first, cue.last, "mixed", prev.role, prev.default)
                continue
            out.append(cue)
        return out

    def _joined(self, last: int, first: int) -> bool:
        if first == last + 1:
            return self.norm(first).startswith("و") and self.cue_at(first) is not None
        return first == last + 2 and self.norm(last + 1) == "و"

    # counts -------------------------------------------------------------

    def skip_modifier(self, i: int) -> int:
        for phrase in modifier_phrases():
            if tuple(self.norms[i : i + len(phrase)]) == phrase:
                return i + len(phrase)
        return i

    def number_at(self, i: int, *, conj: bool = False) -> Count | None:
        """A count starting at token ``i``: a number (or range) of people."""
        table = self.conj_numbers if conj else self.numbers
        if i in self.claimed or i not in table:
            return None
        value, end, _vague = table[i]
        if self.noun(end) == "x" or self.norm(end) in ("%", "/", ":", "ه", "م"):
            return None  # 3 غارات, 20%, 11:30, 1436/10/15, 1436 هـ, 79 م
        if self.norm(i - 1) in ("/", ":"):
            return None
        if self.has_role(i - 1, "time") or (1900 <= value <= 2100 and self.noun(end) is None):
            return None  # في 2014, منذ 3, عام 2016: a time, not a count of people
        low, high, last = value, value, end - 1
        # A range: بين 500 و600, من 500 إلى 600, 500-600.
        joiner = self.norm(end)
        nxt: tuple[int, int, bool] | None = None
        between = self.norm(i - 1) == "بين"
        if end + 1 in self.numbers and (joiner in ("الي", "-", "–") or (joiner == "و" and between)):
            nxt = self.numbers[end + 1]
        elif self.norm(i - 1) == "بين" and end in self.conj_numbers:
            nxt = self.conj_numbers[end]
        if nxt is not None and nxt[0] > value:
            high, last = nxt[0], nxt[1] - 1
        if self.noun(last + 1) in ("0", "1", "2") or (
            self.norm(last + 1) == "من" and self.noun(last + 2) is not None
        ):
            last += 1
        elif (cue := self.cue_at(last + 1)) is not None and cue.role == "count":
            last = cue.last  # راح ضحيتها 67 قتيلا: the counted noun is part of the count
        return Count(i, last, low, low, high)

    def number_ends_before(self, i: int) -> int | None:
        """The first token of an unclaimed number right before ``i`` (or before من/بين)."""
        k = i - 1
        if self.norm(k) in ("من", "بين"):
            k -= 1
        for start in range(max(0, k - 4), k + 1):
            parsed = self.numbers.get(start)
            if parsed is not None and parsed[1] == k + 1 and start not in self.claimed:
                return start
        return None

    def count_after(self, j: int, *, window: int, numbers_only: bool = False) -> Count | None:
        """The count a cue ending before ``j`` reports."""
        skipped = 0
        fallback: Count | None = None
        plural_subject = False  # اغتال مسلحون مجهولون عنصرا: the object comes after
        k = j
        while k < len(self.tokens) and skipped <= window:
            norm = self.norm(k)
            if k in self.masked:
                k += 1
                continue
            if norm in COMMA and window > 0 and ({k - 1, k + 1} & self.masked):
                k += 1  # اغتال مسلحون، اليوم، قياديا: commas around a date do not end it
                continue
            if norm in QUOTES:
                k += 1
                continue
            if norm in STOP or norm in COMMA:
                break
            after_mod = self.skip_modifier(k)
            if after_mod != k:
                k = after_mod
                continue
            if self.has_role(k, "filler"):  # قتل فيه شخص: فيه does not stand between
                k += 1
                continue
            if norm in _BETWEEN or (norm == "ما" and self.norm(k + 1) == "بين"):
                k += 1 if norm in _BETWEEN else 2
                continue
            count = self.number_at(k)
            if count is not None:
                return count
            if numbers_only:
                if self.cue_at(k) is not None:
                    break
                skipped += 1
                k += 1
                continue
            # Words for people count only right after the cue (مقتل جندي); further
            # on they are the verb's subject or another clause's words.
            near = skipped <= 1
            if near and norm in ("احد", "احدي") and self.norm(k + 1) not in ("عشر", "عشره"):
                return Count(k, k, 1, 1, 1)
            # After a verb the subject may stand first (أعدم تنظيم داعش شابا): a
            # singular person-noun further on is then the object, the one killed.
            noun = self.noun(k) if skipped == 0 or plural_subject or (
                window > 0 and self._vso_object(j, k)) else None
            if noun in ("1", "2"):
                # قتل مسلح 38 سائحا: the noun is the subject, the number the dead.
                if (obj := self.number_at(k + 1)) is not None and window > 0:
                    return obj
                value = int(noun or 0)
                return Count(k, k, value, value, value)
            if noun in ("0", "2") and (after := self._number_adjective(k)) is not None:
                return after  # مقتل عسكريين تركيين اثنين: "two" follows the noun
            if noun == "0" and fallback is None:
                # ``مقتل مدنيين``: a sound plural with no number is spelt as the dual
                # (مدنيَّين، مدنيِّين): two or more, so ACLED's lowest credible figure is
                # 2 and 3 the high one (dev snn-5fc7a88b6bb0, dev3 snn-f54fe2c148c2, the
                # coders' minimal dual). A broken plural (``عناصر``) is 3.
                dual = NO_NUMBER - 1 if norm.endswith("ين") else NO_NUMBER
                fallback = Count(k, k, dual, dual, NO_NUMBER)
                plural_subject = window > 0
            elif near and self.has_role(k, "partitive") and fallback is None:
                fallback = Count(k, k + 1 if self.norm(k + 1) == "من" else k,
                                  NO_NUMBER, NO_NUMBER, NO_NUMBER)
            if self.cue_at(k) is not None or (norm.startswith("و") and len(norm) > 3):
                break
            if fallback is not None and window == 0:
                break
            skipped += 1
            k += 1
        return fallback

    def _number_adjective(self, k: int) -> Count | None:
        """One or two told after a person-noun, as Arabic puts them (``عسكريين تركيين
        اثنين``، ``مقاتلين اثنين``): the count of the noun at ``k``, past one relative
        adjective. Higher numbers stand before their noun and are read there."""
        m = k + 1
        if self._adjective(m):
            m += 1
        parsed = self.numbers.get(m)
        if parsed is None or m in self.claimed or parsed[0] > 2 or not self.norm(m).startswith(
                _SMALL_NUMBER_WORDS):
            return None
        value = parsed[0]
        return Count(k, parsed[1] - 1, value, value, value)

    def _vso_object(self, j: int, k: int) -> bool:
        """Whether tokens ``j..k-1`` after a verb read as its subject (a named
        actor: التنظيم، قوات النظام، تنظيم داعش), so a person-noun at ``k`` is
        the object. People-nouns, numbers and prepositions in between are not a
        subject: the noun at ``k`` then belongs to another phrase."""
        if not 0 < k - j <= 3:
            return False
        return all(
            self.noun(x) is None and self.number_at(x) is None
            and not self.has_role(x, "preposition") and not self.norm(x).startswith("و")
            for x in range(j, k)
        )

    def counts_before(self, i: int) -> list[Count]:
        """Counts standing before a verb, nearest first.

        ``20 عنصرا من قسد قتلوا`` gives 20; coordinated subjects all count
        (``35 متمردا وعشرة من رجال المقاومة سقطوا قتلى`` gives 10 and 35). A
        number further than a few words back counts only when people follow it.
        """
        out: list[Count] = []
        if self.has_role(i - 1, "preposition"):
            return out  # في قتل أسد: a noun after a preposition has no subject before it
        k, seen, reach = i - 1, 0, 0
        if self.norm(k) in _DUAL_RELATIVES:
            # الشرطيين اللذين قتلا: a dual pronoun stands for two people named before it,
            # whatever the noun's form (-يين reads as a plural). A singular or plural one
            # (الجندي الذي قتل، الجنود الذين قتلوا) names dead told already: no count.
            bare = self.norm(k - 1)[2:] if self.norm(k - 1).startswith("ال") else self.norm(k - 1)
            if nouns().get(bare) not in (None, "x") and k - 1 not in self.claimed:
                return [Count(k - 1, k - 1, 2, 2, 2)]
            return out
        while k >= 0 and seen <= _FAR_BACK_WINDOW:
            norm = self.norm(k)
            if norm in STOP or norm in COMMA or k in self.claimed or self.cue_at(k) is not None:
                break
            conj = k not in self.numbers and k in self.conj_numbers
            if self.has_role(k - 1, "subset") and (
                    k in self.numbers or conj or self.noun(k) in ("1", "2")):
                # 57 مدنيا بينهم 12 طفلا وست نساء قتلوا: the counts after بينهم are
                # parts of the total told before it, which the verb reports.
                out = []
                k, seen = k - 2, seen + 2
                reach = seen
                continue
            if k in self.numbers and self._adjective_one(k):
                pass  # ثمانية أشخاص من أسرة واحدة قتلوا: "one" describes the family
            elif (norm in _SUBJECT_OPENERS and seen > 1
                  and self.noun(k + 1) in ("1", "2") and k + 1 not in self.claimed):
                # أن ضابطي صف … قتلا: the clause's subject, told first, is
                # the one the verb at its end reports killed.
                value = int(self.noun(k + 1) or 0)
                out.append(Count(k + 1, k + 1, value, value, value))
                break
            elif k in self.numbers or conj:
                count = self.number_at(k, conj=conj)
                end = (self.conj_numbers if conj else self.numbers)[k][1]
                people = self.noun(end) in ("0", "1", "2") or self.norm(end) == "من"
                # The distance counts from the verb, or from the count coordinated after
                # this one (25 حوثيا و10 من رجال المقاومة سقطوا قتلى).
                if count is None or (seen - reach > _BACK_WINDOW and not people):
                    break
                low_first = None if conj else self.range_start(k)
                if low_first is not None:  # 35 إلى 40 شخصا لقوا حتفهم
                    low = self.numbers[low_first][0]
                    out.append(Count(low_first, count.last, low, low, count.high))
                    break
                out.append(Count(k, count.last, count.best, count.low, count.high))
                if not conj and self.norm(k - 1) != "و":
                    break  # the first of the coordinated counts
                reach = seen + 1
            elif norm in ("احد", "احدي"):
                out.append(Count(k, k, 1, 1, 1))
                break
            elif self.noun(k) in ("1", "2") and self.number_ends_before(k) is None and (
                    seen == 0 or (seen == 1 and self._adjective(k + 1))) and (
                    self.cue_at(k - 1) is None):  # جثة رجل مقتولا: the body counted him
                # إن شخصا لقي حتفه; إن جنديا تركيا قتل (an adjective between them)
                value = int(self.noun(k) or 0)
                out.append(Count(k, k, value, value, value))
                break
            k -= 1
            seen += 1
        return out

    def _adjective_one(self, k: int) -> bool:
        """``واحد``/``واحدة`` after a noun that names no people (``من أسرة واحدة``،
        ``في يوم واحد``): an adjective of that noun, no count of the dead."""
        return (self.norm(k).startswith("واحد") and k > 0 and self.noun(k - 1) is None
                and k - 1 not in self.numbers and self.cue_at(k - 1) is None
                and not self.has_role(k - 1, "preposition"))

    def _adjective(self, k: int) -> bool:
        """A relative adjective (تركيا، سوريا، أمنيا، عراقيين) after a person-noun:
        no noun, number or cue of its own."""
        return self.norm(k).endswith(("يا", "ي", "يه", "يان", "يين")) and self.noun(k) is None \
            and k not in self.numbers and self.cue_at(k) is None

    def range_start(self, start: int) -> int | None:
        """The first token of the lower bound when the number at ``start`` closes a range.

        ``من 30 إلى 40``, ``30-40`` and ``بين 30 و40``: the number at ``start`` is
        40; returns where 30 starts, or None when there is no range.
        """
        joiner = self.norm(start - 1)
        if joiner not in ("الي", "-", "–", "و"):
            return None
        lower = self.number_ends_before(start - 1)
        if lower is None or (joiner == "و" and self.norm(lower - 1) != "بين"):
            return None
        return lower if self.numbers[lower][0] < self.numbers[start][0] else None

    def claimed_before(self, i: int) -> bool:
        """Whether the number before a counted noun already has a cue (راح ضحيتها 67 قتيلا)."""
        k = i - 1
        if self.norm(k) in ("من", "بين"):
            k -= 1
        return k in self.claimed


