import hashlib
import html
import re
import sqlite3
from html.parser import HTMLParser

import pytest
from conftest import HOSTILE
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from parley.errors import StoreError, UsageError
from parley.store import Filters, Store
from parley.web.app import CSP, create_app
from parley.web.highlight import Span, highlight


@pytest.fixture
def client(workbench_db):
    with TestClient(create_app(workbench_db), raise_server_exceptions=False) as c:
        yield c


def first_signal(client, **params) -> dict:
    return client.get("/api/signals", params=params).json()["rows"][0]


# --- one error shape ---------------------------------------------------------------------

FAILURES = {
    # route -> (method, url, expected status); every /api route must appear here
    "/api": ("POST", "/api/", 405),
    "/api/": ("DELETE", "/api/", 405),
    "/api/signals": ("GET", "/api/signals?search=%22unbalanced", 400),
    "/api/signals/{signal_id}": ("GET", "/api/signals/999999", 404),
    "/api/quotes": ("GET", "/api/quotes?limit=0", 422),
    "/api/quotes/{quote_id}": ("GET", "/api/quotes/not-a-number", 422),
    "/api/actors": ("POST", "/api/actors", 405),
    "/api/actors/{name:path}": ("GET", "/api/actors/Nobody%20At%20All", 404),
    "/api/articles": ("GET", "/api/articles?offset=-1", 422),
    "/api/articles/{article_id}": ("GET", "/api/articles/0000", 404),
    "/api/timeline": ("GET", "/api/timeline", 422),
}
MORE_FAILURES = [
    ("GET", "/api/no-such-endpoint", 404),
    ("GET", "/api/signals?stance=furious", 422),
    ("GET", "/api/signals?since=March", 422),
    ("GET", "/api/signals?limit=abc", 422),
    ("GET", "/api/quotes?search=AND%20OR", 400),
    ("GET", "/api/timeline?actor=Velic&lanes=sideways", 422),
    ("GET", "/api/signals?actor=" + "x" * 300, 422),
]


def assert_error_shape(response, status: int) -> None:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False and body["status"] == status
    assert isinstance(body["error"], str) and body["error"]


def test_web_every_api_route_has_a_failure_case():
    from parley.web.api import router

    routes = {r.path for r in router.routes}
    assert routes == set(FAILURES)


@pytest.mark.parametrize("method,url,status", [*FAILURES.values(), *MORE_FAILURES])
def test_web_api_failures_share_one_error_shape(client, method, url, status):
    assert_error_shape(client.request(method, url), status)


def test_web_api_internal_error_has_the_error_shape_and_hides_details(client, monkeypatch):
    def boom(*a, **k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(Store, "signals", boom)
    r = client.get("/api/signals")
    assert_error_shape(r, 500)
    assert "secret" not in r.text
    assert r.headers["content-security-policy"] == CSP


def test_web_page_errors_are_html_pages(client):
    r = client.get("/signals?search=%22oops")
    assert r.status_code == 400 and r.headers["content-type"].startswith("text/html")
    assert "bad search query" in r.text
    assert client.get("/articles/nope").status_code == 404


# --- headers, routes, read-only ------------------------------------------------------------


@pytest.mark.parametrize("url", ["/signals", "/quotes", "/actors", "/articles", "/api/signals", "/static/style.css",
                                 "/nowhere", "/api/signals/0"])
def test_web_every_response_has_the_security_headers(client, url):
    r = client.get(url)
    assert r.headers["content-security-policy"] == CSP
    assert "script-src" not in CSP and "default-src 'none'" in CSP
    assert r.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("url", ["/docs", "/redoc", "/openapi.json", "/static/", "/static/../app.py",
                                 "/static/%2e%2e/app.py", "/static/base.html", "/web/app.py", "/.env"])
def test_web_nothing_is_served_outside_the_routes(client, url):
    assert client.get(url).status_code == 404


def test_web_never_writes_to_the_store(workbench_db, client):
    before = hashlib.sha256(workbench_db.read_bytes()).hexdigest()
    for url in ["/signals", "/quotes?stance=refuse", "/actors", "/articles", "/api/signals", "/api/timeline?actor=Velic"]:
        assert client.get(url).status_code == 200
    aid = first_signal(client)["article_id"]
    assert client.get(f"/articles/{aid}").status_code == 200
    assert hashlib.sha256(workbench_db.read_bytes()).hexdigest() == before


def test_web_store_connection_is_read_only(workbench_db):
    from parley.web.deps import get_store

    class Req:
        class app:  # noqa: N801 - stands in for request.app
            class state:  # noqa: N801
                db = str(workbench_db)

    gen = get_store(Req)
    store = next(gen)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.db.execute("DELETE FROM signals")
    gen.close()


def test_web_create_app_refuses_a_missing_or_foreign_file(tmp_path):
    with pytest.raises(UsageError):
        create_app(tmp_path / "missing.db")
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError):
        create_app(other)


# --- the API is the store's query layer ------------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"stance": "refuse"}, {"actor": "velic"}, {"counterpart": "northern"},
                                    {"since": "2024-05", "until": "2024-07-02"}, {"search": "Oslo"},
                                    {"outlet": "herald"}])
def test_web_api_signals_match_the_store(client, workbench_db, params):
    body = client.get("/api/signals", params=params).json()
    with Store(workbench_db, readonly=True) as s:
        want = s.signals(Filters(**params))
    assert body["ok"] is True and body["total"] == len(want) == body["count"]
    assert [r["id"] for r in body["rows"]] == [r["id"] for r in want]


def test_web_api_paging(client):
    everything = client.get("/api/signals").json()["rows"]
    page = client.get("/api/signals?limit=2&offset=1").json()
    assert [r["id"] for r in page["rows"]] == [r["id"] for r in everything[1:3]]
    assert page["total"] == len(everything)


def test_web_api_quotes_behind_a_stance(client):
    # Velic's quote is a sentence after her signal's evidence: not behind it
    rows = client.get("/api/quotes", params={"stance": "refuse"}).json()["rows"]
    assert {r["speaker"] for r in rows} == {"Tarn"}
    rows = client.get("/api/quotes", params={"stance": "open", "counterpart": "kestria"}).json()["rows"]
    assert {r["speaker"] for r in rows} == {"Ivo Darran"}
    assert client.get("/api/quotes", params={"stance": "open", "counterpart": "Lask"}).json()["rows"] == []


def test_web_api_actor_has_signals_conditions_and_reasons(client):
    body = client.get("/api/actors/Amara Velic").json()
    assert body["actor"]["name"] == "Amara Velic"
    assert [s["stance"] for s in body["signals"]] == ["refuse", "conditional", "open"]
    assert body["conditions"][0]["condition"] == "the group lays down its arms"
    assert body["reasons"] == [{"reason": "terrorism", "count": 1, "signal": body["signals"][0]["id"]}]


def test_web_api_timeline_counts_by_month(client):
    body = client.get("/api/timeline", params={"actor": "Velic"}).json()
    assert [m["stance"] for m in body["marks"]] == ["refuse", "conditional", "open"]
    assert [m["month"] for m in body["months"]] == ["2024-03", "2024-04", "2024-05", "2024-06", "2024-07"]
    assert body["months"][1] == {"month": "2024-04"}


def test_web_api_article_leaves_out_the_raw_input(client):
    aid = first_signal(client)["article_id"]
    body = client.get(f"/api/articles/{aid}").json()
    assert "raw" not in body["article"] and body["article"]["text"] and body["signals"]


# --- pages ---------------------------------------------------------------------------------------


class Marks(HTMLParser):
    """Collects the text inside each highlighted record, by record."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str] | None] = []
        self.text: dict[tuple[str, str], str] = {}
        self.focus: set[tuple[str, str]] = set()

    def handle_starttag(self, tag, attrs):
        if tag != "mark":
            return
        a = dict(attrs)
        key = None
        if "data-signal" in a or "data-quote" in a:
            key = ("signal", a["data-signal"]) if "data-signal" in a else ("quote", a["data-quote"])
            if "focus" in a["class"].split():
                self.focus.add(key)
        self.stack.append(key)

    def handle_endtag(self, tag):
        if tag == "mark":
            self.stack.pop()

    def handle_data(self, data):
        for key in {k for k in self.stack if k}:
            self.text[key] = self.text.get(key, "") + data


def test_web_signals_page_filters(client):
    html = client.get("/signals", params={"stance": "conditional", "actor": ""}).text
    stances = re.findall(r'data-stance="(\w+)"', html)
    assert stances == ["conditional"]
    assert 'value="conditional" selected' in html


def test_web_article_page_highlights_every_record_in_place(client, workbench_db):
    with Store(workbench_db, readonly=True) as s:
        for art in s.article_index():
            f = Filters(article=art["id"])
            sigs, quotes = s.signals(f), s.quotes(f)
            text = s.article(art["id"])["text"]
            focus = sigs[0]["id"]
            page = client.get(f"/articles/{art['id']}", params={"signal": focus}).text
            marks = Marks()
            marks.feed(page)
            for r in sigs:
                assert marks.text[("signal", str(r["id"]))] == text[r["clean_start"]:r["clean_end"]]
                assert f'href="#signal-{r["id"]}"' in page and f'id="signal-{r["id"]}"' in page
            for q in quotes:
                assert marks.text[("quote", str(q["id"]))] == text[q["clean_start"]:q["clean_end"]]
            assert marks.focus == {("signal", str(focus))}


def test_web_article_text_is_escaped(client):
    sig = first_signal(client, actor="Tarn")
    page = client.get(f"/articles/{sig['article_id']}").text
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    marks = Marks()
    marks.feed(page)
    assert HOSTILE in marks.text[("quote", str(client.get("/api/quotes?actor=Tarn").json()["rows"][0]["id"]))]


@pytest.mark.parametrize("url", ["/signals", "/quotes", "/actors/Tarn", "/articles"])
def test_web_pages_escape_untrusted_fields(client, url):
    page = client.get(url).text
    assert "<script" not in page and "<img" not in page


def test_web_javascript_urls_are_not_linked(client):
    sig = first_signal(client, actor="Darran")
    page = client.get(f"/articles/{sig['article_id']}").text
    assert "javascript:" not in page
    assert "javascript:" not in client.get("/signals").text


def test_web_actor_page_shows_chart_history_conditions_and_quotes(client):
    page = client.get("/actors/Amara%20Velic").text
    assert page.count('class="mark stance-') == 3 and "<svg" in page
    assert "refuse → conditional → open" in page
    assert "the group lays down its arms" in page and "terrorism" in page
    assert "We do not talk to bombers," in page


def test_web_actor_page_links_marks_to_the_evidence(client):
    page = client.get("/actors/Amara%20Velic").text
    links = re.findall(r'<a href="(/articles/[^"]+)"><circle', page)
    assert len(links) == 3 and all("?signal=" in link for link in links)


def test_web_home_redirects_to_signals(client):
    r = client.get("/", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/signals"


def test_web_serve_binds_to_loopback_by_default(monkeypatch, workbench_db, capsys):
    import uvicorn
    from typer.testing import CliRunner

    from parley.cli import app

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda web, host, port, **kw: seen.update(host=host, port=port))
    result = CliRunner().invoke(app, ["serve", "--db", str(workbench_db)])
    assert result.exit_code == 0, result.output
    assert seen == {"host": "127.0.0.1", "port": 8000}


# --- highlighting, on any text and any spans ------------------------------------------------------


@st.composite
def text_and_spans(draw):
    text = draw(st.text(alphabet=st.sampled_from(list("ab <>&\"'\n")), max_size=40))
    n = len(text)
    spans = []
    for i in range(draw(st.integers(0, 5))):
        start = draw(st.integers(-2, n + 2))
        end = draw(st.integers(-2, n + 2))
        spans.append(Span(draw(st.sampled_from(["signal", "quote"])), i, start, end))
    return text, spans


@given(text_and_spans())
def test_web_highlight_marks_every_span_exactly_and_escapes_the_rest(case):
    text, spans = case
    out, unplaced = highlight(text, spans, focus="signal-0")
    marks = Marks()
    marks.feed(str(out))
    good = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    assert unplaced == [s for s in spans if s not in good]
    for s in good:
        assert marks.text[(s.kind, str(s.record_id))] == text[s.start:s.end]
    assert "<" not in str(out).replace("<mark", "").replace("</mark>", "").replace("<a ", "").replace("</a>", "")
    # without the tags, the page text is the article text
    plain = re.sub(r'<a class="tag[^>]*>[SQ]\d+</a>', "", str(out))
    plain = re.sub(r"</?mark[^>]*>", "", plain)
    assert html.unescape(plain) == text
