"""Who said a quotation: the cue next to it, then the cues of its sentence.

Looks, in order, right after the closing mark (`," Putin said`, `," said Gen. Anatoly
Kvashnin`, `?" Putin asked`), right before the opening mark (`Kvashnin said, "`,
`telling reporters, "`, `X was quoted as saying "`), then at every other cue of the
sentence, nearest first ("Darran said it was "shameful" that …", "according to X").
Quotes are masked out of the text first, so a verb inside a quotation never attributes it.
A quote with no cue in its sentence is left to the neighbourhood rules of ``steps``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..actors.names import DESCRIBED_KIND, NOT_NAMES, ORG_WORDS, TITLE_WORDS, is_capitalised
from ..actors.resolve import Resolved, Resolver, head_name, is_abbreviation
from .cues import CUE_RX, LABEL_FORMS, OUTLET_RX, SPEECH_FORMS, cue_matches, medium
from .phrases import Phrase, sentence_subject, subject_after, subject_before

MASK = "\x1f"
_LEAD = re.compile(r"[\s,.!?;:—–\-…]*")
_QUOTED_AS = re.compile(r"\bquot(?:ed|es|ing)\s+(.{1,80}?)\s+as\s+(?:saying|telling|stating|asking)\b")
_BE_BEFORE = re.compile(r"(?:\b(?:was|were|is|are|been|be)|’s|'s|’re|'re)\s+$")
_AND_BEFORE = re.compile(r"\b(?:and|but|or)\s*$")
_WAS_QUOTED = re.compile(r"\b(?:was|were|is|are|has been|had been)\s+quoted\b")
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+")
_BREAK = re.compile(rf"[.!?;](?=\s)|{MASK}")


@dataclass
class Attribution:
    """A speaker found for a quote, with the cue, the medium and where the phrase is."""

    speaker: Resolved | None
    cue: str | None = None
    medium: str | None = None
    phrase: Phrase | None = None
    how: str = ""


def mask_quotes(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with every quotation (marks included) replaced by MASK characters, offsets kept."""
    chars = list(text)
    for a, b in spans:
        for i in range(a, min(b + 1, len(chars))):
            chars[i] = MASK
    return "".join(chars)


def attribute(masked: str, open_at: int, close_at: int, sent_start: int, sent_end: int, para_end: int,
              resolver: Resolver, full_stop: bool = False) -> Attribution | None:
    """The speaker of the quote whose marks are at ``open_at``/``close_at``.

    ``full_stop`` says the quotation ends with a full stop inside its marks: then the
    words after it start a new sentence and cannot attribute it ("?" and "!" can:
    `"Why should we?" Putin asked`).
    """
    finders = (_dashed, _right_before, _in_sentence) if full_stop else (_right_after, _right_before, _in_sentence)
    for finder in finders:
        found = finder(masked, open_at, close_at, sent_start, sent_end, para_end, resolver)
        if found is not None:
            found.medium = medium(masked[sent_start:sent_end].replace(MASK, " "))
            return found
    return None


_DASHED = re.compile(r"\s*[―—–]\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3})")


def _dashed(masked: str, open_at: int, close_at: int, sent_start: int, sent_end: int, para_end: int,
            resolver: Resolver) -> Attribution | None:
    """A signature after the closing mark: `" ― Ana Ruiz`."""
    dashed = _DASHED.match(masked, close_at + 1)
    if dashed is None:
        return None
    phrase = Phrase(dashed.start(1), dashed.end(1), dashed.group(1).rstrip("."))
    who = _speaker(phrase, resolver, 3)
    return Attribution(who, "―", None, phrase, "dash") if who is not None else None


def _right_after(masked: str, open_at: int, close_at: int, sent_start: int, sent_end: int, para_end: int,
                 resolver: Resolver) -> Attribution | None:
    """`," Putin said` / `," said Putin` / `?" he asked` / `" ― Ana Ruiz` just after the closing mark."""
    signed = _dashed(masked, open_at, close_at, sent_start, sent_end, para_end, resolver)
    if signed is not None:
        return signed
    lo = _LEAD.match(masked, close_at + 1).end()
    window_end = min(para_end, lo + 160)
    hi = _break(masked, lo, window_end)
    found = cues(masked, lo, hi)
    if not found:
        return None
    verb = found[0]
    if verb.start() == lo and verb.group(0).endswith("ing"):
        return None  # `," accusing the EU of …`: a participle of the sentence's own speaker
    if verb.start() == lo:
        if _takes_object(verb.group(0)):
            return None  # `," told Reuters`: the addressee is no speaker
        phrase = subject_after(masked, verb.end(), hi)
        return _make(phrase, verb, masked, resolver, "after-inverted", 3)
    phrase = subject_before(masked, lo, verb.start())
    if phrase is None or not _apposed(masked[lo : phrase.start]):
        return None  # words between the quote and the speaker: not its attribution
    return _make(phrase, verb, masked, resolver, "after", 3, initial=False)


def _apposed(between: str) -> bool:
    """Whether the words between a closing mark and the speaker's name are nothing, or the head of an
    apposition (`" Hale's cousin, state Del. Margit Pell, shouted`)."""
    between = between.strip()
    return not between.strip(",") or (len(between) < 60 and not CUE_RX.search(between) and MASK not in between
                           and bool(re.fullmatch(r"[^.;:!?]*(?:,|\b[A-Z][a-z]{0,3}\.)", between)))


def _right_before(masked: str, open_at: int, close_at: int, sent_start: int, sent_end: int, para_end: int,
                  resolver: Resolver) -> Attribution | None:
    """`Kvashnin said, "` / `telling reporters, "` / `quoted Netanyahu as saying "` before the mark."""
    lo = max(sent_start, open_at - 200)
    verbs = cues(masked, lo, open_at)
    if not verbs:
        return None
    verb = verbs[-1]
    tail = masked[verb.end() : open_at]
    if len(tail) > 90 or _break(masked, verb.end(), open_at) < open_at or CUE_RX.search(tail):
        return None
    return _outer(masked, verb, sent_start, sent_end, resolver) or _subject_of(
        masked, verb, sent_start, sent_end, resolver, "before"
    )


# the clause a cue reports, after at most ten words or comma-enclosed asides ("said during a rally in
# Tula that", "lamented the spokesman, Ivo Darran, before going on to state that")
# (each word ends at a space or a comma, so a long run of letters has one reading, not exponentially many)
_REPORTS = re.compile(r"\s*(?:(?:,[^,\x1f]{0,60},|[\w’'.-]+(?=[\s,]))\s*){0,10}?(?:that\s+|to\s+state\s+that\s+)")


_SUBORDINATE = re.compile(r"\W*(?:(?:and|but|so)\s+)?(?:when|whenever|as|if|after|before|while|since|because|"
                          r"although|though|once|until|unless|in|on|at|during|with|without|despite|amid|"
                          r"following|under|by|for)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,―—–]|--")


def _outer(masked: str, verb: re.Match[str], sent_start: int, sent_end: int,
           resolver: Resolver) -> Attribution | None:
    """The reporter of a chain: in "Medina said that Maduro told him he was ready to "…"" the words
    quoted are Medina's, so the first cue of the sentence speaks when the later one sits in its clause."""
    earlier = [v for v in cues(masked, sent_start, verb.start()) if v.group(0).lower() not in LABEL_FORMS]
    if not earlier or earlier[0].group(0).lower().startswith(("report", "quot")):
        return None  # "Orvik at the Herald reported Velic demanded …": a journalist relays, Velic speaks
    outer = earlier[0]
    opening = _SUBORDINATE.match(masked, sent_start, outer.start())
    if opening is not None and _CLAUSE_BREAK.search(masked, outer.end(), verb.start()):
        return None  # "When Velic noted that …, Lask boasted, “…”", "In a post announcing …, Lask said that
        # …": the first cue opens the sentence inside an adverbial phrase, not in the main clause
    if not _REPORTS.match(masked, outer.end(), verb.start()) and not _subject_starts_after(masked, outer, verb):
        return None
    found = _subject_of(masked, outer, sent_start, sent_end, resolver, "outer")
    return found if found is not None and found.speaker is not None and found.speaker.kind != "media" else None


def _subject_starts_after(masked: str, outer: re.Match[str], verb: re.Match[str]) -> bool:
    """Whether ``verb``'s subject follows ``outer`` directly ("Lask said Velic considered …")."""
    between = masked[outer.end() : verb.start()].lstrip(" ,")  # "Mr. Lask said, a majority … believe"
    return bool(between.strip()) and len(between.split()) <= 6 and "," not in between


def _in_sentence(masked: str, open_at: int, close_at: int, sent_start: int, sent_end: int, para_end: int,
                 resolver: Resolver) -> Attribution | None:
    """Any other cue of the sentence, nearest the quote first; then "according to X"; last the cues of an
    opening adverbial phrase ("With party leaders worried about turnout, Lask is trying a new line: “…”")."""
    verbs = cues(masked, sent_start, sent_end)
    before = [v for v in verbs if v.end() <= open_at][::-1]
    after = [v for v in verbs if v.start() > close_at]
    opening = [v for v in before if _in_opening(masked, sent_start, v, open_at)]
    for verb in [v for v in before if v not in opening] + after:
        found = _cue_speaker(masked, verb, verb in before, sent_start, sent_end, resolver)
        if found is not None:
            return found
    return (_according(masked, sent_start, sent_end, resolver) or _colon(masked, sent_start, open_at, resolver)
            or _possessed(masked, sent_start, open_at, resolver) or _announced(masked, sent_start, open_at, resolver)
            or next(filter(None, (_cue_speaker(masked, v, True, sent_start, sent_end, resolver) for v in opening)),
                    None))


def _cue_speaker(masked: str, verb: re.Match[str], before: bool, sent_start: int, sent_end: int,
                 resolver: Resolver) -> Attribution | None:
    """The speaker of one cue of the quote's sentence: the reporter of its chain, else its subject."""
    found = _outer(masked, verb, sent_start, sent_end, resolver) if before else None
    return found or _subject_of(masked, verb, sent_start, sent_end, resolver, "sentence")


def _in_opening(masked: str, sent_start: int, verb: re.Match[str], open_at: int) -> bool:
    """Whether ``verb`` sits in an adverbial phrase that opens the sentence and closes before the quote."""
    return _SUBORDINATE.match(masked, sent_start, verb.start()) is not None and bool(
        _CLAUSE_BREAK.search(masked, verb.end(), open_at)
    )


_SPEECH_NOUN = re.compile(
    r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})(?:’s|'s)\s+(?:\w+\s+)?(?:claims?|statements?|remarks?|comments?|words|"
    r"assertions?|description|promises?|pledges?|vows?|warnings?|calls?|suggestions?|insistence|arguments?|"
    r"accusations?|charges?|view|position|message|demands?|offer|proposal|tweets?|post)\b[^\x1f.;]{0,80}$"
)


def _possessed(masked: str, sent_start: int, open_at: int, resolver: Resolver) -> Attribution | None:
    """A speech noun's owner: "Velic’s claim that there had been “…”"."""
    m = _SPEECH_NOUN.search(masked, sent_start, open_at)
    if m is None:
        return None
    phrase = Phrase(m.start(1), m.end(1), m.group(1))
    who = _speaker(phrase, resolver, 2)
    return Attribution(who, None, None, phrase, "possessive") if who is not None else None


def _announced(masked: str, sent_start: int, open_at: int, resolver: Resolver) -> Attribution | None:
    """A quote announced by a colon: "President Lask is trying out a new line: “…”"."""
    if not masked[sent_start:open_at].rstrip().endswith(":"):
        return None
    phrase = sentence_subject(masked, sent_start, open_at)
    if phrase is None:
        return None
    who = _speaker(phrase, resolver, 3)
    return Attribution(who, ":", None, phrase, "announced") if who is not None else None


_COLON = re.compile(r"\s*([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})\s*:\s")


def _colon(masked: str, sent_start: int, open_at: int, resolver: Resolver) -> Attribution | None:
    """A headline's speaker before a colon: "Mara Quill: Farmers Anxious …; It's 'in the Soil'"."""
    m = _COLON.match(masked, sent_start, open_at)
    if m is None:
        return None
    phrase = Phrase(m.start(1), m.end(1), m.group(1))
    who = resolver.resolve(phrase.text, phrase.start, salience=2)
    return Attribution(who, ":", None, phrase, "colon") if who is not None and who.kind != "state" else None


_NOUN_BEFORE = frozenset(
    """the a an his her their its our my your this that these those such whose no any some recent latest
    new own public repeated""".split()
)


def cues(masked: str, lo: int, hi: int) -> list[re.Match[str]]:
    """Cue verbs in ``masked[lo:hi]``, without the nouns spelt like them ("Obama's remarks", "the claim")."""
    found, starts = _all_cues(masked)
    k = bisect.bisect_left(starts, lo)
    out = []
    while k < len(found) and found[k].end() <= hi:
        out.append(found[k])
        k += 1
    return out


_CUES_OF: dict[str, tuple[list[re.Match[str]], list[int]]] = {}


def _all_cues(masked: str) -> tuple[list[re.Match[str]], list[int]]:
    """Every cue verb of an article's masked text, found once (the steps ask for many ranges of it)."""
    cached = _CUES_OF.get(masked)
    if cached is None:
        found = []
        for m in cue_matches(masked):
            before = masked[max(0, m.start() - 25) : m.start()].split()
            prev = before[-1].lower() if before else ""
            if prev in _NOUN_BEFORE or prev.endswith(("’s", "'s", "s’")) or _no_speech(masked, m):
                continue
            found.append(m)
        cached = (found, [m.start() for m in found])
        _CUES_OF.clear()  # one article at a time
        _CUES_OF[masked] = cached
    return cached


_NOT_SPEECH_AFTER = frozenset("to as with into for a an its their his her our by at from up until".split())
_CONTINUE = frozenset(f for f, lemma in SPEECH_FORMS.items() if lemma in ("continue", "go on", "add"))
_NOT_BARE = NOT_NAMES | ORG_WORDS  # made once, not per speaker


def _no_speech(masked: str, verb: re.Match[str]) -> bool:
    """"Norway continues as facilitator", "added to the tension": these verbs speak only before a
    clause, a quote or a speaker, never before a preposition or an object."""
    if verb.group(0).lower() not in _CONTINUE:
        return False
    nxt = masked[verb.end() : verb.end() + 12].split(maxsplit=1)
    return bool(nxt) and nxt[0].lower() in _NOT_SPEECH_AFTER


def _break(masked: str, lo: int, hi: int) -> int:
    """Where the clause starting at ``lo`` ends: a sentence stop (not "Gen.") or a quote."""
    for m in _BREAK.finditer(masked, lo, hi):
        if m.group() == MASK:
            return m.start()
        word = masked[max(lo, m.start() - 12) : m.start() + 1].split()
        if not word or not is_abbreviation(word[-1]):
            return m.start() + 1
    return hi


def _subject_of(masked: str, verb: re.Match[str], sent_start: int, sent_end: int, resolver: Resolver,
                how: str) -> Attribution | None:
    """The speaker of one cue verb: its subject, the object of "quoted X as saying", or inverted."""
    quoted = _QUOTED_AS.search(masked, max(sent_start, verb.start() - 100), verb.end())
    if quoted is not None and verb.group(0).lower() in ("saying", "telling", "stating", "asking"):
        phrase = subject_after(masked, quoted.start(1), quoted.end(1))
        passive = _WAS_QUOTED.search(masked, max(sent_start, quoted.start() - 12), quoted.start() + 6)
        if phrase is None and passive is not None:  # "Darran was quoted on Monday as saying"
            phrase = subject_before(masked, sent_start, passive.start())
        return _make(phrase, verb, masked, resolver, how + "-quoted", 2)
    lead = masked[sent_start : verb.start()]
    if verb.group(0).endswith("ing") and not _BE_BEFORE.search(lead):
        phrase = _participle_subject(masked, sent_start, verb.start(), sent_end)
        return _make(phrase, verb, masked, resolver, how + "-participle", _salience(masked, sent_start, phrase))
    stop = _WAS_QUOTED.search(masked, max(sent_start, verb.start() - 40), verb.start())
    end = stop.start() if stop else verb.start()
    phrase = subject_before(masked, sent_start, end)
    if phrase is None and not lead.strip(" ,\x1f"):
        inverted = verb.group(0)[0].isupper() or lead.rstrip(" ,").endswith(MASK)  # "Said Darran: …", `"…," said X`
        if inverted and not _takes_object(verb.group(0)):
            return _make(subject_after(masked, verb.end(), sent_end), verb, masked, resolver, how + "-inverted", 3)
        return None
    if _AND_BEFORE.search(masked[sent_start:end]):  # "… sponsored by NBC and said she …"
        phrase = _participle_subject(masked, sent_start, end, sent_end)
    if phrase is None and masked[sent_start:end].rstrip().endswith((",", MASK)):
        if _takes_object(verb.group(0)):
            return None  # `…, told Reuters`: the addressee is no speaker
        phrase = subject_after(masked, verb.end(), sent_end)  # `…, said the minister`
        return _make(phrase, verb, masked, resolver, how + "-inverted", 3)
    return _make(phrase, verb, masked, resolver, how, _salience(masked, sent_start, phrase))


_OPENING = re.compile(r"^\W*(?:(?:[\w’'-]+\s+){0,6}[\w’'-]+\s*,\s*(?:however\s*,\s*)?)?\W*$")


def _salience(masked: str, sent_start: int, phrase: Phrase | None) -> int:
    """3 when the speaker opens the sentence (the main clause speaks), 1 inside a reported clause, else 2."""
    if phrase is None:
        return 2
    lead = masked[sent_start : phrase.start]
    if _OPENING.match(lead):
        return 3
    return 1 if cues(masked, sent_start, phrase.start) else 2


def _takes_object(verb: str) -> bool:
    """Verbs whose next noun is the addressee or the thing named, never an inverted speaker."""
    return verb.lower() in ("tell", "tells", "told", "telling") or verb.lower() in LABEL_FORMS


def _participle_subject(masked: str, lo: int, hi: int, end: int | None = None) -> Phrase | None:
    """The subject a participial cue hangs on: the sentence subject, or the last cue's subject.

    A participle that opens the sentence ("After saying her foot was “…,” she was taken …") hangs
    on the subject after it, up to ``end``.
    """
    if end is not None and re.fullmatch(r"\W*(?:After|Before|While|When|Upon|Since|On|In)?\s*", masked[lo:hi]):
        return sentence_subject(masked, lo, end)
    named = subject_before(masked, lo, hi)
    if (named is not None and named.end == len(masked[:hi].rstrip()) and not named.pronoun and head_name(named.text)
            and all(w[:1].isupper() or w.lower().strip(".") in TITLE_WORDS for w in named.text.split())):
        return named  # "footage of Amara Velic asking, …": the name the participle follows
    verbs = [m for m in cues(masked, lo, hi) if not m.group(0).endswith("ing")]
    if verbs:
        phrase = subject_before(masked, lo, verbs[-1].start())
        if phrase is not None:
            return phrase
    return sentence_subject(masked, lo, hi)


def _according(masked: str, lo: int, hi: int, resolver: Resolver) -> Attribution | None:
    for m in _ACCORDING.finditer(masked, lo, hi):
        phrase = subject_after(masked, m.end(), hi)
        if phrase is None or OUTLET_RX.search(phrase.text):
            continue
        issued = _ISSUED_BY.match(masked, phrase.end, hi)
        if issued is not None:  # "according to a statement issued by the Secretariat for Peace Dialogue"
            phrase = Phrase(phrase.start, issued.end(), masked[phrase.start : issued.end()])
        who = _speaker(phrase, resolver, 2)
        if who is not None and who.kind != "media":
            return Attribution(who, "according to", None, phrase, "according")
    return None


_ISSUED_BY = re.compile(r"\s+(?:issued|released|published|signed|put\s+out)?\s*(?:by|from)\s+[^.;,\x1f]+")


def _make(phrase: Phrase | None, verb: re.Match[str], masked: str, resolver: Resolver,
          how: str, salience: int, initial: bool | None = None) -> Attribution | None:
    if phrase is None:
        return None
    who = _speaker(phrase, resolver, salience, salience == 3 if initial is None else initial)
    if who is None:
        return None
    if who.kind == "media" and verb.group(0).lower() in ("quoted", "quotes", "quoting"):
        # `"…," Haaretz quoted.`: an outlet relays someone it does not name here
        unnamed = Resolved(phrase.text, None, "anonymous", None)
        return Attribution(unnamed, cue_text(masked, verb), who.name, phrase, how)
    return Attribution(who, cue_text(masked, verb), None, phrase, how)


def _speaker(phrase: Phrase, resolver: Resolver, salience: int = 2, initial: bool = False) -> Resolved | None:
    """The actor a speaker phrase names; a lone unknown name in a speaker slot is a person.

    A pronoun that resolves is remembered where it stands, so that the next "he said"
    can follow the chain ("Barak said … he said … "…," he said").
    """
    if phrase.pronoun:
        gender = {"he": "m", "she": "f"}.get(phrase.pronoun)
        who = resolver.pronoun(phrase.pronoun, phrase.start, initial=initial)
        who = who if who is None or who.gender != "p" or phrase.pronoun == "they" else None
        who = who or (
            resolver.last_person(phrase.start, gender) if gender else None
        )
        return resolver.remember(who, phrase.start, salience) if who is not None else None
    who = resolver.resolve(phrase.text, phrase.start, salience=salience, together=True)
    if who is not None:
        return who
    word = phrase.text.strip().removesuffix("’s").removesuffix("'s")
    if " " not in word and is_capitalised(word) and word.lower() not in _NOT_BARE:
        return resolver.introduce(word, phrase.start)
    return None


def speaker_of(phrase: Phrase, resolver: Resolver) -> Resolved | None:
    """The actor a phrase names (pronouns resolved; an unknown lone word is nobody), for the neighbourhood rules."""
    if phrase.pronoun:
        return _speaker(phrase, resolver, 1)
    return resolver.resolve(phrase.text, phrase.start, salience=1, together=True)


def meet_speakers(masked: str, sentences: list[tuple[int, int]], resolver: Resolver) -> None:
    """Resolve the speaker of every cue of the article in text order, before any quote.

    Attribution of a quote then sees who spoke before it, pronouns included ("Nevertheless,
    he said …" makes Barak the speaker a later "he said" points at).
    """
    for start, end in sentences:
        _described_subject(masked, start, end, resolver)
        for issued in _ISSUED_A.finditer(masked, start, end):  # "the Security Council issued a statement"
            phrase = subject_before(masked, start, issued.start())
            who = _speaker(phrase, resolver, 1) if phrase is not None else None
            if who is not None and who.kind != "anonymous":
                resolver.issued(who, issued.start())
        for verb in cues(masked, start, end):
            found = _subject_of(masked, verb, start, end, resolver, "meet")
            if found is not None and found.speaker is not None and found.phrase is not None:
                resolver.spoke(found.speaker, found.phrase.start)
            if found is not None and found.speaker is not None and _IN_STATEMENT.search(masked, start, end):
                resolver.issued(found.speaker, verb.start())  # "the junta said in a statement": a later
                # "the statement said" is the junta's


def _described_subject(masked: str, start: int, end: int, resolver: Resolver) -> None:
    """A sentence opened by a description of someone named before ("On Thursday, the Chilean
    ambassador defended …") names them as its subject, for a "he" in the next paragraph."""
    phrase = sentence_subject(masked, start, end)
    if phrase is None or not phrase.text.lower().startswith("the ") or MASK in phrase.text:
        return
    if DESCRIBED_KIND.get(phrase.text.split()[-1].lower()) == "person":
        resolver.resolve(phrase.text, phrase.start, salience=1)


_ISSUED_A = re.compile(r"\b(?:issued|released|put\s+out|published)\s+(?:an?|its|their|a\s+joint)\s+(?:\w+\s+){0,2}?"
                       r"(?:statement|communiqu[eé]|declaration)\b")
_IN_STATEMENT = re.compile(r"\b(?:in|issued|released|published)\s+(?:an?|its|their|his|her)\s+(?:\w+\s+){0,2}"
                           r"(?:statement|communiqu[eé]|declaration)\b", re.I)


def cue_text(masked: str, verb: re.Match[str]) -> str:
    """The cue as written: the verb, and for "told"/"telling" its addressee ("told Izvestia")."""
    word = verb.group(0)
    if word.lower() in ("told", "tells", "tell", "telling") or word.lower() in LABEL_FORMS:
        m = re.match(r"\s+((?:the\s+)?(?:[\w’'.-]+\s+){0,3}?(?:[A-Z][\w’'.-]*|reporters|journalists|"
                     r"the\s+\w+|him|her|them|us|me))\b", masked[verb.end() : verb.end() + 60])
        if m and word.lower() not in LABEL_FORMS:
            return f"{word} {m.group(1)}"
    return word
