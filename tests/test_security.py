"""Hostile input against every surface: SQL and FTS5 in filters, path traversal, a read-only
server, and article text that tries to act on a terminal.

The headless-browser half (scripts in article text never run) is ``test_security_browser.py``;
the hostile corpus both use is built here.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import make_analysis, running_server, store_file
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from parley.cli import app as cli
from parley.store import Store
from parley.web.app import CSP, create_app

# --- the hostile corpus ---------------------------------------------------------------------------------

#: markup that would run, or change the page, if it were ever rendered unescaped
PAYLOADS = [
    '<script>window.__pwned=(window.__pwned||0)+1;alert("script")</script>',
    '<img src=x onerror="window.__pwned=1;alert(\'img\')">',
    '<svg onload="alert(\'svg\')"><circle r="5"/></svg>',
    '<a href="javascript:alert(\'link\')">read more</a>',
    '"><script>alert("attribute")</script>',
    "' onmouseover='alert(\"quote\")' x='",
    '&lt;script&gt;alert("entity")&lt;/script&gt; &amp;amp; &#60;b&#62;bold&#60;/b&#62;',
    '<iframe src="javascript:alert(\'frame\')"></iframe>',
    '<style>body{display:none}</style>',
    '</textarea></title></svg><script>alert("close")</script>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(\'meta\')">',
    '<base href="javascript:alert(\'base\')//">',
    '<form action="javascript:alert(\'form\')"><button>go</button></form>',
    "{{ 7*7 }} {% if true %}template{% endif %}",
]
HOLDER = 'Tarn <img src=x onerror="alert(\'holder\')">'
COUNTERPART = '<script>alert("counterpart")</script>Lask'
SPEAKER = '<svg/onload=alert("speaker")> Velic'
OUTLET = '<b onmouseover="alert(\'outlet\')">Herald</b>'
URLS = ['javascript:alert("url")', 'https://example.org/a"><script>alert("href")</script>',
        "data:text/html,<script>alert('data')</script>", " JavaScript:alert('spaced')"]


def hostile_analyses():
    """One article per payload: the payload in its text, title, evidence, quote and every name."""
    out = []
    for i, payload in enumerate(PAYLOADS):
        evidence = f"{HOLDER} said {payload} would never stop talks with {COUNTERPART} number {i}."
        quote = f"We will not talk {payload}"
        text = f'{evidence} "{quote}," {SPEAKER} said.'
        date = "2024-03-09" if i % 3 else ('2024-03<script>alert("date")</script>' if i == 3 else None)
        out.append(make_analysis(
            f'<script>alert("ref")</script>{i}.txt', text, date,
            [(HOLDER, COUNTERPART, "refuse", evidence, (f"unless {payload}",), (f"because {payload}",))],
            [(SPEAKER, quote)], title=f"Title {payload}", url=URLS[i % len(URLS)], outlet=OUTLET,
        ))
    return out


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    return store_file(tmp_path / "hostile.db", hostile_analyses())


@pytest.fixture
def client(hostile_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(hostile_db), raise_server_exceptions=False) as c:
        yield c


def raw_get(port: int, target: str) -> tuple[int, dict[str, str], bytes]:
    """GET ``target`` exactly as written (no client-side normalisation of ``..`` or escapes)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
        c.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("latin-1"))
        data = b""
        while chunk := c.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return int(lines[0].split()[1]), headers, body


def file_state(db: Path) -> dict[str, tuple[str, int] | None]:
    """Checksum and mtime of the store and its WAL: what a writer would change."""
    out: dict[str, tuple[str, int] | None] = {}
    for suffix in ("", "-wal"):
        p = Path(str(db) + suffix)
        out[suffix or "db"] = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) if p.exists() else None
    return out


# --- SQL injection through filters -----------------------------------------------------------------------

SQL_PAYLOADS = [
    "' OR '1'='1", "' OR 1=1 --", '"; DROP TABLE signals; --', "%' UNION SELECT name, sql FROM sqlite_master --",
    "x') OR ('a'='a", "1; ATTACH DATABASE 'pwned.db' AS pwn; --", "%", "_", "\\", "%%' --", "Tarn'--",
]
LIKE_FILTERS = {"actor": "holder", "side": "holder_side", "counterpart": "counterpart", "outlet": "outlet"}


def _counts(db: Path) -> dict[str, int]:
    with Store(db, readonly=True) as s:
        return {t: s.count(t) for t in ("articles", "signals", "quotes", "actors", "errors")}


@pytest.mark.parametrize("param", list(LIKE_FILTERS))
def test_security_sql_payloads_in_filters_match_literally(client, hostile_db, tmp_path, param):
    before = _counts(hostile_db)
    everything = client.get("/api/signals", params={"limit": 1000}).json()["rows"]
    for payload in SQL_PAYLOADS:
        r = client.get("/api/signals", params={param: payload, "limit": 1000})
        assert r.status_code == 200, (payload, r.text)
        want = [row["id"] for row in everything if payload.lower() in (row[LIKE_FILTERS[param]] or "").lower()]
        assert [row["id"] for row in r.json()["rows"]] == want, payload
        assert client.get("/api/quotes", params={param: payload}).status_code == 200
        assert client.get("/signals", params={param: payload}).status_code == 200
    assert _counts(hostile_db) == before
    assert not (tmp_path / "pwned.db").exists() and not Path("pwned.db").exists()


def test_security_sql_payloads_in_dates_and_stance_are_rejected(client):
    for payload in SQL_PAYLOADS:
        for param in ("since", "until", "stance"):
            r = client.get("/api/signals", params={param: payload})
            assert r.status_code == 422 and r.json()["ok"] is False, (param, payload)


FTS_ERRORS = ['"unbalanced', "AND", "OR OR", "NEAR(", "x NOT", "*", "(", ")", "a AND (b", "^", "-x",
              "' OR 1=1 --", "nosuchcolumn:talks", "\x00", '"; DROP TABLE signals; --']


@pytest.mark.parametrize("query", FTS_ERRORS)
def test_security_fts5_syntax_errors_are_a_clear_400(client, hostile_db, query):
    before = _counts(hostile_db)
    for url in ("/api/signals", "/api/quotes"):
        r = client.get(url, params={"search": query})
        assert r.status_code == 400, r.text
        body = r.json()
        assert set(body) == {"ok", "error", "status"} and body["status"] == 400
        assert body["error"].startswith("bad search query")
    page = client.get("/signals", params={"search": query})
    assert page.status_code == 400 and "bad search query" in page.text
    assert page.headers["content-security-policy"] == CSP
    assert _counts(hostile_db) == before


@pytest.mark.parametrize("query", ["talks", '"never stop"', "title:Title", "talk*", "talks NOT absent", "{title text}: Lask"])
def test_security_valid_fts5_queries_still_work(client, query):
    r = client.get("/api/signals", params={"search": query})
    assert r.status_code == 200 and r.json()["total"] > 0, r.text


@pytest.mark.parametrize("query", ['"unbalanced', "NEAR(", "' OR 1=1 --"])
def test_security_cli_bad_search_is_exit_2_with_one_line(hostile_db, query):
    from parley.cli import main

    for command in ("signals", "quotes"):
        result = CliRunner().invoke(cli, [command, "--db", str(hostile_db), "--search", query], standalone_mode=False)
        assert result.exception is not None and result.exception.exit_code == 2
        assert result.exception.code == "P400" and "bad search query" in result.exception.message
    # and through the real entry point: one line, the hint, exit 2, no traceback
    argv = sys.argv
    sys.argv = ["parley", "signals", "--db", str(hostile_db), "--search", query]
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as exit_:
            main()
    finally:
        sys.argv = argv
    assert exit_.value.code == 2
    assert err.getvalue().startswith("error P400") and "Traceback" not in err.getvalue()


@pytest.mark.parametrize("payload", SQL_PAYLOADS)
def test_security_cli_sql_payloads_are_literal(hostile_db, payload):
    before = _counts(hostile_db)
    result = CliRunner().invoke(cli, ["signals", "--db", str(hostile_db), "--actor", payload, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert all(payload.lower() in r["holder"].lower() for r in rows)
    assert _counts(hostile_db) == before


@pytest.mark.parametrize("url", ["/api/signals?offset=100000000000000000000", "/api/signals/100000000000000000000",
                                 "/api/quotes/-100000000000000000000", "/articles?offset=99999999999999999999",
                                 "/api/articles?limit=99999999999999999999"])
def test_security_numbers_beyond_sqlite_are_422_not_500(client, url):
    r = client.get(url)
    assert r.status_code == 422, r.text


def test_security_cli_limit_beyond_sqlite_is_a_usage_error(hostile_db):
    result = CliRunner().invoke(cli, ["signals", "--db", str(hostile_db), "--limit", str(10**20)])
    assert result.exit_code == 2 and "Traceback" not in result.output


# --- nothing outside the routes; never a write -------------------------------------------------------------

TRAVERSALS = [
    "/static/../../etc/passwd", "/static/..%2f..%2f..%2fetc%2fpasswd", "/static/%2e%2e/%2e%2e/etc/passwd",
    "/static/%252e%252e%252f%252e%252e%252fetc%252fpasswd", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
    "//etc/passwd", "/static//etc/passwd", "/static/%2Fetc%2Fpasswd", "/static/style.css%00.py",
    "/static/..\\..\\..\\etc\\passwd", "/static/%5c..%5c..%5cetc%5cpasswd", "/static/.%2e/.%2e/etc/passwd",
    "/static/....//....//etc/passwd", "/static/style.css/..", "/articles/..%2f..%2f..%2fetc%2fpasswd",
    "/api/../../etc/passwd", "/api/%2e%2e/%2e%2e/etc/passwd", "/api/actors/..%2f..%2f..%2fetc%2fpasswd",
    "/api/articles/../../../../etc/passwd", "/static/parley.db", "/parley.db", "/hostile.db",
    "/static/../templates/base.html", "/web/static/style.css", "http://elsewhere.example/etc/passwd",
]


def test_security_path_traversal_is_404_in_the_one_error_shape(hostile_db):
    with running_server(hostile_db) as port:
        assert raw_get(port, "/static/style.css")[0] == 200
        for target in TRAVERSALS:
            status, headers, body = raw_get(port, target)
            assert status == 404, (target, status, body[:200])
            assert headers["content-security-policy"] == CSP, target
            assert b"root:" not in body and b"SQLite format" not in body
            if target.startswith("/api/"):
                shape = json.loads(body)
                assert set(shape) == {"ok", "error", "status"} and shape["status"] == 404, target
            else:
                assert headers["content-type"].startswith("text/html") and b"Error 404" in body, target


def test_security_server_never_writes_to_the_store(hostile_db):
    before = file_state(hostile_db)
    with running_server(hostile_db) as port:
        status, _, body = raw_get(port, "/api/signals?limit=1000")
        rows = json.loads(body)["rows"]
        targets = ["/signals", "/quotes", "/actors", "/articles", "/api/actors", "/api/articles",
                   "/api/timeline?actor=Tarn", "/signals?search=%22bad", "/api/nowhere", "/static/style.css"]
        targets += [f"/articles/{r['article_id']}?signal={r['id']}" for r in rows]
        targets += ["/actors/" + r["holder"].replace(" ", "%20").replace('"', "%22") for r in rows[:1]]
        for target in targets:
            assert raw_get(port, target)[0] in (200, 400, 404), target
    after = file_state(hostile_db)
    assert after["db"] == before["db"]  # not a byte, not a touch
    assert after["-wal"] is None or Path(str(hostile_db) + "-wal").stat().st_size == 0


def test_security_serve_warns_when_not_on_loopback(monkeypatch, hostile_db, caplog):
    import uvicorn

    seen = {}
    monkeypatch.setattr(uvicorn, "run", lambda web, host, port, **kw: seen.update(host=host))
    result = CliRunner().invoke(cli, ["serve", "--db", str(hostile_db), "--host", "0.0.0.0"])
    assert result.exit_code == 0 and seen == {"host": "0.0.0.0"}
    assert any("anyone who can reach" in r.getMessage() for r in caplog.records)


# --- the terminal: Rich markup and escape sequences in article text print literally --------------------------

TERMINAL = "[bold]loud[/bold] [/] [link=https://evil.example]x[/link] \x1b]0;pwned\x07\x1b[2J\x1b]52;c;cHduZWQ=\x07 end"


@pytest.fixture
def terminal_db(tmp_path: Path) -> Path:
    text = f'Velic said talks with Lask were over. "We will not talk {TERMINAL}," Velic said.'
    analysis = make_analysis("t.txt", text, "2024-01-02", [("Velic [red]", "Lask", "refuse", "Velic said talks with Lask were over.", (), ())],
                             [("Velic [red]", f"We will not talk {TERMINAL}")])
    return store_file(tmp_path / "terminal.db", [analysis])


@pytest.mark.parametrize("command", ["signals", "quotes", "actors"])
def test_security_cli_tables_print_markup_literally_and_no_escapes(terminal_db, command):
    result = CliRunner().invoke(cli, [command, "--db", str(terminal_db)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "Velic [red]" in result.output
    if command == "quotes":
        flat = "".join(line.strip("│ ") for line in result.output.splitlines())
        assert "[bold]loud[/bold]" in flat and "\\x1b]0;pwned" in flat and "\\x1b[2J" in flat


def test_security_cli_json_escapes_control_characters(terminal_db):
    result = CliRunner().invoke(cli, ["quotes", "--db", str(terminal_db), "--format", "jsonl"])
    assert "\x1b" not in result.output and TERMINAL in json.loads(result.output)["quote_text"]


def test_security_progress_labels_are_not_markup(monkeypatch):
    """Labels are file names and record ids: a stray ``[/bold]`` once crashed a whole ingest."""
    from parley.progress import progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    with progress() as advance:
        for label in ["[link=https://evil.example]x", "evil-[/bold].txt", "\x1b]0;pwned\x07.txt", "[/]"]:
            advance(label)
            time.sleep(0.15)  # let the display refresh with each label
    shown = screen.getvalue()
    assert "\x1b]8;" not in shown and "\x1b]0;pwned" not in shown  # no hyperlink, no window title
    assert "[/]" in shown
