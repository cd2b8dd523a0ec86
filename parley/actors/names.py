"""What the words around a name say: titles, descriptions, organisations and gender.

These lexicons let parley take "Kremlin spokesman Dmitry Peskov" apart into a title
("Kremlin spokesman"), a side word ("Kremlin") and a name ("Dmitry Peskov"), tell a
person ("Farrukh Odinaev") from an organisation ("Harbour Mediation Group") and a speaker
described rather than named ("a senior official") from a stray noun, and guess whom
"she said" can refer to. Written for parley from general knowledge of news English.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# words that make up titles before a name ("Deputy Foreign Minister", "Gen.", "Rep.")
TITLE_WORDS = frozenset(
    """president prime minister foreign defense defence interior deputy secretary spokesman spokeswoman
    spokesperson chief head leader chairman chairwoman chair general gen. gen lt. lt col. col colonel sgt. sgt
    maj. maj major capt. capt captain adm. adm admiral cmdr. commander ambassador envoy special representative
    mr mr. mrs mrs. ms ms. miss dr dr. prof. prof professor sir dame lord lady gov. gov governor senator sen.
    rep. rep representative congressman congresswoman king queen prince princess crown sheikh sheik emir
    ayatollah imam rev. rev reverend father pope cardinal bishop archbishop rabbi chancellor mayor official
    negotiator mediator state of the vice first supreme national security adviser advisor director press
    attache attaché speaker parliament parliamentary opposition rebel militant field top senior former acting
    army military intelligence analyst economist researcher editor correspondent justice judge attorney
    solicitor prosecutor marshal lieutenant sergeant corporal private brigadier premier minister-president
    undersecretary under-secretary assistant counsel counselor counsellor coordinator co-ordinator co-chair
    cochair president-elect ex- then- chief-of-staff staff aide commissioner inspector superintendent
    detective officer agent sheriff ranking majority minority whip leader-elect delegate member members
    chairperson executive ceo cfo founder co-founder president's host anchor columnist reporter pastor
    mufti mullah general-secretary secretary-general high commander-in-chief del.""".split()
)
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady".split())
FEMALE_TITLES = frozenset(
    """mrs mrs. ms ms. miss dame lady queen princess spokeswoman chairwoman congresswoman businesswoman
    councilwoman assemblywoman sister mother wife daughter widow actress duchess countess empress""".split()
)
MALE_TITLES = frozenset(
    """mr mr. sir lord king prince spokesman chairman congressman businessman councilman assemblyman
    brother father husband son widower actor duke count emperor sheikh sheik emir ayatollah""".split()
)

# nouns that head a speaker described rather than named, with the kind of actor they denote
_DESCRIBED = {
    "person": """official spokesman spokeswoman spokesperson minister president leader chairman chairwoman
        secretary diplomat negotiator envoy ambassador commander general aide adviser advisor representative
        lawmaker legislator senator congressman congresswoman governor mayor member chief head director
        professor economist researcher scholar expert analyst editor correspondent reporter observer witness
        resident protester activist organizer organiser voter supporter critic candidate nominee prosecutor
        lawyer attorney judge doctor narrator announcer host anchor writer author source insider strategist
        pollster consultant operative surrogate officer soldier fighter commander militant rebel negotiator
        mediator premier king queen prince monarch emir cleric imam priest pastor bishop man woman student
        teacher worker farmer owner executive founder manager investigator inspector agent sheriff chancellor
        deputy lawmaker staffer aide veteran survivor victim mother father relative neighbour neighbor friend
        colleague colleagues politician premier ruler caller widow widower person""".split(),
    "group": """officials sources analysts experts diplomats negotiators envoys leaders aides advisers advisors
        lawmakers legislators senators members residents protesters activists organizers voters supporters
        critics prosecutors lawyers doctors observers witnesses rebels militants insurgents fighters soldiers
        officers authorities people family families relatives staffers investigators economists researchers scholars
        strategists insiders spokesmen representatives delegates ministers generals commanders democrats
        republicans women men children mourners crowd crowds guerrillas jihadists separatists extremists militiamen
        kidnappers hostage-takers""".split(),
    "organisation": """side delegation leadership camp ministry government administration office department agency
        committee council
        commission parliament party movement campaign army military police court embassy organization
        organisation group company firm union alliance coalition bank fund institute university center centre
        foundation association federation league board bureau authority mission secretariat tribunal
        kremlin cabinet presidency senate house congress assembly junta regime command""".split(),
    "media": """report statement letter memo memorandum ad advertisement study survey poll document release
        communique communiqué website tweet post video message editorial article newspaper paper agency
        broadcaster channel network outlet magazine story column book transcript complaint lawsuit filing
        indictment ruling order resolution declaration text note clip piece""".split(),
}
DESCRIBED_KIND = {w: kind for kind, ws in _DESCRIBED.items() for w in ws}

# capitalised words that make a run of names an organisation or a place, not a person
ORG_WORDS = frozenset(
    """ministry department office party council committee commission agency union organization organisation
    association institute university college center centre foundation group bank fund court parliament
    congress senate house assembly army forces front movement network news times post journal press service
    services company corp corp. inc inc. ltd ltd. campaign administration government church school club
    federation league society board bureau authority police guard brigade battalion regiment division command
    coalition alliance mission secretariat tribunal radio tv channel report review magazine daily herald
    tribune gazette telegraph monitor observer agency airport station street avenue square city province
    region republic kingdom state states island islands sea ocean river mountains valley strait gulf peninsula
    council embassy consulate cabinet presidency junta brigades hospital prison museum conference summit
    treaty accord agreement act plan program programme initiative project fund institute academy global
    international national federal central united democratic republican liberal conservative socialist
    communist islamic popular revolutionary people's workers development communications planning affairs
    relations studies research policy peace defense defence justice health energy finance trade commerce
    education environment reform action rights freedom liberation resistance solidarity progress unity
    presidential strategic operations operation secretariat directorate inc. llc foundation products holdings
    industries motors airlines airways systems technologies pharmaceuticals partners investments enterprises
    logistics shipping petroleum corporation""".split()
)
# capitalised words that start sentences or dates, never names
NOT_NAMES = frozenset(
    """the a an and but or so yet if when while after before although though because since as at in on of
    for to from with by however meanwhile also still then now today yesterday tomorrow this that these those
    there here it its he she they we i you his her their our my your what who whom which where why how
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr
    not no yes all some many most one two three several both each every other another such even only
    despite during until unless whether according asked said says told added nobody everyone everybody
    someone somebody anyone anybody none people officials others many few critics supporters""".split()
)


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """First names with the gender they most often carry ("f" or "m"), from the bundled list."""
    text = resources.files("parley").joinpath("data/first_names.txt").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        gender, _, names = line.partition(":")
        for name in names.split():
            out.setdefault(name.lower(), gender.strip())
    return out


def gender_of(name: str, title: str = "") -> str | None:
    """'f', 'm' or None for a person called ``name`` with ``title`` before it."""
    for word in title.lower().split():
        if word in FEMALE_TITLES:
            return "f"
        if word in MALE_TITLES:
            return "m"
    first = name.split()[0].lower().strip(".") if name.split() else ""
    return first_names().get(first)


_CAP = re.compile(r"^[A-Z\u00C0-\u00DE][\w’'.-]*$")


def is_capitalised(word: str) -> bool:
    """A word written with a capital, as names are ("Peskov", "al-Nunu" is not, "O'Neill" is)."""
    return bool(_CAP.match(word)) or (word[:3] in ("al-", "el-", "ad-", "as-") and word[3:4].isupper())


@lru_cache(maxsize=16384)
def looks_like_person(name: str) -> bool:
    """Whether a run of capitalised words can be a person's name (not an organisation or a date)."""
    words = name.replace("’s", "").replace("'s", "").split()
    if not words or any(w.lower().strip(".,") in ORG_WORDS for w in words):
        return False
    if words[0].lower() in _NOT_FIRST or len(words) > 5:
        return False  # "Los Angeles", "San Diego", "Port Sudan" are places
    if any(w.lower() in _NOT_LATER for w in words[1:]):
        return False  # "Velić Says Varosia Will Never Negotiate": a headline, not a name
    return all(is_capitalised(w) or w.lower() in PARTICLES for w in words)


_PLACE_STARTS = frozenset("los las san new fort port mount lake upper lower north south east west".split())


def _headline_verbs() -> frozenset[str]:
    """Verbs that make a run of capitalised words a headline ("Kestria Cedes Harbour Town", "Velic Hammers
    Bank Chief"): the third-person forms of the cue verbs, and common headline verbs."""
    from ..quotes.cues import ALL_FORMS

    cues = {f for f in ALL_FORMS if f.endswith("s") and " " not in f}
    return frozenset(cues | set(
        """says say will would never can could must may is are was were has have had be gives speaks hammers meets
        visits backs seeks rejects accepts agrees signs talks takes makes gets goes comes hits leads plans launches
        opens ends faces wins loses sends pulls pushes puts sets eyes mulls weighs eases halts resumes returns
        rules slashes cuts raises lifts bans orders fires kills frees arrests""".split()
    ))


_HEADLINE_WORDS = _headline_verbs()
_NOT_FIRST = NOT_NAMES | _PLACE_STARTS  # unions made once, not per name
_NOT_LATER = NOT_NAMES | _HEADLINE_WORDS


_NON_SPACE = re.compile(r"\S+")


def before_headline_verb(name: str) -> str:
    """The words of a capitalised run before a headline verb ("Amara Velic Speaks" -> "Amara Velic"),
    or the run itself; nothing when the verb comes second ("Kestria Cedes Harbour Town")."""
    for m in _NON_SPACE.finditer(name):
        if m.start() > 0 and m.group().lower() in _HEADLINE_WORDS:
            head = name[: m.start()].rstrip()
            return head if " " in head else ""
    return name


PARTICLES = frozenset("de del della di da dos das du van von der den la le al el bin ibn bint ben abu abd ul".split())
