from parley import digest


def sig(d, stance, holder="A", counterpart="B", sid=0, evidence="x", **kw):
    return {"id": sid, "date": d, "stance": stance, "holder": holder, "counterpart": counterpart,
            "evidence": evidence, "article_id": f"art{sid}", "seq": 0, "confidence": 0.5, **kw}


ROWS = [sig("2024-05-01", "conditional", sid=2), sig("2024-01-01", "refuse", sid=1), sig("2024-06-01", "conditional", sid=3),
        sig("2024-07-01", "open", sid=4), sig(None, "open", holder="C", sid=5), sig("2024-02-01", "refuse", "A", "D", sid=6)]


def test_digest_dyads_latest_and_history():
    groups = digest.dyads(ROWS)
    ab = next(d for d in groups if (d.holder, d.counterpart) == ("A", "B"))
    assert ab.latest["id"] == 4 and ab.previous_stance == "conditional"
    assert ab.history() == ["refuse", "conditional", "open"]
    assert groups[0] is ab and groups[-1].holder == "C"  # most recent first, undated last


def test_digest_changes_in_date_order():
    changes = digest.changes(digest.dyads(ROWS))
    assert [(c.before, c.after, c.row["id"]) for c in changes] == [("refuse", "conditional", 2),
                                                                 ("conditional", "open", 4)]


def test_digest_conditions_and_reasons():
    rows = [sig("2024-01-01", "conditional", sid=1, conditions=["troops leave"], reasons=["terrorism"]),
            sig("2024-02-01", "refuse", sid=2, reasons=["terrorism", "legitimacy"])]
    assert [(c, r["id"]) for c, r in digest.conditions(rows)] == [("troops leave", 1)]
    assert [(code, n, r["id"]) for code, n, r in digest.reasons(rows)] == [("terrorism", 2, 2), ("legitimacy", 1, 2)]


def test_digest_strength_prefers_quoted_reasoned_evidence():
    plain = sig("2024-01-01", "open", sid=1, counterpart=None)
    quoted = sig("2024-01-01", "open", sid=2, evidence='"We will talk," she said.', reasons=["other"])
    assert digest.strength(quoted) > digest.strength(plain)
    assert [r["id"] for r in digest.strongest([plain, quoted], 1)] == [2]


def test_digest_overlapping_quotes():
    s = {"article_id": "a", "clean_start": 10, "clean_end": 20}
    quotes = [{"article_id": "a", "clean_start": 5, "clean_end": 11}, {"article_id": "a", "clean_start": 20, "clean_end": 30},
              {"article_id": "b", "clean_start": 12, "clean_end": 14}]
    assert digest.overlapping(quotes, s) == [quotes[0]]
