"""The dashboard in a real headless Chromium: filter signals, follow one to its article, see it highlighted.

Runs against the system Chromium (Debian's ``chromium`` package; ``make test`` installs it
when apt-get is available). Skips, saying why, only when no Chromium can be found at all.
Screenshots are kept in ``test-artifacts/``.
"""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import ROOT, WIRE, running_server

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def example_db(tmp_path_factory) -> Path:
    """A store of the bundled examples plus a wire report written for the tests."""
    from parley.batch import analyze_paths
    from parley.settings import load_settings
    from parley.store import Store

    root = tmp_path_factory.mktemp("browser")
    (root / "wire.txt").write_text(WIRE, encoding="utf-8")
    examples = ROOT / "examples" / "articles"
    actors = ROOT / "examples" / "actors.yaml"
    paths = [str(root / "wire.txt")] + ([str(examples)] if examples.is_dir() else [])
    settings = load_settings(actors=(str(actors),) if actors.is_file() else None)
    db = root / "examples.db"
    with Store(db) as store:
        for analysis in analyze_paths(paths, settings):
            store.add(analysis)
        assert store.count("signals") > 0, "the examples gave no signals to browse"
    return db


@pytest.fixture(scope="module")
def server(example_db):
    """The dashboard on a free loopback port, in a thread, for the module's tests."""
    with running_server(example_db, log_level="warning") as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture
def page(chromium, tmp_path):
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium, headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        pg = ctx.new_page()
        pg.set_default_timeout(20_000)
        pg.problems = []  # console errors (CSP violations among them) and page errors
        pg.on("console", lambda m: m.type == "error" and pg.problems.append(m.text))
        pg.on("pageerror", lambda e: pg.problems.append(str(e)))
        try:
            yield pg
        finally:
            ctx.close()


def api(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=10) as r:
        return json.load(r)


def test_browser_filter_signals_then_follow_one_to_its_highlighted_evidence(server, page):
    from playwright.sync_api import expect

    target = api(server, "/api/signals?limit=1")["rows"][0]
    word = max(re.findall(r"[A-Za-z]{5,}", target["evidence"]), key=len)

    page.goto(server + "/signals")
    expect(page.locator("h1")).to_have_text("Negotiation signals")
    assert page.locator("tr.signal").count() >= 1

    page.select_option("select[name=stance]", target["stance"])
    page.fill("input[name=search]", word)
    page.click("#apply")
    page.wait_for_url(re.compile(r"/signals\?.*stance=" + target["stance"]))
    rows = page.locator("tr.signal")
    assert rows.count() >= 1
    assert set(rows.evaluate_all("rs => rs.map(r => r.dataset.stance)")) == {target["stance"]}
    page.screenshot(path=str(ARTIFACTS / "browser-signals.png"), full_page=True)

    row = page.locator(f"#row-signal-{target['id']}")
    expect(row).to_be_visible()
    row.locator("a.evidence").click()
    page.wait_for_url(re.compile(r"/articles/\w+\?signal=\d+"))

    article = api(server, f"/api/articles/{target['article_id']}")["article"]
    marks = page.locator(f"mark.focus[data-signal='{target['id']}']")
    assert marks.count() >= 1
    shown = "".join(marks.all_text_contents())
    assert shown == article["text"][target["clean_start"]:target["clean_end"]]
    expect(marks.first).to_be_in_viewport()
    background = marks.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the evidence is not highlighted"
    expect(page.locator(f"#signal-{target['id']}")).to_contain_text(target["holder"])
    page.screenshot(path=str(ARTIFACTS / "browser-article.png"), full_page=False)
    assert page.problems == []


def test_browser_actor_page_draws_the_chart(server, page):
    from playwright.sync_api import expect

    target = api(server, "/api/signals?limit=1")["rows"][0]
    page.goto(server + "/signals")
    page.locator(f"#row-signal-{target['id']} td >> nth=1").get_by_role("link").click()
    expect(page.locator("h1")).to_have_text(target["holder"])
    expect(page.locator("svg.timeline")).to_be_visible()
    dated = [s for s in api(server, "/api/actors/" + quote(target["holder"], safe=""))["signals"] if s["date"]]
    assert page.locator("svg.timeline circle.mark").count() == len(dated)
    page.screenshot(path=str(ARTIFACTS / "browser-actor.png"), full_page=True)
    assert page.problems == []
