"""A cheap language guess: is this article English, and if not, what language is it in?

parley analyses English only. A Russian line inside an English page must not flag the
page, so the guess is made over the whole clean body: first by the share of each script
among its letters (Cyrillic, Arabic, CJK, ...), then, for Latin text, by which language's
function words are most common among its words.
"""

from __future__ import annotations

import re
from collections import Counter

_WORD = re.compile(r"[^\W\d_]+")
_FUNCTION_WORDS = {
    "en": "the of and to in a is that for on with as by it was at from he said are be has have not this "
          "an his they were will but which its their who would been had or",
    "fr": "le la les des et est une un du en que qui pour dans pas sur au avec il elle ce sont ont aux",
    "es": "el la los las de que y en un una por con para es del se al lo como su sus pero fue",
    "de": "der die das und ist nicht ein eine zu den mit von dem sich des auf für im auch es sie wird",
    "it": "il lo la gli le di che è e un una per con del della non sono anche nel alla si",
    "pt": "o a os as de que e em um uma do da dos das para com não por se ao mais foi",
}
_SETS = {code: frozenset(words.split()) for code, words in _FUNCTION_WORDS.items()}
_SCRIPTS = (("ru", "\u0400", "\u04ff"), ("ar", "\u0600", "\u06ff"), ("zh", "\u4e00", "\u9fff"),
            ("ja", "\u3040", "\u30ff"), ("ko", "\uac00", "\ud7af"), ("he", "\u0590", "\u05ff"),
            ("el", "\u0370", "\u03ff"))  # first and last character of each script's block


def guess_language(text: str) -> str | None:
    """An ISO 639-1 code ("en", "ru", "fr", ...), "und" for unknown text, None if too short."""
    sample = text[:20000]
    chars = Counter(sample).items()  # each distinct character asked once
    letters = sum(n for c, n in chars if c.isalpha())
    if letters < 20:
        return None
    for code, first, last in _SCRIPTS:
        if sum(n for c, n in chars if first <= c <= last) > 0.4 * letters:
            return code
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 15:
        return "en"  # too few words to tell; parley's default
    counts = Counter(words)
    shares = {code: sum(n for w, n in counts.items() if w in s) / len(words) for code, s in _SETS.items()}
    best = max(shares, key=lambda c: shares[c])
    if shares["en"] >= 0.12 and shares["en"] >= 0.8 * shares[best]:
        return "en"
    return best if shares[best] >= 0.12 else "und"
