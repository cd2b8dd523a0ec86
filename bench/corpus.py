"""A generated corpus of fictional conflict news, for scale benchmarks and the Spark tests.

Every article is assembled from templates written for parley: invented people, parties and
places (plus a few real mediating states, so the actor registry is exercised), in the
register of wire copy about talks, refusals, conditions and ceasefires. Nothing here is
copied from real news. Articles are deterministic in ``(seed, index)``, distinct from each
other (so content-hash ids never collide), and about ``words`` words long, so a benchmark
on ``n`` articles exercises the same paths (quotes, speakers, negotiation signals) that a
day of real news would.

    python bench/corpus.py 2000 -o /tmp/corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path

COUNTRIES = ["Kestria", "Valdora", "Morvenia", "Ostrava Union", "Tarsene", "Belkaris", "Sundar", "Pelagonia"]
GROUPS = ["Northern Front", "Valley Liberation Army", "Coastal Brigades", "People's Defence Movement",
          "Highland Council", "Free Sundar Movement", "Red River Alliance", "Eastern Resistance"]
MEDIATORS = ["Qatar", "Norway", "Turkey", "Switzerland", "Egypt", "Oman", "the African Union", "the United Nations"]
CITIES = ["Kestria City", "Port Valen", "Morvik", "Tarsa", "Belgrad Nova", "Sundara", "Pelago", "Ostrin"]
VENUES = ["Doha", "Oslo", "Geneva", "Istanbul", "Cairo", "Muscat", "Addis Ababa", "Vienna"]
FIRST = ["Amara", "Teodor", "Ivo", "Lena", "Marek", "Sofia", "Dario", "Noor", "Emil", "Rada", "Tomas", "Yara",
         "Kiran", "Ilse", "Oren", "Mila", "Pavel", "Zora", "Anton", "Hana"]
LAST = ["Velic", "Lask", "Darran", "Quill", "Morrow", "Castell", "Brenner", "Oduya", "Faro", "Kessin", "Ralston",
        "Varga", "Ledeme", "Soren", "Talbot", "Ivers", "Halden", "Marsh", "Okoro", "Vance"]
ROLES = ["President", "Prime Minister", "Foreign Minister", "Defence Minister", "government spokesman"]
GROUP_ROLES = ["commander", "spokesman", "political chief", "senior negotiator"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
CONDITIONS = ["the army withdraws from the valley", "all prisoners are released", "the shelling of towns stops",
              "international monitors are allowed in", "the blockade of the port is lifted",
              "its fighters lay down their arms"]

REFUSALS = [
    '{leader} said on {day} that {side} will never negotiate with the {group}, '
    'calling its leaders "terrorists who bomb markets."',
    '"We do not sit down with people who murder children," {leader} told reporters in {city}.',
    "{leader} ruled out talks with the {group}, saying negotiations would only reward violence.",
    "The government of {side} rejected an offer of talks from the {group} on {day}, its spokesman said.",
    '"There will be no negotiations with the {group} until they lay down their arms," {leader} said.',
]
CONDITIONALS = [
    "{gleader}, the {grole} of the {group}, said the movement was ready to hold talks if {condition}.",
    '"We will only return to the table when {condition}," {gleader} told a rally outside {city}.',
    "The {group} insisted on guarantees from {mediator} before any new round of negotiations.",
    "{leader} said talks with the {group} could begin only after {condition}.",
]
OPENINGS = [
    "{mediator} offered to host talks between {side} and the {group} in {venue}, a diplomat said.",
    '"Our door remains open to dialogue with anyone who rejects violence," {leader} said in a televised address.',
    "Envoys from {mediator} urged both sides to agree to a ceasefire before the rainy season.",
    "{gleader} said the {group} was willing to discuss a prisoner exchange with {side}.",
]
ENGAGED = [
    "{minister} met envoys from {mediator} in {venue} on {day} to discuss a possible ceasefire, the ministry said.",
    "Delegations from {side} and the {group} held talks in {venue} for a second day, according to officials.",
    "A new round of talks in {venue} was under way on {day}, with {mediator} acting as mediator.",
]
AGREED = [
    "The two sides agreed to a 72-hour truce around {city} to allow aid convoys through, {mediator} said.",
    "Negotiators signed an agreement on the exchange of 40 prisoners late on {day}.",
]
SKEPTICAL = [
    'Analysts were doubtful. "Neither side believes it can win at the table what it cannot win in the field," '
    "said {analyst}, a researcher at the Institute for Regional Studies.",
    "{analyst}, who studies the conflict, said a lasting deal was unlikely while fighting continued around {city}.",
]
BACKGROUND = [
    "The conflict began {years} years ago, when the {group} seized several districts in the north of {side} "
    "after a disputed election. Since then the fighting has displaced hundreds of thousands of people and left "
    "towns along the river without power or clean water for months at a time.",
    "Aid agencies say food prices in {city} have more than doubled since the spring. Convoys carrying flour, "
    "medicine and fuel have been turned back at checkpoints on several occasions, and the main road to the "
    "coast has been closed since a bridge was destroyed in the autumn.",
    "Residents of {city} described nights of shelling and days spent queuing for bread. Many families have "
    "moved in with relatives in the countryside, while others have crossed into neighbouring states, where "
    "camps are already crowded and short of tents.",
    "Previous attempts at mediation collapsed last year after a ceasefire brokered by {mediator} lasted less than "
    "a week. Each side accused the other of breaking it, and observers were unable to reach the front line to "
    "verify the claims.",
    "The parliament of {side} is due to debate an amnesty law next month. Opposition deputies say the bill is too "
    "narrow, while members of the ruling party argue that it already goes further than voters will accept.",
    "Military analysts say neither army has enough troops or ammunition for a decisive offensive. The front line "
    "has barely moved since the winter, and both sides have dug long networks of trenches across the farmland.",
    "Human rights groups have documented abuses by both sides, including the detention of journalists and the "
    "use of heavy weapons near schools and hospitals. Investigators have asked for access to several sites.",
    "The economy of {side} has shrunk sharply since the fighting began. The central bank raised interest rates "
    "twice this year, and the currency has lost a third of its value against the dollar.",
]
CLOSINGS = [
    "The foreign ministry said it would publish a full statement on {day}.",
    "Neither side commented on reports that a new envoy would be appointed next week.",
    "Talks are expected to resume after the holiday, officials said.",
]


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _slots(rng: random.Random, index: int) -> dict[str, str]:
    side, group = rng.choice(COUNTRIES), rng.choice(GROUPS)
    return {
        "side": side, "group": group, "mediator": rng.choice(MEDIATORS), "city": rng.choice(CITIES),
        "venue": rng.choice(VENUES), "day": rng.choice(WEEKDAYS), "condition": rng.choice(CONDITIONS),
        "leader": f"{rng.choice(ROLES)} {_name(rng)}", "gleader": f"{rng.choice(GROUP_ROLES).title()} {_name(rng)}",
        "grole": rng.choice(GROUP_ROLES), "minister": f"Foreign Minister {_name(rng)}", "analyst": _name(rng),
        "years": str(rng.randint(2, 15)), "serial": str(index),
    }


def _paragraphs(rng: random.Random, slots: dict[str, str], words: int) -> list[str]:
    """News paragraphs: a signal-bearing lead, quotes and reactions, background to fill ``words``."""
    lead = rng.choice(REFUSALS + CONDITIONALS).format(**slots)
    pool = [*REFUSALS, *CONDITIONALS, *OPENINGS, *ENGAGED, *AGREED, *SKEPTICAL]
    paras = [f"{slots['city'].upper()}, {rng.choice(MONTHS)} {rng.randint(1, 28)} -- {lead}"]
    background = rng.sample(BACKGROUND, len(BACKGROUND))
    count = len(lead.split())
    while count < words - 40:  # the last paragraph and the closing overshoot by about that
        template = rng.choice(pool) if len(paras) % 2 else background[len(paras) % len(background)]
        para = template.format(**slots)
        paras.append(para)
        count += len(para.split())
    paras.append(rng.choice(CLOSINGS).format(**slots) + f" (Report {slots['serial']}.)")
    return paras


def article(index: int, seed: int = 0, words: int = 800) -> dict[str, str]:
    """One generated article as a JSONL record: ``id``, ``title``, ``url``, ``date``, ``text``."""
    rng = random.Random(f"{seed}:{index}")
    slots = _slots(rng, index)
    year, month, day = 2024, rng.randint(1, 12), rng.randint(1, 28)
    title = f"{slots['side']} and {slots['group']} trade terms as pressure for talks grows"
    byline = f"By {_name(rng)}"
    dateline = f"{rng.choice(WEEKDAYS)}, {MONTHS[month - 1]} {day}, {year}"
    body = "\n\n".join(_paragraphs(rng, slots, words))
    return {
        "id": f"gen-{seed}-{index}",
        "title": title,
        "url": f"https://news.example.org/{year}/{month:02d}/{day:02d}/talks-{index}",
        "date": f"{year}-{month:02d}-{day:02d}",
        "text": f"{title}\n\n{byline}\n{dateline}\n\n{body}\n",
    }


def articles(n: int, seed: int = 0, words: int = 800) -> Iterator[dict[str, str]]:
    """``n`` generated articles, in index order."""
    for i in range(n):
        yield article(i, seed, words)


def write_jsonl(path: str | Path, n: int, seed: int = 0, words: int = 800) -> Path:
    """Write ``n`` generated articles to ``path`` as JSONL; returns the path."""
    path = Path(path)
    with path.open("w", encoding="utf-8") as fh:
        for rec in articles(n, seed, words):
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("-o", "--output", default="-", help="JSONL file ('-' for stdout)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--words", type=int, default=800, help="about this many words per article")
    args = parser.parse_args(argv)
    if args.output == "-":
        for rec in articles(args.n, args.seed, args.words):
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
    else:
        write_jsonl(args.output, args.n, args.seed, args.words)


if __name__ == "__main__":
    main()
