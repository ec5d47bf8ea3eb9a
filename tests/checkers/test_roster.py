"""Rosters: the four built-in ones as the seeds print them (OCR corrected), and users' own
CSV/XLSX sheets with the headers offices use."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import Workbook

from checkers.namematch import note_values
from checkers.roster import ROSTER_DIR, RosterError, load_roster, parse_roster_csv, roster_ids

OCR_DEBRIS = ["即郭", "邮单", "嘟嘟", "海坊", "萍泽", "荷泽", "十堪", "清河泾", "仲皑", "小揽", "杭州l", "德州|",
              "德、阳", "钮电", "铁产业", "罪羊", "千兀"]


def test_builtin_ids() -> None:
    assert roster_ids() == ["hubei-2023", "hubei-2024", "hunan-2023", "torch-2021"]


@pytest.mark.parametrize(("rid", "count"), [("hubei-2023", 35), ("hubei-2024", 48), ("torch-2021", 109),
                                            ("hunan-2023", 26)])
def test_counts_and_unique_names(rid: str, count: int) -> None:
    r = load_roster(rid)
    assert len(r.entries) == count
    assert r.title and r.source
    assert len({e.name for e in r.entries}) == count
    assert all(e.name.endswith("集群") for e in r.entries)


def test_hubei_levels_and_accounts() -> None:
    r23, r24 = load_roster("hubei-2023"), load_roster("hubei-2024")
    assert Counter(e.level for e in r24.entries) == {"国家级": 16, "省级": 32}
    for r in (r23, r24):
        accounts = [e.account for e in r.entries]
        assert all(a and re.fullmatch(r"[a-z]+", a) for a in accounts)
        assert len(set(accounts)) == len(accounts)
        assert all(e.unit and e.region == "湖北" for e in r.entries)
    assert len({e.account for e in r23.entries} & {e.account for e in r24.entries}) == 35
    joint = next(e for e in r24.entries if e.account == "xnswyycyjq")
    assert joint.unit == "咸宁市科技局、咸安区人民政府"  # two lines in the seed, no separator


def test_torch_regions_types_and_corrections() -> None:
    r = load_roster("torch-2021")
    assert Counter(e.type for e in r.entries) == {"试点": 61, "培育": 48}
    headings = "北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 重庆 " \
               "四川 贵州 云南 陕西 甘肃 青海 新疆"  # the scan's province headings
    assert {e.region for e in r.entries} == set(headings.split(" "))
    hubei = {e.name for e in r.entries if e.region == "湖北"}
    assert "十堰商用车及部件创新型产业集群" in hubei and len(hubei) == 6
    for e in r.entries:
        text = f"{e.name}{e.unit}"
        assert not [w for w in OCR_DEBRIS if w in text], e
        for raw in note_values(e.note, "名称原文"):
            assert raw != e.name
    zhuzhou = next(e for e in r.entries if e.name.startswith("株洲"))
    assert zhuzhou.unit == "株洲轨道交通装备制造产业集群运行管理办公室"
    assert "宝鸡高新区钛产业集群" in {e.name for e in r.entries}


def test_hunan_types() -> None:
    r = load_roster("hunan-2023")
    assert Counter(e.type for e in r.entries) == {"先进制造业集群": 11, "中小企业特色产业集群": 15}
    assert {e.level for e in r.entries} == {"省级"}


def test_readme_lists_every_correction() -> None:
    readme = (ROSTER_DIR / "README.md").read_text(encoding="utf-8")
    for e in load_roster("torch-2021").entries:
        if e.note and "更正" in e.note:
            assert e.name in readme, e.name
    for rid in roster_ids():
        assert f"{rid}.csv" in readme


CHINESE_CSV = """附件1,,,
全省创新型产业集群名单,,,
序号,集群名称,依托单位,账号
国家级创新型产业集群（2家）,,,
1,襄阳新能源汽车关键部件创新型产业集群,襄阳高新区管委会,xyqccyjq
2,十堰商用车及部件创新型产业集群,十堰经开区管委会,sysyccyjq
,,,
省级创新型产业集群（1家）,,,
1,咸宁市咸安区生物医药省级创新型产业集群,"咸宁市科技局
咸安区人民政府",xnswyycyjq
"""


def test_user_csv_with_chinese_headers_and_sections(tmp_path: Path) -> None:
    path = tmp_path / "名单.csv"
    path.write_text(CHINESE_CSV, encoding="utf-8")
    r = load_roster(path)
    assert r.id == "名单"
    assert [e.level for e in r.entries] == ["国家级", "国家级", "省级"]
    assert r.entries[0].account == "xyqccyjq"
    assert r.entries[2].unit == "咸宁市科技局、咸安区人民政府"


def test_user_csv_in_gbk_and_english_headers(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("序号,名称,依托（建设）单位\n1,天门生物医药产业集群,天门经开区管委会\n".encode("gb18030"))
    assert load_roster(path).entries[0].unit == "天门经开区管委会"
    only_names = parse_roster_csv("name\n邵阳茶油产业集群\n", "x")
    assert only_names.entries[0].name == "邵阳茶油产业集群" and only_names.entries[0].unit is None


def test_user_xlsx(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "名单"
    ws.append(["全省创新型产业集群名单"])
    ws.append(["序号", "名称", "依托（建设）单位", "账号", "备注"])
    ws.append(["国家级创新型产业集群（1家）"])
    ws.merge_cells("A3:E3")
    ws.append([1, "天门生物医药创新型产业集群", "天门经开区管委会", "tmswcyjq", None])
    ws.append(["省级创新型产业集群（1家）"])
    ws.append([1.0, "黄石市西塞山区特钢精深加工省级创新型产业集群", "黄石市科技局、\n西塞山区人民政府", "hstgcyjq", "两行"])
    path = tmp_path / "roster.xlsx"
    wb.save(path)
    r = load_roster(path)
    assert [(e.name[:4], e.level, e.account) for e in r.entries] == [
        ("天门生物", "国家级", "tmswcyjq"), ("黄石市西", "省级", "hstgcyjq")]
    assert r.entries[1].unit == "黄石市科技局、西塞山区人民政府"
    assert r.entries[1].note == "两行"


def test_missing_name_column_names_file_and_rows(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("序号,单位,账号\n1,天门经开区管委会,tmswcyjq\n", encoding="utf-8")
    with pytest.raises(RosterError, match=r"bad\.csv.*第1–2行中未找到名称列"):
        load_roster(path)


def test_blank_name_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("序号,集群名称,账号\n1,天门生物医药产业集群,tmswcyjq\n2,,abc\n", encoding="utf-8")
    with pytest.raises(RosterError, match=r"blank\.csv：第3行名称为空"):
        load_roster(path)


def test_xlsx_errors_name_sheet_and_file(tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.title = "Sheet1"
    wb.active.append(["单位", "账号"])
    wb.active.append(["天门经开区管委会", "tmswcyjq"])
    path = tmp_path / "nocol.xlsx"
    wb.save(path)
    with pytest.raises(RosterError, match=r"nocol\.xlsx［Sheet1］.*未找到名称列"):
        load_roster(path)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    with pytest.raises(RosterError, match=r"broken\.xlsx：无法读取 XLSX"):
        load_roster(broken)


@pytest.mark.parametrize(("ref", "pattern"), [
    ("no-such-roster", "未知的名单：no-such-roster；可用名单：hubei-2023"),
    ("missing.csv", "名单文件不存在"),
])
def test_bad_references(ref: str, pattern: str) -> None:
    with pytest.raises(RosterError, match=pattern):
        load_roster(ref)


def test_other_formats_and_empty(tmp_path: Path) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(RosterError, match=r"另存为 \.xlsx"):
        load_roster(xls)
    empty = tmp_path / "empty.csv"
    empty.write_text("序号,名称\n", encoding="utf-8")
    with pytest.raises(RosterError, match="名单为空"):
        load_roster(empty)
