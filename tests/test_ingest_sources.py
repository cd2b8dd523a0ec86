"""Sources: feeds, WARC archives, gzip, JSON field names, standard input and URLs."""

from __future__ import annotations

import gzip
import http.server
import io
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from parley.batch import analyze_inputs
from parley.ingest.article import prepare
from parley.ingest.fetch import USER_AGENT
from parley.ingest.sources import RawInput, iter_inputs
from parley.model import ErrorRecord
from parley.offsets import OffsetMap
from parley.settings import Settings

BODY = (
    "Envoys of Kestria and Varosia met in Oslo on Monday to resume talks on a ceasefire, officials said, "
    "after weeks of shelling along the border."
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Talks resume in Oslo</title></head><body>"
    "<nav>Home | World | Sport</nav><article><h1>Talks resume in Oslo</h1>"
    f"<p>{BODY}</p><p>&ldquo;We are ready to talk,&rdquo; the Kestrian envoy said. The Varosian side said it "
    "would return next week with a written proposal for a truce along the river.</p>"
    "<p>Neither delegation spoke to reporters after the session, which lasted four hours.</p></article>"
    "<footer>&copy; 2024 Herald</footer></body></html>"
)
RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Kestria Herald</title><link>https://herald.example/</link>
<item><title>Talks resume in Oslo</title><link>https://herald.example/2024/03/04/talks</link>
<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate><author>desk@herald.example (Mara Quill)</author>
<content:encoded><![CDATA[<p>{BODY}</p><p>The Varosian side said it would return next week with a written proposal.</p>]]></content:encoded>
</item>
<item><title>Short item</title><link>https://herald.example/2024/03/05/short</link>
<description>Varosia said on Tuesday it would not attend the next round of talks in Oslo.</description></item>
</channel></rss>"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Delta Wire</title>
<entry><title>Delta talks</title><id>urn:delta:1</id><link href="https://delta.example/a/1"/>
<updated>2023-06-02T08:00:00Z</updated><author><name>Ana Lind</name></author>
<content type="html">&lt;p&gt;{BODY}&lt;/p&gt;</content></entry></feed>"""


def _codes(items):
    return [i.code for i in items if isinstance(i, ErrorRecord)]


def _raws(items):
    return [i for i in items if isinstance(i, RawInput)]


def test_ingest_sources_rss_items_with_content_and_summary(tmp_path: Path):
    (tmp_path / "feed.rss").write_text(RSS, encoding="utf-8")
    raws = _raws(iter_inputs([str(tmp_path / "feed.rss")]))
    assert [r.title for r in raws] == ["Talks resume in Oslo", "Short item"]
    first = prepare(raws[0])
    assert first.outlet == "The Kestria Herald" and first.date == "2024-03-04"
    assert first.url == "https://herald.example/2024/03/04/talks" and first.source.endswith(":item 1")
    assert BODY in first.text and "<p>" not in first.text
    i = first.text.index("Envoys")
    s, e = OffsetMap(first.segments).span_to_raw(i, i + len(BODY))
    assert first.raw[s:e] == BODY
    assert "would not attend" in prepare(raws[1]).text


def test_ingest_sources_atom_feed_and_gzip(tmp_path: Path):
    with gzip.open(tmp_path / "wire.atom.gz", "wt", encoding="utf-8") as fh:
        fh.write(ATOM)
    raws = _raws(iter_inputs([str(tmp_path)]))
    assert len(raws) == 1 and raws[0].authors == ("Ana Lind",) and raws[0].date == "2023-06-02"
    assert BODY in prepare(raws[0]).text


def test_ingest_sources_broken_feed_is_p114(tmp_path: Path):
    (tmp_path / "broken.rss").write_text("<?xml version='1.0'?><rss><channel><title>x", encoding="utf-8")
    assert _codes(iter_inputs([str(tmp_path / "broken.rss")])) == ["P114"]


def _warc(pages: list[tuple[str, str]], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, html in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode()),
                                                      http_headers=headers))
        img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url + ".png", "response", payload=io.BytesIO(b"\x89PNG"),
                                                      http_headers=img))
    return buf.getvalue()


@pytest.mark.parametrize("gz", [False, True])
def test_ingest_sources_warc_html_responses(tmp_path: Path, gz: bool):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(_warc([("https://herald.example/2024/03/04/a", PAGE), ("https://herald.example/b", PAGE)], gz))
    items = list(iter_inputs([str(path)]))
    raws = _raws(items)
    assert [r.url for r in raws] == ["https://herald.example/2024/03/04/a", "https://herald.example/b"]
    assert [r.location for r in raws] == ["record 1", "record 3"] and not _codes(items)
    art = prepare(raws[0])
    assert BODY in art.text and art.date == "2024-03-04"


def test_ingest_sources_truncated_warc_keeps_records_before_the_cut(tmp_path: Path):
    data = _warc([("https://a.example/1", PAGE), ("https://a.example/2", PAGE)], gz=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 200])
    items = list(iter_inputs([str(path)]))
    assert len(_raws(items)) >= 1 and _codes(items) == ["P109"]
    err = [i for i in items if isinstance(i, ErrorRecord)][0]
    assert err.source == str(path) and err.location.startswith("after record")


def test_ingest_sources_json_field_names_are_configurable(tmp_path: Path):
    rec = {"uid": 7, "story": {"body": BODY, "published": "2024-03-04T10:00:00Z"}, "link": "https://x.example/a"}
    (tmp_path / "export.json").write_text(json.dumps({"items": [rec]}), encoding="utf-8")
    settings = Settings(fields=("id=uid", "text=story.body", "date=story.published", "url=link"))
    raws = _raws(iter_inputs([str(tmp_path / "export.json")], settings))
    assert len(raws) == 1 and raws[0].ref == "7" and raws[0].url == "https://x.example/a"
    art = prepare(raws[0])
    assert art.date == "2024-03-04" and BODY in art.text


def test_ingest_sources_json_html_field_and_bad_types(tmp_path: Path):
    lines = [json.dumps({"id": "p", "html": PAGE}), json.dumps({"id": "f", "html": f"<p>{BODY}</p>"}),
             json.dumps({"id": "bad", "title": ["not", "a string"], "text": BODY})]
    (tmp_path / "r.jsonl").write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_inputs([str(tmp_path / "r.jsonl")]))
    assert [r.format for r in _raws(items)] == ["html", "fragment"]
    assert _codes(items) == ["P107"] and items[2].location == "line 3"


def test_ingest_sources_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch):
    data = "\n".join(json.dumps({"id": str(i), "text": BODY + f" Round {i}."}) for i in range(3)).encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert [r.ref for r in _raws(iter_inputs(["-"]))] == ["0", "1", "2"]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(gzip.compress(PAGE.encode()))))
    assert [r.format for r in _raws(iter_inputs(["-"]))] == ["html"]


@pytest.mark.parametrize(
    "data, code",
    [(b"", "P101"), (b"\x7fELF" + bytes(60), "P102"), (bytes(range(1, 9)) * 8, "P102"),
     (b"x" * 300, "P104"), (gzip.compress(b"some text")[:-6], "P109")],
)
def test_ingest_sources_bad_input_names_the_file(tmp_path: Path, data: bytes, code: str):
    p = tmp_path / ("bad.txt.gz" if code == "P109" else "bad.txt")
    p.write_bytes(data)
    items = list(iter_inputs([str(p)], Settings(max_bytes=200)))
    assert _codes(items) == [code] and items[0].source == str(p)


def test_ingest_sources_html_with_no_article_is_p108(tmp_path: Path):
    p = tmp_path / "empty.html"
    p.write_text("<html><body><nav>Home | About</nav></body></html>", encoding="utf-8")
    [analysis] = list(analyze_inputs(iter_inputs([str(p)])))
    assert [e.code for e in analysis.errors] == ["P108"] and analysis.errors[0].source == str(p)


# --- URLs, against a server on loopback --------------------------------------------------


class _Handler(http.server.BaseHTTPRequestHandler):
    seen_agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        _Handler.seen_agents.append(self.headers.get("User-Agent", ""))
        routes = {"/2024/03/04/page": ("text/html; charset=utf-8", PAGE.encode()),
                  "/feed": ("application/rss+xml", RSS.encode()),
                  "/big": ("text/plain", b"word " * 2000)}
        if self.path == "/slow":
            import time

            time.sleep(1.5)
        if self.path not in routes:
            self.send_error(404, "Not Found")
            return
        ctype, body = routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (the timeout test), as it should

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_ingest_sources_urls_are_fetched_with_an_honest_agent(server: str):
    items = list(iter_inputs([f"{server}/2024/03/04/page", f"{server}/feed"]))
    raws = _raws(items)
    assert len(raws) == 3 and not _codes(items)
    assert raws[0].url == f"{server}/2024/03/04/page" and raws[0].format == "html"
    assert prepare(raws[0]).date == "2024-03-04"
    assert _Handler.seen_agents and all(a == USER_AGENT for a in _Handler.seen_agents)
    assert USER_AGENT.startswith("parley/")


def test_ingest_sources_url_failures_are_coded(server: str):
    settings = Settings(max_bytes=1000, fetch_timeout=0.5)
    items = list(iter_inputs([f"{server}/missing", f"{server}/big", f"{server}/slow"], settings))
    assert _codes(items) == ["P111", "P104", "P111"]
    assert "404" in items[0].message and items[0].source == f"{server}/missing"


def test_ingest_sources_html_evidence_offsets_index_the_page():
    import parley

    result = parley.analyze(PAGE)
    assert result.quotes, "the page has a quotation"
    for q in [*result.quotes, *result.statements]:
        assert PAGE[q.start : q.end] == q.quote
    for s in result.signals:
        assert PAGE[s.start : s.end] == s.evidence


def test_ingest_sources_cli_urls_file_and_field_names(server: str, tmp_path: Path):
    from typer.testing import CliRunner

    from parley.cli import app

    urls = tmp_path / "urls.txt"
    urls.write_text(f"# pages to read\n{server}/2024/03/04/page\n\n{server}/missing\n", encoding="utf-8")
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"key": "k1", "body": BODY}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["extract", str(records), "--urls", str(urls), "--field", "id=key",
                                      "--field", "text=body", "-o", str(out)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines][0] == "k1" and len(lines) == 3
    assert lines[1]["url"] == f"{server}/2024/03/04/page" and BODY in lines[1]["text"]
    assert [e["code"] for e in lines[2]["errors"]] == ["P111"]
