"""Articles that recount rather than report: interviews, testimonies and memoirs.

A person's interview with the outlet (``خميس الخنجر لـ «الشرق الأوسط»: ...``), a series of
defectors' testimonies (``شهادات منشقين عن داعش (3 - 4)``) or a writer's memories
(``ذكريات من يوليو``) tell what the speaker lived through, months or years back, mostly
with no day of its own. The coders code only the acts such an article dates (dev2
snn-add22e40aae6: "Interview: ... Other recollections lack a date"); rasd coded every
undated recollection as today's news (issue 14: dev4 snn-83b9fb9fd680 5 predictions,
snn-9fbc6b655fa7 6, snn-dd1a737ba517 2; dev3 snn-82277c55ebaa 1, the battle of El Alamein;
dev2 snn-add22e40aae6 2).

The article is told by its title: a word of testimony or memory (cue kind
``recollection`` of ``extract_cues.tsv``), or the interview form, a speaker's words to
the outlet (``لـ «outlet»:``، ``للوئام:``) confirmed by the body (the word ``حوار``, cue
kind ``interview``, or questions put to the speaker): a source quoted in a headline
(``مصدر لـ«عكاظ»: ...``) over a news report does not make it an interview.
"""

from __future__ import annotations

import re

from rasd.clean.analysis import Analysis, tokenize
from rasd.extract.lexicon import Lexicon
from rasd.models import Document

# The speaker's words to the outlet, before the colon that opens the quote: the outlet
# in quotes after ل (``لـ «الشرق الأوسط»:``، ``لـ "سبق":``) or glued to لل (``للوئام:``).
_TO_OUTLET = re.compile(
    r"(?:^|\s)(?:لـ*\s*[«\"“][^»\"”:\n]{2,30}[»\"”]|لل[^\s:«»\"“”]{2,15})\s*:")
# Questions put to the speaker: an interview's body has several (dev2 snn-add22e40aae6
# has 15, dev4 snn-dd1a737ba517 31; a news report rarely more than one).
INTERVIEW_QUESTIONS = 3
_QUESTION = re.compile(r"[؟?]")


def recounting(doc: Document, analysis: Analysis, lex: Lexicon) -> bool:
    """Whether the article is an interview, testimony or memoir (module doc).

    The body is read through the document's analysis (the sentences' tokens the walk has
    already made), not tokenised again; only the title, which the analysis does not
    hold, is tokenised here."""
    title = doc.title or ""
    if not title:
        return False
    words = tokenize(title)
    if any(lex.cue("recollection", t, words) for t in words):
        return True
    if not _TO_OUTLET.search(title):
        return False
    if len(_QUESTION.findall(analysis.text)) >= INTERVIEW_QUESTIONS:
        return True
    for sentence in analysis.sentences:
        tokens = analysis.tokens(sentence)
        if any(lex.cue("interview", t, tokens) for t in tokens):
            return True
    return False
