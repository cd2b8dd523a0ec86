from parley.model import Actor, Analysis, Article, Role, Signal


def test_model_as_dict_is_json_ready():
    sig = Signal("A", "X", None, "open", "ev", 0, 2, 0, 2, conditions=("c",), reasons=("other",))
    d = sig.as_dict()
    assert d["conditions"] == ["c"] and d["reasons"] == ["other"] and d["counterpart"] is None


def test_model_role_covers_dates_of_any_precision():
    role = Role("president", "Russia", "2000", "2008")
    assert role.covers("2004-02-06")
    assert role.covers("2008-12-31")
    assert not role.covers("2009-01-01")
    assert role.covers(None)


def test_model_actor_side_follows_dated_role():
    a = Actor("Ana", "person", "Varosia", roles=(Role("envoy", "United Nations", "2020", "2022"),))
    assert a.side_on("2021-05-01") == "United Nations"
    assert a.side_on("2023-01-01") == "Varosia"


def test_model_contract_uses_ref_as_id_and_keeps_hash():
    art = Article(id="h1", raw="r", text="t", segments=((0, 0, 1),), ref="doc-7")
    line = Analysis(article=art).as_contract()
    assert line["id"] == "doc-7" and line["hash"] == "h1"
    assert set(line) >= {"id", "title", "authors", "date", "outlet", "text", "quotes", "signals", "errors"}


def test_model_tables_rows_follow_declared_columns(wire_analysis):
    from parley.tables import TABLES, rows

    out = rows(wire_analysis)
    assert len(out["articles"]) == 1 and out["signals"]
    for name, cols in TABLES.items():
        for r in out[name]:
            assert tuple(r) == cols
