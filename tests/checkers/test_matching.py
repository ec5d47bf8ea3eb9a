"""Cluster-name matching on the real variants between the seeds, and on every pair of different
clusters, which must never be matched to each other."""

from __future__ import annotations

from dataclasses import replace

import pytest

from checkers.kinds.identity import same_unit
from checkers.namematch import (
    MATCH,
    PLAUSIBLE,
    index,
    match,
    name_key,
    note_values,
    strip_generic,
)
from checkers.roster import Roster, RosterEntry, load_roster, roster_ids

H23, H24, TORCH, HUNAN = (load_roster(i) for i in ("hubei-2023", "hubei-2024", "torch-2021", "hunan-2023"))
BY_ACCOUNT_23 = {e.account: e for e in H23.entries}
BY_ACCOUNT_24 = {e.account: e for e in H24.entries}
SHARED = sorted(BY_ACCOUNT_23.keys() & BY_ACCOUNT_24.keys())
# 002 附件3's Hubei rows as OCR read them -> account of the same cluster in 000/001
OCR_HUBEI = {
    "武汉东湖高新区国家地球空间信息及应用服务创新型产业集群": "whkjcyjq",
    "襄阳新能源汽车关键部件创新型产业集群": "xyqccyjq",
    "荆门城市矿产资源循环利用创新型产业集群": "jmkccyjq",
    "咸宁智能机电创新型产业集群": "xnjdcyjq",
    "十堪商用车及部件创新型产业集群": "sysyccyjq",
    "天门生物医药产业集群": "tmswcyjq",
}
TORCH_RAW = [(raw, e.name) for e in TORCH.entries for raw in note_values(e.note, "名称原文")]


def matched_name(name: str, roster: Roster, **kw: str) -> str | None:
    r = match(name, roster, **kw)
    return r.best.entry.name if r.best else None


@pytest.mark.parametrize("account", SHARED)
def test_hubei_2023_and_2024_names_of_one_account_match_each_other(account: str) -> None:
    old, new = BY_ACCOUNT_23[account], BY_ACCOUNT_24[account]
    assert matched_name(old.name, H24) == new.name
    assert matched_name(new.name, H23) == old.name


@pytest.mark.parametrize(("name", "variant"), [
    ("襄阳新能源汽车创新型产业集群", "襄阳新能源汽车关键部件创新型产业集群"),
    ("天门生物医药产业集群", "天门生物医药创新型产业集群"),
    ("武汉东湖新型显示器件创新型产业集群", "武汉东湖新型显示器件省级创新型产业集群"),
    ("黄石先进电子元器件国家创新型产业集群", "黄石先进电子元器件创新型产业集群"),
])
def test_named_variants_are_fuzzy_with_reasons(name: str, variant: str) -> None:
    r = match(name, H24)
    assert r.status == "fuzzy"
    assert r.best is not None and r.best.entry.name == variant
    assert r.best.score >= MATCH and "地名一致" in r.best.why


@pytest.mark.parametrize(("ocr", "account"), OCR_HUBEI.items())
@pytest.mark.parametrize("roster", [H23, H24], ids=["hubei-2023", "hubei-2024"])
def test_ocr_names_of_002_match_the_hubei_rosters(ocr: str, account: str, roster: Roster) -> None:
    want = next(e.name for e in roster.entries if e.account == account)
    assert matched_name(ocr, roster) == want


def test_shiyan_misread_is_explained() -> None:
    r = match("十堪商用车及部件创新型产业集群", H24)
    assert r.status == "fuzzy"
    assert r.best is not None and r.best.score >= 90
    assert "十堪≈十堰" in r.best.why and "OCR形近字" in r.best.why


@pytest.mark.parametrize(("raw", "official"), TORCH_RAW)
def test_torch_ocr_names_match_the_corrected_roster(raw: str, official: str) -> None:
    assert matched_name(raw, TORCH) == official


def test_torch_ocr_names_match_even_without_the_notes() -> None:
    """The notes make a misreading an alias; the place comparison alone must find most of them."""
    bare = Roster("bare", tuple(replace(e, note=None) for e in TORCH.entries))
    found = {raw: matched_name(raw, bare) for raw, _ in TORCH_RAW}
    assert found == {raw: official for raw, official in TORCH_RAW}


@pytest.mark.parametrize("rid", roster_ids())
def test_no_entry_matches_another_entry_of_its_roster(rid: str) -> None:
    """Each name against its roster without it: no other cluster may reach the match threshold —
    this covers every pair with the same industry (all the 生物医药, 高端装备制造 … clusters)."""
    roster = load_roster(rid)
    bad = []
    for e in roster.entries:
        rest = Roster(f"{rid}-without", tuple(x for x in roster.entries if x is not e))
        r = match(e.name, rest, top=1)
        if r.candidates and r.candidates[0].score >= MATCH:
            bad.append((e.name, r.candidates[0].entry.name, r.candidates[0].score))
    assert not bad


def test_same_industry_different_place_is_not_even_plausible() -> None:
    r = match("黄冈高新区生物医药创新型产业集群", Roster("one", (H23.entries[20],)))
    assert r.candidates[0].entry.name == "宜昌高新区生物医药创新型产业集群"
    assert r.status == "unmatched" and r.candidates[0].score < PLAUSIBLE
    assert "地名不同（黄冈≠宜昌）" in r.candidates[0].why


def test_clusters_missing_from_a_roster_stay_unmatched() -> None:
    only_2024 = [e.name for e in H24.entries if e.account not in BY_ACCOUNT_23]
    assert len(only_2024) == 13
    others = [e.name for e in TORCH.entries if e.region != "湖北"] + [e.name for e in HUNAN.entries]
    for name, roster in [*((n, H23) for n in only_2024), *((n, H24) for n in others)]:
        r = match(name, roster, top=1)
        assert r.candidates[0].score < MATCH, (name, r.candidates[0])


def test_exact_ignores_width_brackets_and_spaces() -> None:
    r = match(" 孝感高新区(应城)生物农业创新型产业集群 ", H24)
    assert r.status == "exact" and r.best is not None and r.best.score == 100
    assert match("孝感高新区应城生物农业创新型产业集群", H24).status == "exact"


@pytest.mark.parametrize(("name", "want"), [
    ("湖北省十堰商用车及部件创新型产业集群", "十堰商用车及部件创新型产业集群"),
    ("东湖高新区集成电路产业集群", "武汉东湖集成电路省级创新型产业集群"),
    ("黄石高新区电子元器件创新型产业集群", "黄石先进电子元器件创新型产业集群"),
    ("孝感高新区生物农业创新型产业集群", "孝感高新区（应城）生物农业创新型产业集群"),
    ("荷泽高新区生物医药大健康产业集群", None),
])
def test_drift(name: str, want: str | None) -> None:
    assert matched_name(name, H24) == want


def test_ambiguous_and_unmatched() -> None:
    r = match("黄石高新区产业集群", H24)
    assert r.status == "ambiguous" and r.best is None
    assert {c.entry.name[:2] for c in r.candidates if c.score >= PLAUSIBLE} == {"黄石"}
    assert match("生物医药创新型产业集群", H24).status == "ambiguous"
    r = match("宜城生物医药产业集群", H24)
    assert r.status == "unmatched" and "宜城≠" in r.candidates[0].why
    assert match("   ", H24).status == "absent"


def test_account_wins() -> None:
    r = match("十堰集群", H24, account="SYSYCCYJQ ")
    assert r.status == "fuzzy" and r.best is not None
    assert r.best.entry.account == "sysyccyjq" and r.best.via == "account" and r.best.score >= 90
    assert r.best.why.startswith("账号一致（sysyccyjq）")
    r = match("十堰商用车及部件创新型产业集群", H24, account="sysyccyjq")
    assert r.status == "exact"
    assert match("十堰商用车及部件创新型产业集群", H24, account="nobody").status == "exact"


def test_user_roster_learns_its_places() -> None:
    roster = Roster("user", (RosterEntry("义乌小商品数字贸易产业集群", "义乌市人民政府"),
                             RosterEntry("永康五金产业集群", "永康市科技局")))
    assert matched_name("永康五金创新型产业集群", roster) == "永康五金产业集群"
    assert matched_name("义乌五金产业集群", roster) is None
    assert matched_name("义乌小商品产业集群", roster) == "义乌小商品数字贸易产业集群"


def test_result_shapes() -> None:
    r = match("咸宁智能机电创新型产业集群", H24, top=3)
    assert len(r.candidates) == 3
    cluster = r.to_cluster()
    assert cluster.status == "fuzzy" and cluster.found == "咸宁智能机电创新型产业集群"
    assert cluster.matched is not None and cluster.matched.account == "xnjdcyjq"
    assert cluster.matched.level == "国家级" and cluster.candidates[0].why
    d = r.to_dict()
    assert d["matched"]["name"] == "咸宁高新区智能机电创新型产业集群" and d["roster"] == "hubei-2024"
    assert [c["score"] for c in d["candidates"]] == sorted((c["score"] for c in d["candidates"]), reverse=True)


def test_index_is_built_once_per_roster() -> None:
    assert index(H24) is index(load_roster("hubei-2024"))
    assert index(H24) is not index(H23)


def test_normalisation_pieces() -> None:
    assert name_key("孝感高新区（应城） 生物农业") == "孝感高新区应城生物农业"
    assert strip_generic(name_key("黄石先进电子元器件国家创新型产业集群")) == (
        "黄石先进电子元器件", ("国家", "创新型", "产业集群"))
    assert strip_generic("武汉东湖高新区国家地球空间信息及应用服务创新型产业集群")[0] == "武汉东湖高新区地球空间信息及应用服务"
    assert strip_generic("随州高新区香菇产业省级创新型产业集群")[0] == "随州高新区香菇"


def test_same_unit() -> None:
    joint = next(e for e in H24.entries if e.account == "hstgcyjq")
    assert same_unit("西塞山区人民政府", joint)
    assert same_unit("黄石市科技局、西塞山区人民政府", joint)
    shiyan = next(e for e in H24.entries if e.account == "sysyccyjq")
    assert same_unit("十堰经济技术开发区管理委员会", shiyan)
    assert not same_unit("十堰高新区管委会", shiyan)
    dezhou = next(e for e in TORCH.entries if e.name.startswith("德州"))
    assert same_unit("德州|高新区管委会", dezhou)  # the OCR'd spelling the note records
