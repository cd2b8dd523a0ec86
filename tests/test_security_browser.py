"""Hostile article text in a real headless Chromium: shown as text, never run.

Every page of the dashboard, the HTML timeline and the HTML report are opened over a store
whose texts, titles, names, quotes, conditions, URLs and dates carry script, event-handler,
``javascript:`` and entity payloads. The pages are loaded with the Content-Security-Policy
*bypassed*, so what is tested is the escaping itself; the CSP is a second wall, checked on
its own. A dialog handler, a console listener and a page-error listener record anything
that runs; the DOM is searched for any script, event handler or ``javascript:`` URL.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from conftest import running_server, store_file
from test_browser import CHROMIUM_ARGS
from test_security import COUNTERPART, HOLDER, PAYLOADS, SPEAKER, hostile_analyses

from parley.store import Filters, Store

pytestmark = pytest.mark.browser

#: everything in the DOM that could run: scripts, on* handlers, javascript:/data: URLs, frames, refreshes
INSPECT = """() => {
  const out = {scripts: document.scripts.length, handlers: [], urls: [], frames: 0};
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith('on')) out.handlers.push(el.tagName + ' ' + a.name);
      const v = a.value.trim().toLowerCase();
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'content'].includes(a.name.toLowerCase())
          && (v.startsWith('javascript:') || v.startsWith('data:text') || v.includes('url=javascript')))
        out.urls.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
  }
  out.frames = document.querySelectorAll('iframe, frame, object, embed, base, meta[http-equiv]').length;
  out.pwned = window.__pwned === undefined ? null : window.__pwned;
  out.hidden = getComputedStyle(document.body).display === 'none';
  return out;
}"""


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> Path:
    return store_file(tmp_path_factory.mktemp("hostile") / "hostile.db", hostile_analyses())


@pytest.fixture(scope="module")
def playwright(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


def _page(playwright, chromium: str, profile: Path, bypass_csp: bool):
    """A page that logs everything that runs: dialogs, console messages, page errors."""
    ctx = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=chromium, headless=True, args=CHROMIUM_ARGS, bypass_csp=bypass_csp,
    )
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    page.ran = []
    page.on("dialog", lambda d: (page.ran.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("console", lambda m: page.ran.append(f"console {m.type}: {m.text}"))
    page.on("pageerror", lambda e: page.ran.append(f"error: {e}"))
    return ctx, page


@pytest.fixture(scope="module")
def browser(playwright, chromium, tmp_path_factory):
    """One Chromium with the page's CSP bypassed: only the escaping stands between text and script."""
    ctx, page = _page(playwright, chromium, tmp_path_factory.mktemp("profile"), bypass_csp=True)
    try:
        yield page
    finally:
        ctx.close()


def _dashboard_urls(base: str) -> list[str]:
    with urllib.request.urlopen(base + "/api/signals?limit=1000", timeout=10) as r:
        signals = json.load(r)["rows"]
    with urllib.request.urlopen(base + "/api/quotes?limit=1000", timeout=10) as r:
        quotes = json.load(r)["rows"]
    urls = ["/signals", "/quotes", "/actors", "/articles", "/nowhere/<script>alert(1)</script>"]
    urls += [f"/articles/{s['article_id']}?signal={s['id']}" for s in signals]
    urls += [f"/articles/{q['article_id']}?quote={q['id']}" for q in quotes[:3]]
    urls += ["/actors/" + quote(name, safe="") for name in (HOLDER, COUNTERPART, SPEAKER)]
    # filter values are echoed back into the form: reflected input must be escaped too
    urls += ["/signals?" + urlencode({"actor": p}) for p in PAYLOADS[:6]]
    urls += ["/quotes?" + urlencode({"search": '"<script>alert(1)</script>'}), "/signals?" + urlencode({"since": PAYLOADS[0]})]
    return [base + u for u in urls]


def _visit(page, url: str) -> dict:
    page.ran.clear()
    page.goto(url, wait_until="load")
    page.wait_for_timeout(50)  # let onload handlers and timers, if any existed, fire
    found = page.evaluate(INSPECT)
    found["ran"] = list(page.ran)
    found["text"] = page.inner_text("body")
    return found


def _assert_inert(found: dict, where: str) -> None:
    # an error page (404, 400) is reported on the console by the browser itself; nothing else may be
    ran = [r for r in found["ran"] if "the server responded with a status of 4" not in r]
    assert ran == [], where
    assert found["scripts"] == 0 and found["handlers"] == [] and found["urls"] == [], (where, found)
    assert found["frames"] == 0 and found["pwned"] is None and not found["hidden"], (where, found)


def test_security_browser_dashboard_shows_hostile_text_as_text(hostile_store, browser):
    with running_server(hostile_store) as port:
        base = f"http://127.0.0.1:{port}"
        shown = ""
        for url in _dashboard_urls(base):
            found = _visit(browser, url)
            _assert_inert(found, url)
            shown += found["text"]
    # the payloads are on screen, character for character: escaped, not dropped
    for payload in PAYLOADS:
        assert f"would never stop talks with {COUNTERPART}" in shown
        assert payload in shown, payload
    assert "Tarn <img src=x onerror=" in shown and "{{ 7*7 }}" in shown


def test_security_browser_timeline_and_report_files_are_inert(hostile_store, browser, tmp_path):
    from parley import timeline
    from parley.report import build_report

    with Store(hostile_store, readonly=True) as store:
        tl = timeline.for_actor(store, "Tarn", lanes="counterpart")
        report = build_report(store, Filters())
        brief = build_report(store, Filters(actor="Tarn"), dashboard="javascript:alert('dash')//")
    assert tl.marks, "the hostile signals should be drawn"
    files = [timeline.write(tl, tmp_path / "timeline.html"), tmp_path / "report.html", tmp_path / "brief.html"]
    files[1].write_text(report, encoding="utf-8")
    files[2].write_text(brief, encoding="utf-8")
    for path in files:
        html = Path(path).read_text(encoding="utf-8")
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'' in html
        found = _visit(browser, Path(path).as_uri())
        found["frames"] -= 1  # the page's own CSP <meta>
        _assert_inert(found, str(path))
        if path.name != "timeline.html":
            assert PAYLOADS[0] in found["text"]


def test_security_browser_csp_blocks_what_escaping_would_miss(playwright, chromium, hostile_store, tmp_path):
    """The second wall: with the CSP on, even markup injected into the page cannot run."""
    ctx, page = _page(playwright, chromium, tmp_path / "profile", bypass_csp=False)
    try:
        with running_server(hostile_store) as port:
            response = page.goto(f"http://127.0.0.1:{port}/signals")
            assert "default-src 'none'" in response.headers["content-security-policy"]
            # add a script element and an inline handler, as an escaping bug would
            page.evaluate("""() => {
                const s = document.createElement('script'); s.textContent = 'alert("inline")';
                document.body.append(s);
                const i = document.createElement('img'); i.setAttribute('onerror', 'alert("handler")');
                i.src = 'x:'; document.body.append(i);
            }""")
            page.wait_for_timeout(300)
    finally:
        ctx.close()
    assert not [r for r in page.ran if r.startswith("dialog")]
    assert any("Content Security Policy" in r for r in page.ran), page.ran  # the browser says what it refused
