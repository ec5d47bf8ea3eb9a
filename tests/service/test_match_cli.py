"""`clustercheck match` and `clustercheck rosters`: output, formats and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from service.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_match_text_shows_ranked_candidates_with_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "match", "十堪商用车及部件创新型产业集群", "--roster", "hubei-2024", "--top", "3")
    assert code == 0
    assert "hubei-2024" in out and "近似匹配 → 十堰商用车及部件创新型产业集群" in out
    lines = [x for x in out.splitlines() if x.strip()[:1].isdigit()]
    assert len(lines) == 3
    assert "sysyccyjq" in lines[0] and "十堪≈十堰" in lines[0] and "96.0" in lines[0]


def test_match_all_rosters_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "match", "天门生物医药产业集群")
    assert code == 0
    for rid in ("hubei-2023", "hubei-2024", "torch-2021", "hunan-2023"):
        assert f"名单 {rid}" in out
    assert "无接近的名称" in out  # hunan-2023 has no such cluster


def test_match_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "match", "黄石高新区产业集群", "--roster", "hubei-2024", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["matched"] is False and data["query"] == "黄石高新区产业集群"
    (result,) = data["results"]
    assert result["status"] == "ambiguous" and result["matched"] is None
    assert result["roster"] == "hubei-2024" and result["roster_size"] == 48
    first = result["candidates"][0]
    assert first["name"].startswith("黄石") and set(first) >= {"score", "why", "place", "industry", "account"}


def test_match_account_and_user_roster(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("序号,集群名称,依托单位,账号\n1,十堰商用车及部件创新型产业集群,十堰经开区管委会,sysyccyjq\n"
                    "2,十堰高新区新能源与智能网联汽车及关键部件智能制造省级创新型产业集群,十堰高新区管委会,syxnycyjq\n",
                    encoding="utf-8")
    code, out, _ = run(capsys, "match", "十堰集群", "--roster", str(path), "--account", "syxnycyjq",
                       "--format", "json")
    assert code == 0
    result = json.loads(out)["results"][0]
    assert result["roster"] == "mine" and result["matched"]["account"] == "syxnycyjq"
    assert result["matched"]["via"] == "account"


def test_match_unmatched_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "match", "宜城生物医药产业集群", "--roster", "hubei-2024")
    assert code == 1 and "未匹配" in out and "宜城≠" in out


@pytest.mark.parametrize("argv", [
    ("match", "天门", "--roster", "no-such"),
    ("match", "  "),
    ("match", "天门", "--top", "0"),
    ("match", "天门", "--roster", "missing.xlsx"),
])
def test_match_usage_errors(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.startswith("错误：")


def test_rosters_list(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rosters")
    assert code == 0
    rows = {line.split()[0]: line.split()[1] for line in out.splitlines()[1:]}
    assert rows == {"hubei-2023": "35", "hubei-2024": "48", "hunan-2023": "26", "torch-2021": "109"}
    code, out, _ = run(capsys, "rosters", "--format", "json")
    assert {r["id"]: r["count"] for r in json.loads(out)}["torch-2021"] == 109


def test_rosters_one(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rosters", "hubei-2024")
    assert code == 0 and "（48个）" in out and "账号" in out and "备注" not in out
    assert "1     武汉东湖高新区地球空间信息及应用服务创新型产业集群" in out
    code, out, _ = run(capsys, "rosters", "torch-2021", "--notes")
    assert "名称原文：即郭现代装备制造创新型产业集群" in out
    code, out, _ = run(capsys, "rosters", "hunan-2023", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 26 and rows[0]["type"] == "先进制造业集群"
    code, out, _ = run(capsys, "rosters", "hubei-2023", "--format", "json")
    data = json.loads(out)
    assert data["count"] == 35 and data["entries"][0]["account"] == "whkjcyjq"


def test_rosters_unknown(capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "rosters", "nope")
    assert code == 2 and "未知的名单：nope" in err
