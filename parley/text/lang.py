"""A cheap language guess: is this article English, and if not, what script is it in?

parley analyses English only. A Russian line inside an English page must not flag the
page, so the guess is made over the whole clean body, by the share of English function
words among its words and the share of each script among its letters.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
_EN = frozenset(
    "the of and to in a is that for on with as by it was at from he said are be has have not this "
    "an his they were will but which its their who would been had or".split()
)
_SCRIPTS = (("ru", re.compile(r"[\u0400-\u04ff]")), ("ar", re.compile(r"[\u0600-\u06ff]")),
            ("zh", re.compile(r"[\u4e00-\u9fff]")), ("ja", re.compile(r"[\u3040-\u30ff]")),
            ("ko", re.compile(r"[\uac00-\ud7af]")), ("he", re.compile(r"[\u0590-\u05ff]")))


def guess_language(text: str) -> str | None:
    """"en", a script-based code ("ru", "ar", ...), "und" for other Latin text, None if too short."""
    sample = text[:20000]
    letters = sum(1 for c in sample if c.isalpha())
    if letters < 20:
        return None
    for code, rx in _SCRIPTS:
        if len(rx.findall(sample)) > 0.4 * letters:
            return code
    words = [w.lower() for w in _WORD.findall(sample)]
    if not words:
        return None
    share = sum(1 for w in words if w in _EN) / len(words)
    return "en" if share >= 0.12 or len(words) < 15 else "und"
