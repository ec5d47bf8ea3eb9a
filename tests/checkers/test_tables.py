"""Row labels of a form found by the template's words, whatever numbering and 其中 the applicant typed."""

from __future__ import annotations

import pytest

from checkers.tables import Grid, label_key
from tests.checkers.make_doc import T


@pytest.mark.parametrize(("typed", "key"), [
    ("1、企业数量", "企业数量"),
    ("２、 规上工业企业数量", "规上工业企业数量"),
    ("其中：1、高新技术企业", "高新技术企业"),
    ("（一）创新服务机构数(附名单)", "创新服务机构数"),
    ("2.1集群主要经济指标", "集群主要经济指标"),
    ("             其中：规上企业", "规上企业"),
    ("其他收入（万元）", "其他收入"),
    ("十堰市企业总数", "十堰市企业总数"),
])
def test_label_key_strips_list_numbers_written_with_dunhao(typed: str, key: str) -> None:
    """Bug: normalize turns 、 into "," before the numbering was cut, so "1、企业数量" kept its "1"."""
    assert label_key(typed) == key


def test_rows_numbered_as_a_list_are_found() -> None:
    """Short labels are where it showed: "1户数" is too far from "户数" even for the fuzzy match."""
    grid = Grid(T([["指标", "数量"], ["1、户数", "85"], ["2、人数", "520"]]))
    rows = grid.find_rows({"户数": [], "人数": []})
    assert {name: r for name, (r, _cell) in rows.items()} == {"户数": 1, "人数": 2}
