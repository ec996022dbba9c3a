// Highlighting of an Arabic evidence sentence: actors, place, trigger words and numbers.
// The server sends folded token lists per kind; words are matched here after the same
// folding and with proclitics stripped. Output is DOM nodes built with textContent only:
// the sentence is article text and may carry markup.
"use strict";
(function () {
  const FOLD = { "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ئ": "ي", "ة": "ه", "ؤ": "و" };
  const MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/;
  const WORD = /[\u0621-\u064A\u0660-\u0669\u06F0-\u06F9\u0610-\u061A\u064B-\u065F\u0670\u0640A-Za-z0-9]+/g;
  const NUMBER_WORDS = new Set([
    "واحد", "واحده", "اثنان", "اثنين", "اثنتان", "اثنتين", "ثلاث", "ثلاثه", "اربع", "اربعه",
    "خمس", "خمسه", "ست", "سته", "سبع", "سبعه", "ثماني", "ثمانيه", "ثمان", "تسع", "تسعه",
    "عشر", "عشره", "عشرات", "عشرين", "عشرون", "ثلاثين", "ثلاثون", "اربعين", "اربعون",
    "خمسين", "خمسون", "ستين", "ستون", "سبعين", "سبعون", "ثمانين", "ثمانون", "تسعين",
    "تسعون", "مئه", "مائه", "مئات", "مئتين", "مئتان", "الف", "الاف", "عنصران", "عنصرين",
    "قتيلان", "قتيلين", "شخصان", "شخصين", "مدنيان",
  ]);
  const KINDS = ["actor", "place", "trigger", "number"];

  function fold(word) {
    let out = "";
    for (const ch of word) {
      if (MARKS.test(ch)) continue;
      const code = ch.charCodeAt(0);
      if (code >= 0x0660 && code <= 0x0669) out += String(code - 0x0660);
      else if (code >= 0x06F0 && code <= 0x06F9) out += String(code - 0x06F0);
      else out += FOLD[ch] || ch;
    }
    return out.toLowerCase();
  }

  // A word with its proclitics (و ف, then ب ل ك, then the article) stripped, every way.
  function variants(key) {
    const out = new Set([key]);
    const first = [key];
    if (/^[وف]/.test(key) && key.length > 3) first.push(key.slice(1));
    for (const v of first) {
      out.add(v);
      if (v.startsWith("لل") && v.length > 3) out.add("ال" + v.slice(2));
      for (const p of ["بال", "كال", "لل", "ال", "ب", "ل", "ك"]) {
        if (v.startsWith(p) && v.length - p.length >= 2) out.add(v.slice(p.length));
      }
    }
    return out;
  }

  function tokens(text) {
    const out = [];
    for (const m of text.matchAll(WORD)) {
      const key = fold(m[0]);
      if (!key) continue;
      out.push({ start: m.index, end: m.index + m[0].length, key, vars: variants(key) });
    }
    return out;
  }

  function tokenMatches(termTok, tok) {
    if (termTok.endsWith("*")) {
      const stem = termTok.slice(0, -1);
      for (const v of tok.vars) if (v.startsWith(stem)) return true;
      return false;
    }
    if (tok.vars.has(termTok)) return true;
    return termTok.startsWith("ال") && termTok.length > 3 && tok.vars.has(termTok.slice(2));
  }

  function isNumber(tok) {
    if (/^[0-9]+$/.test(tok.key)) return true;
    for (const v of tok.vars) if (NUMBER_WORDS.has(v)) return true;
    return false;
  }

  // Non-overlapping [start, end, kind] ranges; earlier kinds and longer terms win.
  function ranges(text, terms) {
    const toks = tokens(text);
    const taken = new Array(toks.length).fill(false);
    const out = [];
    for (const kind of ["actor", "place", "trigger"]) {
      for (const term of (terms && terms[kind]) || []) {
        const n = term.length;
        for (let i = 0; i + n <= toks.length; i++) {
          let ok = true;
          for (let j = 0; j < n && ok; j++) ok = !taken[i + j] && tokenMatches(term[j], toks[i + j]);
          if (!ok) continue;
          for (let j = 0; j < n; j++) taken[i + j] = true;
          out.push([toks[i].start, toks[i + n - 1].end, kind]);
        }
      }
    }
    toks.forEach((tok, i) => {
      if (!taken[i] && isNumber(tok)) out.push([tok.start, tok.end, "number"]);
    });
    return out.sort((a, b) => a[0] - b[0]);
  }

  // Append ``text`` to ``container`` with the matches wrapped in <mark class="hl hl-KIND">.
  function render(container, text, terms) {
    let at = 0;
    const counts = {};
    for (const [s, e, kind] of ranges(text, terms)) {
      if (s > at) container.appendChild(document.createTextNode(text.slice(at, s)));
      const mark = document.createElement("mark");
      mark.className = "hl hl-" + kind;
      mark.textContent = text.slice(s, e);
      container.appendChild(mark);
      counts[kind] = (counts[kind] || 0) + 1;
      at = e;
    }
    if (at < text.length) container.appendChild(document.createTextNode(text.slice(at)));
    return counts;
  }

  window.rasdHighlight = { render, ranges, fold, KINDS };
})();
