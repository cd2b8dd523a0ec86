"""Duplicates: exact copies are skipped, near-copies are stored and linked to the first copy."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from parley.batch import analyze_input
from parley.ingest import dedupe
from parley.ingest.sources import RawInput
from parley.store import Store

STORY = (
    "The rebel council and the government agreed on Thursday to meet again in the lakeside town of Varna Mel, "
    "mediators said, after two days of talks that ended without a deal on the exchange of prisoners. "
    "The council's chief negotiator said his delegation would return only if the army stopped shelling the "
    "northern villages, while the interior minister said the government was ready to discuss a timetable for "
    "the exchange but not the withdrawal of troops. Diplomats from three neighbouring states attended the talks "
    "as observers and said both sides had made small concessions on the release of wounded fighters."
)
OTHER = (
    "Farmers in the eastern province began the barley harvest two weeks early this year because of the dry spring, "
    "the agriculture ministry said on Monday, and prices at the central market rose for the third week in a row. "
    "Officials expect the yield to fall by a fifth compared with last year, and the ministry has asked millers to "
    "keep reserves for the winter months while importers look for new suppliers abroad."
)


def _page(chrome_top: str, body: str, chrome_bottom: str) -> str:
    return f"{chrome_top}\n\nTalks End Without a Deal\n\n{body}\n\n{chrome_bottom}\n"


def _store(s: Store, text: str, ref: str) -> str:
    return s.add(analyze_input(RawInput(text, "text", ref, ref=ref)))


def test_ingest_dedupe_signature_similarity():
    a, b, c = (dedupe.signature(t) for t in (STORY, STORY + " A fourth round is planned.", OTHER))
    assert dedupe.similarity(a, b) > 0.8 and dedupe.similarity(a, c) < 0.2
    assert dedupe.similarity(a, dedupe.from_bytes(dedupe.to_bytes(a))) == 1.0
    assert dedupe.signature("Too short to compare.") is None


def test_ingest_dedupe_near_copy_is_linked_to_the_first(store: Store):
    first = _page("Lake Herald | Home | World", STORY, "© 2024 Lake Herald")
    repost = _page("Skip to content\n\nRiver Post", STORY.replace("Thursday", "Thursday evening"),
                   "Read more: River Post news\n\nCopyright 2024 River Post")
    assert _store(store, first, "a") == "added"
    assert _store(store, first, "a-again") == "duplicate"
    assert _store(store, repost, "b") == "near_duplicate"
    assert _store(store, _page("Farm News", OTHER, ""), "c") == "added"
    rows = {r["ref"]: r for r in store.db.execute("SELECT ref, id, duplicate_of FROM articles")}
    assert rows["b"]["duplicate_of"] == rows["a"]["id"]
    assert rows["a"]["duplicate_of"] is None and rows["c"]["duplicate_of"] is None
    third = _page("Mirror", STORY + " Observers called the mood constructive.", "")
    assert _store(store, third, "d") == "near_duplicate"
    assert store.article(rows["a"]["id"])["id"] == store.db.execute(
        "SELECT duplicate_of FROM articles WHERE ref = 'd'").fetchone()[0]  # linked to the first copy


def test_ingest_dedupe_cli_counts_add_up(tmp_path: Path):
    from parley.cli import app

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(_page("Lake Herald", STORY, "© 2024 Lake Herald"), encoding="utf-8")
    (src / "b.txt").write_text(_page("River Post", STORY, "Copyright 2024 River Post"), encoding="utf-8")
    (src / "c.txt").write_text(_page("Lake Herald", STORY, "© 2024 Lake Herald"), encoding="utf-8")
    (src / "d.bin").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40))
    lines = [json.dumps({"id": "r1", "text": OTHER}), "{broken", json.dumps({"id": "r2"})]
    (src / "e.jsonl").write_text("\n".join(lines), encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(src), "--db", str(tmp_path / "p.db"), "-q"])
    assert result.exit_code == 0, result.output
    assert "7 inputs: 3 ingested, 1 duplicates, 3 failed (1 near-duplicates linked" in result.output
