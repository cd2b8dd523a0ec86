"""Word lists of the signal layer: which sentences can carry a signal, and the cue classes.

The trigger decides which sentences are parsed at all (the parse is the cost to avoid), so
it is broad: any talk of negotiating, meeting, agreeing, proposing, demanding, refusing or
doubting. The cue classes are features for the stance model, not decisions: the model
learns from annotated examples how much each one counts, and in which syntactic position.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import lru_cache


class Phrases:
    """A pattern of lower-case English, searched in lower-cased text.

    ``re.IGNORECASE`` turns off the regex engine's skip to the characters a pattern can start
    with, and these patterns run over every sentence: on lower-cased text without the flag
    they run three to five times faster. A text whose lower-casing changes its length (a few
    letters outside Latin script do) is searched with the flag instead, so that positions
    and offsets stay those of the text. ``lower``: the text already lower-cased (a caller
    that searches one article sentence by sentence lower-cases it once).
    """

    __slots__ = ("rx", "any_case")

    def __init__(self, pattern: str):
        self.rx = re.compile(pattern)
        self.any_case = re.compile(pattern, re.IGNORECASE)

    def _pick(self, text: str, lower: str | None) -> tuple[re.Pattern[str], str]:
        low = text.lower() if lower is None else lower
        return (self.rx, low) if len(low) == len(text) else (self.any_case, text)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize,
               lower: str | None = None) -> re.Match[str] | None:
        """The first match (its text lower-cased) in ``text[pos:endpos]``, or None."""
        rx, target = self._pick(text, lower)
        return rx.search(target, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize,
                 lower: str | None = None) -> Iterator[re.Match[str]]:
        rx, target = self._pick(text, lower)
        return rx.finditer(target, pos, endpos)

    def sub(self, repl: str, text: str) -> str:
        """``text`` lower-cased, with each match replaced by ``repl``."""
        rx, target = self._pick(text, None)
        return rx.sub(repl, target)


TRIGGER = Phrases(
    r"\b(negotiat\w*|talk(?:s|ed|ing)?|dialog(?:ue)?s?|cease-?\s?fires?|truces?|peace\w*|accords?|"
    r"agree\w*|deals?|treat(?:y|ies)|pacts?|summits?|meet\w*|met|mediat\w*|broker\w*|envoys?|delegat\w+|"
    r"discuss\w*|consult\w*|confer\w*|(?:tele)?phone|call(?:s|ed|ing)? (?:on|for)|urg\w+|appeal\w*|"
    r"propos\w+|offer\w*|invit\w+|willing\w*|ready|prepared|open to|refus\w+|reject\w*|rul\w+ out|never|"
    r"demand\w*|insist\w*|condition\w*|unless|until|ransom\w*|concession\w*|releas\w+|swaps?|exchange\w*|"
    r"hostages?|sign\w*|settlement|resolution|diploma\w+|compromis\w+|reconcil\w+|disarm\w*|"
    r"sanctions?|recogni[sz]\w+|contacts?|format|"
    r"host\w*|facilitat\w+|skeptic\w*|sceptic\w*|doubt\w*|unlikely|pointless|"
    r"posturing|optimis\w+|pessimis\w+|cooperat\w+|understanding|arrangement|"
    r"withdraw\w*|lay down|memorandum|protocol|"
    r"communicat\w+|exchang\w+|cessation|initiatives?|suspen[sd]\w*|suspicio\w+|participat\w+|sincer\w+)\b",
)

# Cue classes: each is a feature ("cue=refuse") wherever one of its words is in the sentence,
# and a sharper one ("headcue=refuse") when the word governs the holder or is governed by it.
CUES: dict[str, frozenset[str]] = {
    "talk": frozenset(
        "negotiate negotiation negotiations talk talks dialogue dialog discuss discussion discussions "
        "consult consultation meeting meet summit round format negotiator negotiators delegation "
        "delegations contact contacts communication channel conversation call".split()
    ),
    "truce": frozenset("ceasefire cease-fire truce armistice hostilities peace settlement".split()),
    "deal": frozenset(
        "agreement deal accord treaty pact memorandum protocol understanding declaration swap exchange "
        "release plan roadmap framework arrangement".split()
    ),
    "agree": frozenset("agree sign conclude reach seal strike finalize finalise ink approve endorse".split()),
    "hold": frozenset(
        "hold held meet host attend conduct confer visit arrive gather convene resume continue begin "
        "launch start open chair lead join receive".split()
    ),
    "refuse": frozenset(
        "refuse reject rule never no not nothing neither nor decline dismiss oppose deny boycott "
        "withdraw quit halt suspend break abandon cancel walk sever pull".split()
    ),
    "open": frozenset(
        "ready willing willingness open prepared propose proposal offer invite invitation call urge "
        "appeal welcome want seek hope favour favor support back push encourage ask keen".split()
    ),
    "cond": frozenset(
        "unless until if only condition conditions precondition preconditions demand demands insist "
        "require must first before provided exchange return terms after long".split()
    ),
    "doubt": frozenset(
        "doubt unlikely skeptical sceptical scepticism skepticism pointless posturing bleak pessimistic "
        "optimistic trust sincere sincerity seriousness hardly impossible useless futile stall stalled "
        "deadlock stalemate fail failure believe".split()
    ),
    "mediate": frozenset("mediate mediator mediation broker facilitate host envoy sponsor".split()),
    "say": frozenset(
        "say tell state declare announce add note stress insist warn claim reiterate explain argue "
        "write report quote confirm indicate signal express repeat assert maintain".split()
    ),
}
# Phrases that state a stance outright; matched on the sentence and on the holder's clause.
STANCE_PATTERNS: dict[str, Phrases] = {
    "refuse": Phrases(
        r"\b((?:will|would|could|can|do|does|did|is|are|was|were)(?: not|n't|n’t| never)|won[’']t|never|refus\w*|"
        r"reject\w*|rul\w+ out|no (?:negotiations?|talks|dialogue|deals?|contacts?|concessions?|ransom)|"
        r"why should (?:we|i)|call\w* off|pull\w* out|walk\w* out|boycott\w*|suspend\w*|not possible|"
        r"impossible|out of the question|unacceptable|dismiss\w*|oppos\w+|sever\w*|halt\w*|declin\w+)\b"),
    "conditional": Phrases(
        r"\b(until|unless|only (?:if|after|when|once)|on (?:the )?condition|preconditions?|conditions?|"
        r"demand\w*|insist\w*|must|in exchange for|in return for|as long as|provided|if|first|"
        r"requir\w+|terms|on (?:our|its|their) terms|goals|objectives)\b"),
    "open": Phrases(
        r"\b(ready|willing\w*|open to|prepared to|propos\w+|offer\w*|call\w* (?:for|on)|urg\w+|invit\w+|"
        r"welcom\w+|seek\w*|sought|want\w*|hope\w*|appeal\w*|favou?r\w*|push\w* for|keen|support\w*|"
        r"resum\w+|restart\w*|revive|initiative|declared? a (?:\w+ )?(?:cease-?fire|truce))\b"),
    "engaged": Phrases(
        r"\b(met|meets|meeting|held (?:talks|a meeting|discussions|consultations)|hold\w* talks|"
        r"talks (?:in|with|between)|"
        r"host\w*|attend\w*|phone call|telephone|spoke|discuss\w*|negotiations (?:between|with)|"
        r"round of (?:talks|negotiations)|arriv\w+|mediat\w+|broker\w*|facilitat\w+|led the|delegation|"
        r"conferr\w+|exchang\w+ (?:messages|views)|in contact|contacts)\b"),
    "agreed": Phrases(
        r"\b(agreed|agree(?:s|ment) (?:on|to)|signed|sign(?:s|ing)? (?:an?|the)|reached (?:an? )?(?:agreement|deal|"
        r"understanding|consensus|accord)|struck|clinched|sealed|finali[sz]ed|accord|deal (?:was|has been)|"
        r"swap|exchange (?:took place|of prisoners)|released|ceasefire (?:took|came) into effect)\b"),
    "skeptical": Phrases(
        r"\b(unlikely|doubt\w*|skeptic\w*|sceptic\w*|pessimis\w+|not optimistic|posturing|farce|trick|"
        r"no sign|lack of|not serious|far from clear|setback|pointless|futile|useless|stalled|deadlock\w*|"
        r"stalemate|failed|no progress|without (?:a )?breakthrough|benefit of the doubt|suspicious|"
        r"do(?:es)? not believe|did not believe|not appropriate)\b"),
}
# What a cue word says of the talks it governs, for the holder's own predicate ("polarity"
# features): a verb, adjective or noun of the holder's clause, read with its particle ("call
# off", "rule out", "walk out") or its preposition ("call for", "push for"). Unlike ``CUES``,
# which say what words a sentence has, these say what the holder's own predicate does.
POLAR: dict[str, frozenset[str]] = {
    "refuse": frozenset(
        """refuse refusal reject rejection rebuff spurn shun dismiss decline oppose opposition boycott
        suspend suspension halt cancel cancellation scrap abandon quit freeze veto snub withdraw
        withdrawal walkout sever postpone impossible unacceptable unrealistic""".split()),
    "seek": frozenset(
        """seek want urge propose proposal offer invite invitation welcome hope push press ask appeal
        request plea support back favour favor encourage initiative""".split()),
    "ready": frozenset("ready willing open prepared keen eager readiness willingness possible".split()),
    "hold": frozenset(
        """hold resume continue begin start attend meet host join conduct launch convene restart
        participate visit arrive gather""".split()),
    "agree": frozenset(
        """agree agreement sign conclude seal accept approve clinch finalize finalise ink deal accord
        treaty pact""".split()),
    "cond": frozenset("demand insist require condition precondition".split()),
    "doubt": frozenset(
        """doubt unlikely skeptical sceptical skepticism scepticism distrust pessimism pessimistic farce ploy
        conspiracy trick posturing""".split()),
    "talk": frozenset(
        """negotiate negotiation talk talks dialogue dialog discuss discussion meeting summit
        consultation consult truce ceasefire cease-fire peace""".split()),
    "mediate": frozenset("mediate mediation mediator broker facilitate sponsor".split()),
}
# Ways news writes a doubt that talks are possible, sincere or useful (the ``skeptical``
# stance), read in the holder's own clause or in the quotation it speaks (``features.doubt``).
# Unlike ``STANCE_PATTERNS["skeptical"]`` it leaves out words that report the state of the talks
# ("stalled", "failed", "setback") rather than someone's doubt, and it reads negated hope and
# belief ("not optimistic", "did not believe", "no intention", "little chance").
_BELIEF = r"(?:believe|think|expect|see|trust)"
_NOT = r"(?:not|n[’']t|never)"
DOUBT = Phrases(
    r"\b(?:unlikely|doubt\w*|dubious|skeptic\w*|sceptic\w*|pessimis\w+|posturing|pointless|futile|useless|"
    r"hopeless|meaningless|fruitless|ploys?|farces?|charades?|shams?|stunts?|gimmicks?|smoke ?screens?|"
    r"tricks?|trickery|(?:a|another) joke|conspiracy|window[- ]dressing|delaying tactics?|buy(?:ing)? time|"
    r"illusions?|illusory|premature|insincer\w*|distrust\w*|mistrust\w*|suspicio\w+|wary|wariness|"
    r"bad faith|(?:lack\w*|absence)(?: of| in)? (?:any |real |genuine |political |the )?"
    r"(?:seriousness|sincerity|credibility|commitment|will|good faith|trust)|"
    r"(?:kill\w*|undermin\w+|damag\w+|destroy\w*|erod\w+|weaken\w*) (?:the |its |their |his |her |any )?"
    r"(?:credibility|confidence|trust)|"
    r"(?:is|are|was|were|am|be|been|seem\w*|appear\w*)(?: not|n[’']t) (?:\w+ )?(?:serious|sincere|genuine|credible|"
    r"optimistic|hopeful|confident|realistic)|"
    r"no (?:real |genuine |serious |great |much )?(?:intention|prospects?|chance|hope|sign|"
    r"illusions?|guarantee|point)|not with the hope|"
    r"(?:little|slim|dim|bleak|poor|remote|scant) (?:hope|chances?|prospects?|likelihood)|"
    r"prospects? (?:\w+ ){0,8}?(?:dim|bleak|poor|remote|slim|lowest|faded?|fading)|"
    r"(?:can|could|should|will|would)(?:not|n[’']t| not| never) be trusted|"
    r"(?:call\w*|brings?|brought|put\w*) into (?:question|doubt)|question\w* (?:whether|if)|"
    r"far from (?:clear|certain|sure)|remains? to be seen|"
    r"(?:do|does|did)(?:n[’']t| not| never) " + _BELIEF + r"|" + _NOT + r" (?:\w+ )?convinced)\b",
)
# Words of a clause that make its refusal or offer one with terms ("not until", "only if",
# "without real reciprocity"); "without (pre)conditions" says the opposite (``polarity``).
CONDITION_WORDS = frozenset("until unless only if without provided condition conditions precondition preconditions "
                            "before demand demands insist require".split())
# A verb and particle (or preposition) that together say the opposite of, or more than, the verb
# alone: "call off" refuses where "call for" seeks; "break off", "pull out", "rule out" refuse.
POLAR_PHRASES: dict[tuple[str, str], str] = {
    ("call", "off"): "refuse", ("rule", "out"): "refuse", ("walk", "out"): "refuse",
    ("pull", "out"): "refuse", ("break", "off"): "refuse", ("back", "out"): "refuse",
    ("walk", "away"): "refuse", ("turn", "down"): "refuse", ("step", "back"): "refuse",
    ("call", "for"): "seek", ("call", "on"): "seek", ("push", "for"): "seek", ("press", "for"): "seek",
    ("ask", "for"): "seek", ("open", "to"): "ready", ("take", "part"): "hold", ("sit", "down"): "hold",
    ("come", "to"): "agree", ("set", "up"): "hold",
}
NEGATIONS = frozenset("not n't never no neither nor without".split())
# Words that negate the predicate they govern: "failed to agree", "unable to meet", "no agreement".
NEGATORS = NEGATIONS | frozenset("fail unable lack".split())
MODALS = frozenset("will would could might may should must can shall".split())

GROUP_NOUNS = frozenset(
    """government governments side sides delegation delegations officials authorities forces army troops
    negotiators diplomats leadership ministry administration regime military leaders team envoys
    representatives cabinet parliament people""".split()
)
ORG_WORDS = frozenset(
    """party front movement army council ministry group organization organisation commission union
    committee forces republic government office agency brigade brigades alliance coalition congress
    assembly authority mission tigers platform federation league junta militia council parliament
    administration department bureau corps court secretariat presidency opposition""".split()
)
NOT_NAMES = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december""".split()
)

# Reason codes (see GUIDELINES.md) from the words that state them.
REASONS: list[tuple[str, Phrases]] = [
    ("terrorism", Phrases(r"\bterror\w*")),
    ("rewards_violence", Phrases(
        r"\b(blackmail\w*|reward\w*|encourag\w+ (?:more |further )?(?:attacks|violence|terror\w*|kidnapp\w+)|"
        r"sign of weakness|look(?:s|ed)? weak|appeasement|concessions? to (?:terror|violence)|deter\w* others|"
        r"more of a target|fund\w* (?:extremis|terror|militan)\w*)")),
    ("no_control", Phrases(
        r"\b(no control|not in control|cannot control|can't control|(?:lacks?|without) (?:any )?authority|"
        r"who (?:would|should|could) we (?:negotiate|talk)|dummy government|radicals|spoilers|"
        r"if they exist at all)")),
    ("legitimacy", Phrases(
        r"\b(legitimi[sz]\w*|legitimacy|dignify|recogni[sz]\w+ (?:them|it|the)|not (?:been )?recogni[sz]ed)")),
    ("commitment", Phrases(
        r"\b(trust\w*|promises?|sincer\w*|posturing|bad faith|good faith|break(?:s|ing)? (?:every|its|his|their)|"
        r"violat\w+|benefit of the doubt|lack of seriousness|not serious|deceiv\w+|lies|lying|word|farce|ploy|"
        r"no (?:real )?intention|(?:no|lack\w*(?: of| in)?) (?:political )?will\b|obstruct\w*|frustrat\w+|sabotag\w+|"
        r"fulfil\w* what)")),
    ("atrocities", Phrases(
        r"\b(war crimes?|atrocit\w+|genocide|massacr\w+|public opinion|bloodshed|loot\w*|being killed|"
        r"kill(?:ing|ed) (?:of )?(?:civilians|citizens|innocent|our)|crimes against)")),
    ("hostility", Phrases(
        r"\b(hostil\w+|enem(?:y|ies)|intransigen\w+|confrontation\w*|provocation\w*|military (?:exercises|drills))")),
    ("objectives", Phrases(r"\b(goals?|objectives?|aims)\b")),
    ("battlefield", Phrases(r"\b(battlefield|military (?:situation|victory|defeat|pressure)|on the ground|"
                            r"victory|defeat\w*)")),
]
# Words that give a reason the codes above do not name ("because of Russia's participation"):
# a refusal or a doubt with one of them and no coded reason gets ``other``.
BECAUSE = Phrases(r"\b(because|citing|cited|due to|owing to|on the grounds|in protest|given that)\b")

# Markers that introduce a precondition; the condition is the phrase that follows.
CONDITION_MARKERS = Phrases(
    r"\b(?:only (?:if|after|when|once)|unless|until|provided(?: that)?|on (?:the )?condition(?:s)? (?:that|of)|"
    r"as a (?:pre)?condition (?:for|of)|conditional on|in exchange for|in return for|before|if|"
    r"demand(?:s|ed|ing)?(?: that)?|insist(?:s|ed|ing)? (?:on|that)|requir(?:e|es|ed|ing)(?: that)?|"
    r"must|wants?|as long as|so long as|except)\s+",
)


def _known() -> frozenset[str]:
    words: set[str] = set()
    for group in CUES.values():
        words |= group
    for group in POLAR.values():
        words |= group
    return frozenset(words | GROUP_NOUNS | NEGATIONS | MODALS | set(
        "government administration presidency cabinet side party leader country rival foe president minister "
        "premier chancellor spokesman spokeswoman secretary arrive continue resume release agree propose "
        "believe hope make take use give refuse reject oppose decline close move force cause sense".split()))


KNOWN = _known()


# Terms waived, not set: "ready to talk *without preconditions*" is an offer, not a conditional stance.
WAIVER = Phrases(r"\b(?:without|no|free of)\s+(?:any\s+|prior\s+|preliminary\s+)?(?:pre-?)?conditions?\b")


@lru_cache(maxsize=4096)
def patterns_in(text: str, among: tuple[str, ...] | None = None) -> tuple[str, ...]:
    """Names of the ``STANCE_PATTERNS`` found in ``text``, in their order, with "waiver" for terms waived.

    A waiver ("without preconditions") is no condition: the conditional pattern is asked of
    the text without it. ``among``: what a longer text around this one holds (a clause asks
    only for the patterns its sentence has). Cached: a sentence and the clauses of its
    candidates (often the whole sentence again) are asked about one after another.
    """
    names = STANCE_PATTERNS if among is None else [name for name in STANCE_PATTERNS if name in among]
    waived = (among is None or "waiver" in among) and WAIVER.search(text) is not None
    bare = WAIVER.sub(" ", text) if waived else text
    found = tuple(name for name in names if STANCE_PATTERNS[name].search(bare if name == "conditional" else text))
    return (*found, "waiver") if waived else found
