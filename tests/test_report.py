import re

from parley.report import build_report
from parley.store import Filters, Store


def report(db, **filters) -> str:
    with Store(db, readonly=True) as s:
        return build_report(s, Filters(**filters), generated="fixed")


def test_report_corpus_briefing(workbench_db):
    page = report(workbench_db)
    assert "Briefing: the corpus" in page and "<svg" in page
    assert "<script" not in page and "<link" not in page  # self-contained, nothing fetched, no code
    assert "&lt;script&gt;" in page
    now = page.split('id="now"')[1].split('id="change"')[0]
    assert re.search(r"Amara Velic</td>\s*<td>Northern Front</td><td><span class=\"stance stance-open\"", now)
    change = page.split('id="change"')[1].split('id="evidence"')[0]
    assert change.count("stance-refuse") >= 1 and "conditional" in change


def test_report_dyad_links_back_to_articles(workbench_db):
    page = report(workbench_db, actor="Velic", counterpart="Northern Front")
    assert "Briefing: Velic and Northern Front" in page
    assert 'href="https://example.org/2024/03/09/talks"' in page
    assert "javascript:" not in page
    assert "Darran" not in page.split('id="now"')[1].split('id="change"')[0]


def test_report_links_to_a_dashboard(workbench_db):
    with Store(workbench_db, readonly=True) as s:
        page = build_report(s, Filters(actor="Velic"), dashboard="http://127.0.0.1:8000/")
    assert re.search(r'href="http://127\.0\.0\.1:8000/articles/\w+\?signal=\d+#at-signal-\d+"', page)


def test_report_strongest_evidence_shows_the_quotes_behind_it(workbench_db):
    page = report(workbench_db, actor="Darran")
    evidence = page.split('id="evidence"')[1]
    assert "quote (direct, Ivo Darran)" in evidence


def test_report_cli(workbench_db, tmp_path):
    from typer.testing import CliRunner

    from parley.cli import app

    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", "--db", str(workbench_db), "--out", str(out), "--actor", "Velic"])
    assert result.exit_code == 0 and "<svg" in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(app, ["report", "--db", str(workbench_db), "--since", "last week"])
    assert bad.exit_code != 0
