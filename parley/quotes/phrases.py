"""The speaker phrase next to a cue verb, found by scanning words (no parse).

``subject_before`` walks left from a verb over the words a speaker phrase is made of
(names, titles, descriptions, "of", determiners) and stops at the first word that cannot
belong to it; ``subject_after`` walks right from an inverted cue ("…," said Gen. Ivo
Darran, head of …). Appositions are resolved to the named part: "Peskov, the Kremlin
spokesman, said" and "One senator who opposed the bill, Lena Morrow, said" both
give the name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..actors.names import DESCRIBED_KIND, NOT_NAMES, TITLE_WORDS, is_capitalised
from ..actors.resolve import head_name, is_abbreviation
from .cues import ADVERBS, ALL_FORMS, INTERJECT, WEEKDAYS

SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it"})
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "them": "they"}  # "quoted him as saying"
DETERMINERS = frozenset("the a an one another two three four several some many its his her their our this".split())
LINKS = frozenset("of for at with from and in to on".split())
MODIFIERS = frozenset(
    """senior top former chief deputy foreign defense defence interior prime vice special military national
    security press state local federal regional western eastern unnamed anonymous other second first new
    longtime ranking retired acting prominent influential presidential executive political rebel opposition
    government legal economic campaign veteran leading outgoing incoming lead assistant associate general
    junior sole main key independent visiting attorney district communications policy research
    intelligence diplomatic health finance justice energy trade transport education public russian
    ukrainian american british french german chinese israeli palestinian iranian""".split()
)
_WORD = re.compile(r"[\w’'.&/-]+|[,()—–]|\n\s*\n")  # a blank line is a token no phrase crosses
_STOP_AFTER = frozenset("who which that when as after before while during because but although".split())
_INTRO = frozenset("""by on in at after before during since for with a an the last this early late earlier
    later yesterday today speaking asked when while as following amid despite according under even once if
    although though because until ahead within throughout shortly soon just weeks days months years hours
    moments minutes""".split())
_TIME_WORDS = frozenset(WEEKDAYS.lower().split("|")) | {"yesterday", "today", "tonight", "earlier", "later"}
# unions made once, not per word
_LEADING_ADVERBS = _TIME_WORDS | ADVERBS
_LINKS_OR_DETERMINERS = LINKS | DETERMINERS
_NOT_NAMES_BUT_THE = NOT_NAMES - {"the"}


@dataclass(frozen=True)
class Phrase:
    """A speaker phrase as written: ``text[start:end]``."""

    start: int
    end: int
    text: str

    @property
    def pronoun(self) -> str | None:
        return self.text.lower() if self.text.lower() in SUBJECT_PRONOUNS else None


def _words(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, lo, hi)]


def ends_sentence(word: str) -> bool:
    """A word with a full stop that is not an abbreviation ("Lavrov." but not "Gen." or "U.S.")."""
    return word.endswith((".", "!", "?")) and not is_abbreviation(word)


def np_word(word: str) -> bool:
    """Whether ``word`` can be part of a speaker phrase."""
    if word.isspace():
        return False
    word = word.rstrip(".!?") if ends_sentence(word) else word
    low = word.lower().strip(".")
    if low in LINKS or low in DETERMINERS or low in MODIFIERS or low in TITLE_WORDS or low in DESCRIBED_KIND:
        return True
    if low.endswith(("’s", "'s")) and (is_capitalised(word) or low[:-2] in DESCRIBED_KIND):
        return True
    if any(c.isdigit() for c in word) and len(word) < 6:
        return True
    if "-" in word and any(is_capitalised(p) for p in word.split("-")):
        return True  # Moscow-based, pro-Kremlin
    return is_capitalised(word) and low not in _NOT_NAMES_BUT_THE


def _adjectives(words: list[tuple[int, int, str]]) -> set[int]:
    """Indices of lower-case words between a determiner and the head noun of a description.

    "the mexican ruler", "one local resident", "the veteran separatist leader": the adjectives
    belong to the speaker phrase although no list names them. The head is the last described
    noun of the lower-case run (a cue verb, a link or a punctuation mark ends the run).
    """
    out: set[int] = set()
    for i, (_, _, w) in enumerate(words):
        if w.lower() not in DETERMINERS:
            continue
        j = i + 1
        while j < len(words) and j - i <= 4 and _adjective(words[j][2]):
            j += 1
        heads = [h for h in range(i + 1, j) if words[h][2].lower() in DESCRIBED_KIND]
        if heads:
            out.update(range(i + 1, heads[-1]))
    return out


def _adjective(word: str) -> bool:
    return (word.isalpha() and word.islower() and word not in _STOP_AFTER and word not in LINKS
            and word not in ALL_FORMS and word not in ADVERBS)


_ISSUED = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+(?:\w+\s+){0,2}(?:statement|communiqu[eé]|declaration)\s+"
                     r"(?:(?:issued|released|signed)\s+)?(?:from|by)\s+[^.;\x1f]+?\s*$")


#: how far before a cue verb its subject phrase may start: far more than any speaker phrase,
#: and a bound, so a sentence of thousands of words with a cue every line stays linear
SUBJECT_REACH = 600


def subject_before(text: str, lo: int, hi: int) -> Phrase | None:
    """The speaker phrase ending just before ``hi`` (where a cue verb starts)."""
    if hi - lo > SUBJECT_REACH:
        lo = max(lo, text.find(" ", hi - SUBJECT_REACH, hi) + 1)  # start on a whole word
    window = text[max(lo, hi - 200) : hi]
    issued = _ISSUED.search(text, max(lo, hi - 200), hi) if ("statement" in window or "communiqu" in window
                                                              or "declaration" in window) else None
    if issued is not None:  # "A joint statement from Harbourline, Portgild and the KNU said": the commas are a list
        return Phrase(issued.start(), issued.start() + len(issued.group().rstrip()), issued.group().rstrip())
    words = _words(text, lo, hi)
    while words and (words[-1][2].lower() in ADVERBS or words[-1][2].lower() in _TIME_WORDS or (
        words[-1][2].endswith("ly") and words[-1][2].islower() and words[-1][2] not in DESCRIBED_KIND
    )):
        words.pop()  # "Putin also said", "Lavrov flatly rejected" (but "Arden's family said")
    words = _drop_interjection(text, words)
    if words and words[-1][2] == ")":
        words = _drop_parenthesis(words)
    if words and words[-1][2] in _DASHES:  # "Jonas Pike, the chief executive -- … -- told me"
        words = _drop_dashed(words)
        if any(w[2] == "," for w in words):
            return _apposition(text, words)
    if len(words) >= 2 and words[-1][2] == "to" and words[-2][2].islower():
        words = words[:-2]  # "Arvani likes to say", "Lask went on to warn"
        while words and words[-1][2].lower() in ADVERBS:
            words.pop()
    if not words:
        return None
    last = words[-1]
    if last[2].lower() in ("who", "which") and len(words) >= 2 and words[-2][2] == ",":
        return _last_conjunct(text, _noun_phrase_left(text, words[:-2]))  # "Stefan Kurelo, who has said …"
    relative = _relative_clause(words)
    if relative is not None:  # "Linda Tolliver, 61, of Brinley, Md., who watched the parade, said"
        return subject_before(text, lo, words[relative][0] + 1)
    pronoun = _pronoun(last[2])
    if pronoun is not None:  # "he", "He’s" (claiming)
        return Phrase(last[0], last[0] + len(pronoun), pronoun)
    if last[2] == ",":
        inner = words[:-1]
        if inner and inner[-1][2] == ")":  # "Margit Pell (D-Port Arden), shouted"
            inner = _drop_parenthesis(inner)
        return _apposition(text, inner)
    return _noun_phrase_left(text, words)


def _last_conjunct(text: str, phrase: Phrase | None) -> Phrase | None:
    """"Anna Vik and Ivo Darran, who joked": the relative clause is the last one's."""
    if phrase is None or " and " not in phrase.text:
        return phrase
    k = phrase.text.rindex(" and ") + len(" and ")
    return Phrase(phrase.start + k, phrase.end, phrase.text[k:])


def _relative_clause(words: list[tuple[int, int, str]]) -> int | None:
    """Index of the comma opening a relative clause that runs to the verb (`X, who watched …, said`)."""
    if len(words) < 4 or words[-1][2] != ",":
        return None
    for k in range(len(words) - 3, 0, -1):
        if words[k][2] == "," and words[k + 1][2].lower() in ("who", "which"):
            return k
    return None


_CONTRACTION = re.compile(r"(?:’|')(?:s|re|ll|d|ve)$", re.I)


def _pronoun(word: str) -> str | None:
    """The subject pronoun a word is, contractions included ("He’s" -> "He"), else None."""
    base = _CONTRACTION.sub("", word)
    return base if base.lower() in SUBJECT_PRONOUNS else None


def _drop_interjection(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop "on Thursday" / "in a statement" between the speaker and the verb."""
    for k in range(max(0, len(words) - 6), len(words)):
        start = words[k][0]
        m = INTERJECT.match(text, start, words[-1][1])
        if m and m.end() >= words[-1][1]:
            return words[:k]
    return words


_DASHES = frozenset(("--", "—", "–"))


def _drop_dashed(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Words before an aside set off by a pair of dashes, the comma before it too."""
    for k in range(len(words) - 2, -1, -1):
        if words[k][2] in _DASHES:
            return words[:k]
    return words


def _drop_parenthesis(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    for k in range(len(words) - 1, -1, -1):
        if words[k][2] == "(":
            return words[:k]
    return words


def _noun_phrase_left(text: str, words: list[tuple[int, int, str]]) -> Phrase | None:
    k = len(words)
    adjectives = _adjectives(words[-6:])
    shift = len(words) - len(words[-6:])
    while k > 0 and (np_word(words[k - 1][2]) or k - 1 - shift in adjectives) and words[k - 1][2] not in ",()":
        if k < len(words) and ends_sentence(words[k - 1][2]):
            break  # "… Lavrov. Kerry said": the sentence before is not part of the phrase
        k -= 1
        if words[k][2].lower() in DETERMINERS and not (
            k >= 2 and words[k - 1][2].lower() in ("of", "for", "at", "from", "with") and np_word(words[k - 2][2])
        ):
            break  # a determiner opens the phrase, unless "Sofia Lind of the Institute …" goes on before it
    while k < len(words) and words[k][2].lower() in LINKS:
        k += 1
    end = len(words)
    while end > k and words[end - 1][2].lower() in LINKS:
        end -= 1
    if k >= end:
        return None
    span = words[k:end]
    if not any(is_capitalised(w) or w.lower().strip(".") in DESCRIBED_KIND for _, _, w in span):
        return None
    return Phrase(span[0][0], span[-1][1], text[span[0][0] : span[-1][1]])


def _apposition(text: str, words: list[tuple[int, int, str]]) -> Phrase | None:
    """`X, Y, said`: the named one of the comma-separated phrases before a verb.

    "Peskov, the Kremlin spokesman," and "One senator who opposed the bill,
    Lena Morrow," both give the name; "Linda Tolliver, 61, of Brinley, Md.," skips the age and
    the place to reach it.
    """
    commas = [i for i, w in enumerate(words) if w[2] == ","]
    if not commas:  # `" David Lind of the Crisis Group, told Reuters`: a stray comma after a name
        named = _noun_phrase_left(text, words) if words else None
        return named if named is not None and head_name(named.text) is not None else None
    candidates: list[Phrase] = []
    complements: list[Phrase] = []
    inner = words[commas[-1] + 1 :]
    inner_np = _noun_phrase_left(text, inner) if inner else None
    if inner and inner[0][2].lower() in ("who", "which", "whose", "where"):
        inner_np = None  # "Helena Sorvik, who met the soldiers, thanked …": the relative clause is no name
    for k in range(len(commas) - 1, max(-1, len(commas) - 5), -1):
        segment = words[(commas[k - 1] + 1 if k > 0 else 0) : commas[k]]
        outer = _noun_phrase_left(text, words[: commas[k]])
        if outer is None and segment and _aside(segment):
            continue  # an age ("59") between commas
        if outer is None:
            break  # "… separatists began, said X": no phrase before the comma, so no apposition
        if _complement(words, outer, segment):
            complements.append(outer)  # "His former partner at Brinley, Tomas Arden,": Brinley is no speaker
            break
        candidates.append(outer)
        opening = next((w[0] for w in segment if w[2].lower() not in LINKS), segment[0][0])
        if outer.start not in (segment[0][0], opening) or not _aside(segment):
            break  # a whole phrase that is not an age or a place: look no further left
    if inner_np is not None and inner_np.start == inner[0][0]:
        candidates.append(inner_np)
    candidates += complements
    named = [c for c in candidates if not _aside_text(c.text) and not _aside_text(text[max(0, c.start - 3) : c.end])]
    for cand in named:
        if head_name(cand.text) is not None:
            return cand
    return (named or candidates)[0] if candidates else None


_PREPOSITIONS = frozenset("at of for with from in on to by".split())


def _complement(words: list[tuple[int, int, str]], phrase: Phrase, segment: list[tuple[int, int, str]]) -> bool:
    """Whether ``phrase`` is the object of a preposition inside a longer description ("partner at Brinley")."""
    k = next((i for i, w in enumerate(words) if w[0] == phrase.start), 0)
    return k > 1 and words[k - 2][0] >= segment[0][0] and words[k - 1][2].lower() in _PREPOSITIONS


def _aside(segment: list[tuple[int, int, str]]) -> bool:
    """An age, a place or a party label between commas: "59", "of Ashton", "Md.", "D-Wis."."""
    return _aside_text(" ".join(w for _, _, w in segment))


def _aside_text(s: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}|of\s+.*|[A-Z][a-z]{0,4}\.|[A-Z]\.[A-Z]\.|[DRI]-[\w. ]+|"
                             r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?,?\s+(?:[A-Z][a-z]{1,3}\.|[A-Z]{2})", s.strip()))


def subject_after(text: str, lo: int, hi: int) -> Phrase | None:
    """The speaker phrase that starts at ``lo`` after an inverted cue ("said Gen. Ivo Darran")."""
    m = INTERJECT.match(text, lo, hi)
    if m:
        lo = m.end()
    words = _words(text, lo, hi)
    while words and words[0][2].lower() in _LEADING_ADVERBS:
        words.pop(0)
    if not words:
        return None
    first = words[0]
    if first[2].lower() in SUBJECT_PRONOUNS:
        return Phrase(first[0], first[1], first[2])
    if first[2].lower() in _OBJECT_PRONOUNS and len(words) == 1:
        return Phrase(first[0], first[1], _OBJECT_PRONOUNS[first[2].lower()])
    k = 0
    adjectives = _adjectives(words[:6])
    while k < len(words) and (np_word(words[k][2]) or k in adjectives) and words[k][2] not in ",()" and (
        words[k][2].lower() not in _STOP_AFTER
    ):
        if k > 0 and words[k][2].lower() in DETERMINERS and words[k - 1][2].lower() not in LINKS:
            break
        k += 1
        if ends_sentence(words[k - 1][2]):
            break
    while k > 0 and words[k - 1][2].lower() in _LINKS_OR_DETERMINERS:
        k -= 1
    if k == 0:
        return None
    span = words[:k]
    if span[-1][2].endswith(("’s", "'s")):
        return None  # "the group’s" needs its noun: "the group’s media outlet" is not the group
    end = span[-1][1] - (1 if ends_sentence(span[-1][2]) else 0)
    phrase = Phrase(span[0][0], end, text[span[0][0] : end])
    if head_name(phrase.text) is None and k < len(words) and words[k][2] == ",":
        named = subject_after(text, words[k][1], hi)  # "the spokesman of the presidency, Dmitry Peskov,"
        if named is not None and head_name(named.text) is not None and not named.pronoun and (
            re.match(r"\s*(?:[,.;:!?(\x1f—–]|$)", text[named.end : hi])  # an apposition, not the next clause's
        ):  # subject ("According to a spokesman, the group’s leader Baradar met …")
            return named
    return phrase


def _after_quote(text: str, words: list[tuple[int, int, str]]) -> int | None:
    """Index of the last word before the first quotation (masked) of ``words``, if one comes early."""
    for i, (a, b) in enumerate(zip(words[:14], words[1:15], strict=False)):
        if "\x1f" in text[a[1] : b[0]]:
            return i
    return None


def _skip_intro(text: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The words after an introductory phrase ("During a long speech earlier in the day,"), if one opens them."""
    reach = 8 if words and words[0][2].lower() in DETERMINERS else 20
    intro = _first_comma(words[:reach])
    if intro is None and words and words[0][2].lower() in _INTRO:
        intro = _after_quote(text, words)  # "After saying her foot was “…,” she was …": the quote ends the intro
    if intro is not None and words[0][2].lower() in _INTRO:
        rest = words[intro + 1 :]
        if len(rest) >= 2 and re.fullmatch(r"\d{4}", rest[0][2]) and rest[1][2] == ",":
            return rest[2:]  # "On July 6, 2015, Lena Morrow …": the year is the date's, not the subject
        return rest
    return words


def _first_comma(words: list[tuple[int, int, str]]) -> int | None:
    """Index of the first comma outside brackets ("in Vellmoor (Arden province, north), the envoy")."""
    depth = 0
    for i, w in enumerate(words):
        if w[2] == "," and depth <= 0:
            return i
        depth += w[2].count("(") - w[2].count(")")
    return None


def sentence_subject(text: str, lo: int, hi: int) -> Phrase | None:
    """The phrase a sentence opens with, when it names someone (for participles: "…, telling reporters")."""
    words = _words(text, lo, hi)
    k = 0
    while k < len(words) and words[k][2].lower().rstrip(",") in ("but", "and", "however", "meanwhile", "still",
                                                                   "yet", "so", "also", "instead", "then"):
        k += 1
    if k < len(words) and words[k][2] == ",":
        k += 1
    words = _skip_intro(text, words[k:])
    if words and words[0][2].lower() in _INTRO:  # "On Thursday, after a forum in the city, the envoy …"
        words = _skip_intro(text, words)
    if not words:
        return None
    pronoun = _pronoun(words[0][2])
    if pronoun is not None:
        return Phrase(words[0][0], words[0][0] + len(pronoun), pronoun)
    n = 0
    adjectives = _adjectives(words[:6])
    while n < len(words) and (np_word(words[n][2]) or n in adjectives) and words[n][2] not in ",()":
        n += 1
    while n > 0 and words[n - 1][2].lower() in _LINKS_OR_DETERMINERS:
        n -= 1
    if n == 0:
        return None
    return Phrase(words[0][0], words[n - 1][1], text[words[0][0] : words[n - 1][1]])
