"""`clustercheck check` and `clustercheck templates` as a reviewer runs them: JSON Lines, the text
summary grouped by section, exit codes 0 / 1 / 2, output files."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from service.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "files"
OK = SAMPLES / "hubei-2023-summary_ok.docx"
SHORT = SAMPLES / "hubei-2023-summary_short-section.docx"
ORDER = SAMPLES / "hubei-2023-summary_out-of-order.docx"
REPORT_KEYS = {"file", "sha256", "format", "template", "template_detected", "roster", "cluster", "verdict",
               "counts", "findings", "stats", "outline"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_lines_one_report_per_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(OK), str(SHORT), "--format", "json")
    lines = out.splitlines()
    assert code == 1 and len(lines) == 2
    ok, short = (json.loads(x) for x in lines)
    assert set(ok) >= REPORT_KEYS
    assert (ok["file"], ok["verdict"], ok["template"], ok["roster"]) == (OK.name, "pass", "hubei-2023-summary", "hubei-2023")
    assert ok["template_detected"]["id"] == "hubei-2023-summary" and len(ok["sha256"]) == 64
    assert ok["cluster"]["matched"]["name"] == "十堰商用车及部件创新型产业集群"
    assert {"level", "number", "title", "words", "page"} <= set(ok["outline"][0])
    f = short["findings"][0]
    assert (f["code"], f["target"], f["expected"], short["verdict"]) == ("L001", "集群企业发展情况", 2000, "fail")
    assert {"page", "paragraph", "section", "table", "row", "column"} <= set(f["location"])


def test_exit_codes_follow_errors_not_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "check", str(OK))[0] == 0
    code, out, _ = run(capsys, "check", str(ORDER), "--template", "hubei-2023-summary")
    assert code == 0 and "通过（有警告）" in out and "O002" in out


def test_text_summary_is_grouped_by_section(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(SHORT))
    assert code == 1
    assert "结论：不通过（错误 1，警告 0，提示 0）" in out
    assert "模板：hubei-2023-summary" in out and "集群：十堰商用车及部件创新型产业集群 → 与名单一致" in out
    block = out[out.index("【二、集群企业发展情况】"):]
    assert "[错误] L001 集群企业发展情况：“集群企业发展情况”字数为" in block
    assert "要求：2000，实际：" in block and "处理：请补充内容至要求字数" in block


def test_several_files_end_with_a_tally(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", str(OK), str(ORDER), str(SHORT))
    assert out.rstrip().endswith("共 3 个文件：通过 1，有警告 1，不通过 1")


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    code, out, _ = run(capsys, "check", str(OK), "--format", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["verdict"] == "pass"


def test_unreadable_file_is_a_report_not_a_traceback(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "总结.docx"
    bad.write_bytes(OK.read_bytes()[:3000])  # a truncated upload
    code, out, _ = run(capsys, "check", str(bad), str(tmp_path / "missing.docx"), "--format", "json")
    reports = [json.loads(x) for x in out.splitlines()]
    assert code == 1 and [r["verdict"] for r in reports] == ["fail", "fail"]
    assert reports[0]["findings"][0]["code"] in ("F001", "M001")  # damaged, or no longer recognisable
    assert reports[1]["findings"][0]["code"] == "F001" and "无法读取文件" in reports[1]["findings"][0]["message"]


@pytest.mark.parametrize(("argv", "message"), [
    (["--template", "no-such-template"], "未知的模板：no-such-template"),
    (["--roster", "no-such-roster"], "未知的名单：no-such-roster"),
    (["--format", "xlsx"], "xlsx"),
])
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    code, out, err = run(capsys, "check", str(OK), *argv)
    assert code == 2 and out == "" and message in err


def test_html_output_is_written_to_the_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    code, _, _ = run(capsys, "check", str(SHORT), "--format", "html", "-o", str(target))
    assert code == 1 and "集群企业发展情况" in target.read_text(encoding="utf-8")


def test_templates_lists_the_builtin_packs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "templates")
    assert code == 0
    for pack_id in ("hubei-2023-summary", "hubei-2024-summary", "torch-2021-plan"):
        assert pack_id in out
    code, out, _ = run(capsys, "templates", "hubei-2023-summary")
    assert code == 0 and "len-2" in out and "（不少于2000字）" in out
    code, out, _ = run(capsys, "templates", "--format", "json")
    assert "torch-2021-plan" in {json.loads(x)["id"] for x in out.splitlines()}
    code, _, err = run(capsys, "templates", "no-such-template")
    assert code == 2 and "未知的模板" in err


def test_a_reviewers_pack_file_is_used_as_the_template(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from checkers.pack import PACK_DIR

    text = (PACK_DIR / "hubei-2023-summary.toml").read_text(encoding="utf-8")
    pack = tmp_path / "hubei-2025-summary.toml"
    pack.write_text(text.replace('id = "hubei-2023-summary"', 'id = "hubei-2025-summary"')
                    .replace("min = 2000", "min = 3000"), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(OK), "--template", str(pack), "--format", "json")
    r = json.loads(out)
    assert code == 1 and r["template"] == "hubei-2025-summary"
    assert {(f["code"], f["expected"]) for f in r["findings"]} == {("L001", 3000)}
    pack.write_text(text.replace("min = 2000", "mni = 2000", 1), encoding="utf-8")
    code, _, err = run(capsys, "check", str(OK), "--template", str(pack))
    assert code == 2 and "rules[2](id=len-2).mni: Extra inputs are not permitted" in err


def test_templates_kinds_lists_parameters_from_the_models(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "templates", "--kinds")
    assert code == 0
    assert "length：" in out and "    tolerance = <float>，默认 0.2" in out
    assert "SectionSpec：" in out and "    children = <list[SectionSpec]>，默认 []" in out


def test_xlsx_output_or_a_clear_refusal(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "检查结果.xlsx"
    code, _, err = run(capsys, "check", str(OK), str(SHORT), "--format", "xlsx", "-o", str(target))
    if importlib.util.find_spec("service.render") is None:
        assert code == 2 and "该输出格式尚未提供：xlsx" in err
        return
    import openpyxl

    assert code == 1
    sheets = openpyxl.load_workbook(target).worksheets
    files = [row[0] for row in sheets[0].iter_rows(min_row=2, values_only=True)]
    assert files == [OK.name, SHORT.name]
