import gzip
import json
from pathlib import Path

import pytest

from parley.ingest.article import content_id, prepare
from parley.ingest.decode import decode, looks_binary
from parley.ingest.sources import RawInput, iter_inputs
from parley.model import ErrorRecord
from parley.settings import Settings


def _codes(items):
    return [i.code for i in items if isinstance(i, ErrorRecord)]


def test_ingest_jsonl_records_and_bad_lines(tmp_path: Path):
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Kestria and Varosia held talks in Oslo on Monday.", "date": "2024-01-02"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": 42}),
        json.dumps(["a list"]),
        "",
    ]
    p.write_text("\n".join(lines), encoding="utf-8")
    items = list(iter_inputs([str(p)]))
    raws = [i for i in items if isinstance(i, RawInput)]
    assert [r.ref for r in raws] == ["a"] and raws[0].date == "2024-01-02"
    assert _codes(items) == ["P105", "P106", "P107", "P105"]
    assert [i.location for i in items if isinstance(i, ErrorRecord)] == ["line 2", "line 3", "line 4", "line 5"]


def test_ingest_directory_walk_with_globs_and_gzip(tmp_path: Path):
    (tmp_path / "a.txt").write_text("One article about talks between two states.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    with gzip.open(tmp_path / "sub" / "b.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write("Another article about a ceasefire.")
    (tmp_path / "skip.log").write_text("ignored", encoding="utf-8")
    settings = Settings(exclude=("*.log",))
    refs = sorted(Path(i.source).name for i in iter_inputs([str(tmp_path)], settings))
    assert refs == ["a.txt", "b.txt.gz"]


@pytest.mark.parametrize(
    "data, code",
    [(b"", "P101"), (b"\x89PNG\r\n\x1a\n" + bytes(50), "P102"), (b"x" * 200, "P104")],
)
def test_ingest_bad_files_become_coded_errors(tmp_path: Path, data: bytes, code: str):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    items = list(iter_inputs([str(p)], Settings(max_bytes=100)))
    assert _codes(items) == [code]


def test_ingest_missing_path_is_p100(tmp_path: Path):
    assert _codes(iter_inputs([str(tmp_path / "nope.txt")])) == ["P100"]


def test_ingest_decode_legacy_encodings():
    text = "Переговоры в Москве продолжаются, заявил представитель министерства иностранных дел."
    assert decode(text.encode("cp1251")) == text
    assert decode(text.encode("utf-16")) == text
    assert not looks_binary(text.encode("utf-16"))


def test_ingest_content_id_ignores_whitespace_only_changes():
    assert content_id("a  b\nc") == content_id("a b c") != content_id("a b d")


def test_ingest_prepare_plain_text_keeps_body_and_metadata(wire_file: Path):
    raw = next(iter(iter_inputs([str(wire_file)])))
    art = prepare(raw)
    assert art.title == "Kestria Rejects Talks With Northern Front"
    assert art.authors == ("Mara Quill",)
    assert art.date == "2024-03-09"
    assert art.dateline == "Kestria City"
    assert "never negotiate" in art.text and "©" not in art.text


def test_ingest_html_page_is_mapped_back_to_source():
    page = (
        "<html><head><title>Talks resume</title></head><body><nav>Home | World</nav><article>"
        "<h1>Talks resume</h1><p>Envoys of Kestria and Varosia met in Oslo on Monday to resume talks on a "
        "ceasefire, officials said, after weeks of shelling along the border.</p>"
        "<p>&ldquo;We are ready to talk,&rdquo; the Kestrian envoy said. The Varosian side said it would "
        "return next week with a written proposal for a truce.</p></article>"
        "<footer>&copy; 2024 Herald</footer></body></html>"
    )
    art = prepare(RawInput(page, "html", "page.html"))
    assert "resume talks on a ceasefire" in art.text
    from parley.offsets import OffsetMap

    m = OffsetMap(art.segments)
    i = art.text.index("Envoys of Kestria")
    s, e = m.span_to_raw(i, i + len("Envoys of Kestria"))
    assert page[s:e] == "Envoys of Kestria"
