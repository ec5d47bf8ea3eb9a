"""Packs are data validated on load: every built-in pack loads, every rule quotes its clause, and
a reviewer's mistake is reported with the exact path of the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkers.pack import PACK_DIR, PackError, all_packs, load_pack, pack_ids, parse_pack
from checkers.roster import roster_ids

OWN = ["hubei-2023-summary", "hubei-2024-summary", "torch-2021-plan"]


def test_every_builtin_pack_loads_and_is_named_after_its_file() -> None:
    packs = all_packs()
    assert [p.id for p in packs] == pack_ids()
    assert set(OWN) <= set(pack_ids())


@pytest.mark.parametrize("pack_id", pack_ids())
def test_every_rule_cites_the_seed_clause_it_enforces(pack_id: str) -> None:
    pack = load_pack(pack_id)
    assert pack.pack.seed
    assert [r.id for r in pack.rules if not r.clause.strip()] == []


@pytest.mark.parametrize("pack_id", OWN)
def test_outline_packs_name_their_roster_and_check_the_cluster(pack_id: str) -> None:
    pack = load_pack(pack_id)
    assert pack.pack.roster in {"hubei-2023-summary": "hubei-2023", "hubei-2024-summary": "hubei-2024",
                                "torch-2021-plan": "torch-2021"}.values()
    kinds = {r.kind for r in pack.rules}
    assert {"identity", "outline", "instructions"} <= kinds
    assert pack.detect.title and pack.detect.headings


def test_packs_name_rosters_that_exist() -> None:
    wanted = {p.pack.roster for p in all_packs() if p.pack.roster}
    missing = sorted(wanted - set(roster_ids()))
    assert missing == [], f"packs name rosters with no file in checkers/rosters: {missing}"


def _own_text() -> str:
    return (PACK_DIR / "hubei-2023-summary.toml").read_text(encoding="utf-8")


def _error(text: str) -> str:
    with pytest.raises(PackError) as e:
        parse_pack(text, "next-year.toml")
    return str(e.value)


def test_misspelled_key_names_its_exact_path() -> None:
    text = _own_text().replace("min = 2000", "mni = 2000", 1)
    msg = _error(text)
    assert msg.startswith("next-year.toml: 规则包校验失败")
    assert "rules[2](id=len-2).mni: Extra inputs are not permitted" in msg


def test_bad_value_names_its_exact_path() -> None:
    msg = _error(_own_text().replace("min = 1000", 'min = "一千"', 1))
    assert "rules[4](id=len-5).min: Input should be a valid integer" in msg


def test_error_inside_a_nested_section_spec() -> None:
    text = _own_text().replace('title = "集群企业发展情况"\n', 'titel = "集群企业发展情况"\n', 1)
    msg = _error(text)
    assert "rules[1](id=outline).sections[1].titel: Extra inputs are not permitted" in msg
    assert "rules[1](id=outline).sections[1].title: Field required" in msg


def test_unknown_kind_is_reported() -> None:
    msg = _error(_own_text().replace('kind = "item_count"', 'kind = "itemcount"', 1))
    assert "rules[6](id=cases)" in msg and "itemcount" in msg


def test_misspelled_pack_table_key() -> None:
    assert "pack.rosters: Extra inputs are not permitted" in _error(_own_text().replace("roster = ", "rosters = ", 1))


def test_duplicate_rule_ids_and_toml_syntax() -> None:
    assert "id 重复：len-2" in _error(_own_text().replace('id = "len-3"', 'id = "len-2"'))
    assert "TOML 语法错误" in _error(_own_text() + "\n[[rules]\n")


def test_pack_from_a_reviewers_file(tmp_path: Path) -> None:
    path = tmp_path / "hubei-2025-summary.toml"
    path.write_text(_own_text().replace('id = "hubei-2023-summary"', 'id = "hubei-2025-summary"'), encoding="utf-8")
    assert load_pack(path).id == "hubei-2025-summary"
    with pytest.raises(PackError, match="未知的模板：no-such-pack"):
        load_pack("no-such-pack")


# ---- the pack is validated whole: rules that would load and never fire are errors with their path ----
def _handbook_text() -> str:
    return (PACK_DIR / "hubei-growth-2020-handbook.toml").read_text(encoding="utf-8")


def test_length_rule_on_a_section_without_the_section_is_rejected_with_its_path() -> None:
    text = _own_text().replace('section = { number = "二", title = "集群企业发展情况" }\nmin = 2000',
                               "min = 2000", 1)
    msg = _error(text)
    assert 'rules[2](id=len-2).section: scope = "section" 时必须给出 section' in msg


def test_length_rule_on_a_cell_without_its_label_is_rejected() -> None:
    msg = _error(_own_text().replace('section = { number = "二", title = "集群企业发展情况" }\nmin = 2000',
                                     'scope = "cell"\nmin = 2000', 1))
    assert 'rules[2](id=len-2).cell_label: scope = "cell" 时必须给出 cell_label' in msg


def test_length_rule_without_any_limit_is_rejected() -> None:
    msg = _error(_own_text().replace("min = 2000\n", "", 1))
    assert "rules[2](id=len-2): Value error, length 规则需要 min、max 或 about 之一" in msg


def test_total_of_naming_no_rule_is_rejected_with_its_path() -> None:
    msg = _error(_handbook_text().replace('total_of = "score-table3"', 'total_of = "score-table33"', 1))
    assert "rules[20](id=score-summary-table11).items[0].total_of: 规则包中没有 id 为 “score-table33” 的规则" in msg


def test_total_of_naming_a_rule_of_another_kind_is_rejected() -> None:
    msg = _error(_handbook_text().replace('total_of = "score-table3"', 'total_of = "cluster-name"', 1))
    assert "items[0].total_of: “cluster-name” 是 identity 规则，应为 score_table 规则" in msg


def test_total_of_is_resolved_when_the_pack_loads() -> None:
    pack = load_pack("hubei-growth-2020-handbook")
    summary = next(r for r in pack.rules if r.id == "score-summary-table11")
    resolved = summary._totals  # type: ignore[attr-defined]
    assert resolved["组织机构与规划引导"] is next(r for r in pack.rules if r.id == "score-table3")


def test_attachments_rule_refuses_the_document_scope() -> None:
    text = _own_text() + ('\n[[rules]]\nid = "att"\nkind = "attachments"\nclause = "x"\nscope = "document"\n')
    assert "rules[" in (msg := _error(text)) and "(id=att).scope: 只能是 section、cell" in msg
