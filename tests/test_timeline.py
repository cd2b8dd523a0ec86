import xml.etree.ElementTree as ET
from datetime import date

import pytest

from parley import timeline
from parley.errors import UsageError
from parley.store import Store

SVG = "{http://www.w3.org/2000/svg}"


def row(d, stance, counterpart="Northern Front", evidence="They said so.", sid=1):
    return {"id": sid, "date": d, "stance": stance, "holder": "Amara Velic", "counterpart": counterpart,
            "evidence": evidence, "article_id": "a1", "conditions": [], "reasons": []}


@pytest.mark.parametrize("value,want", [("2024-03-09", date(2024, 3, 9)), ("2024-03", date(2024, 3, 1)),
                                        ("2024", date(2024, 1, 1)), ("2024-03-09T10:00:00", date(2024, 3, 9)),
                                        ("", None), (None, None), ("March 2024", None), ("2024-02-30", None)])
def test_timeline_parse_day(value, want):
    assert timeline.parse_day(value) == want


def test_timeline_build_orders_marks_counts_months_and_undated():
    rows = [row("2024-05-02", "open", sid=2), row("2024-02-10", "refuse", sid=1), row(None, "open", sid=3),
            row("2024-05-20", "open", sid=4)]
    tl = timeline.build(rows, "t")
    assert [m.signal_id for m in tl.marks] == [1, 2, 4] and tl.undated == 1
    months = tl.months()
    assert [k for k, _ in months] == ["2024-02", "2024-03", "2024-04", "2024-05"]
    assert months[0][1] == {"refuse": 1} and months[1][1] == {} and months[3][1] == {"open": 2}


def test_timeline_lanes_by_counterpart_put_the_busiest_on_top():
    rows = [row("2024-01-01", "open", "A"), row("2024-01-02", "open", "B"), row("2024-01-03", "refuse", "B"),
            row("2024-01-04", "open", None)]
    tl = timeline.build(rows, "t", lanes="counterpart")
    assert tl.lanes[-1] == "B" and set(tl.lanes) == {"A", "B", timeline.NO_COUNTERPART}


def test_timeline_svg_escapes_evidence_and_keeps_it_in_the_tooltip():
    evil = '</title><script>alert(1)</script> "quoted" & more'
    svg = timeline.svg(timeline.build([row("2024-03-09", "refuse", evidence=evil)], "<b>title</b>"), standalone=True)
    assert "<script" not in svg and "<b>" not in svg
    root = ET.fromstring(svg)
    tips = [c.find(f"{SVG}title").text for c in root.iter(f"{SVG}circle") if c.find(f"{SVG}title") is not None]
    assert len(tips) == 1 and evil in tips[0] and "refuse" in tips[0]


def test_timeline_svg_one_mark_per_signal_coloured_by_stance():
    rows = [row("2024-03-09", s, sid=i) for i, s in enumerate(timeline.STANCE_ORDER)] + [row("2024-03-09", "open", sid=9)]
    root = ET.fromstring(timeline.svg(timeline.build(rows, "t"), standalone=True))
    marks = [c for c in root.iter(f"{SVG}circle") if "mark" in c.get("class", "")]
    assert len(marks) == len(rows)
    assert {(m.get("data-signal"), m.get("fill")) for m in marks} >= {("0", timeline.COLORS["refuse"]),
                                                                      ("9", timeline.COLORS["open"])}
    # two marks on the same day in the same lane do not sit on each other
    opens = [m for m in marks if m.get("fill") == timeline.COLORS["open"]]
    assert len({(m.get("cx"), m.get("cy")) for m in opens}) == 2


def test_timeline_svg_links_marks_when_asked():
    svg = timeline.svg(timeline.build([row("2024-03-09", "open")], "t"), href=lambda m: f"/x?s={m.signal_id}&a=1")
    assert '<a href="/x?s=1&amp;a=1"><circle' in svg


def test_timeline_empty_still_draws(tmp_path):
    tl = timeline.build([row(None, "open")], "nothing dated")
    assert "No dated signals" in timeline.svg(tl)
    timeline.write(tl, tmp_path / "e.png")
    assert (tmp_path / "e.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("suffix", [".png", ".svg", ".html"])
def test_timeline_write_each_format(workbench_db, tmp_path, suffix):
    with Store(workbench_db, readonly=True) as s:
        tl = timeline.for_actor(s, "Velic", "Northern Front")
    assert [m.stance for m in tl.marks] == ["refuse", "conditional", "open"]
    path = timeline.write(tl, tmp_path / f"t{suffix}")
    data = path.read_bytes()
    if suffix == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    elif suffix == ".svg":
        root = ET.fromstring(data)
        assert root.tag == f"{SVG}svg" and len([c for c in root.iter(f"{SVG}circle") if c.get("data-signal")]) == 3
    else:
        page = data.decode()
        assert page.count('class="mark stance-') == 3 and "<script" not in page and "<link" not in page
        assert "signals per month" in page and "Velic toward Northern Front" in page


def test_timeline_rejects_other_outputs(tmp_path):
    with pytest.raises(UsageError):
        timeline.write(timeline.build([], "t"), tmp_path / "t.pdf")


def test_timeline_cli(workbench_db, tmp_path):
    from typer.testing import CliRunner

    from parley.cli import app

    out = tmp_path / "v.html"
    result = CliRunner().invoke(app, ["timeline", "--db", str(workbench_db), "--actor", "Velic", "--out", str(out)])
    assert result.exit_code == 0 and result.output.startswith("3 signals") and out.exists()
    result = CliRunner().invoke(app, ["timeline", "--db", str(workbench_db), "--actor", "Velic",
                                      "--counterpart", "nobody", "--out", str(tmp_path / "n.svg")])
    assert result.exit_code == 0 and result.output.startswith("0 signals")


def test_timeline_needs_an_actor(workbench_db):
    with Store(workbench_db, readonly=True) as s, pytest.raises(UsageError):
        timeline.for_actor(s, "  ")
