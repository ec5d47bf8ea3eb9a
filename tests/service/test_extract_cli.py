"""`clustercheck extract`: the reviewer's outline, the JSON model, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import extract
from service.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["extract", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_outline_with_section_word_counts(samples_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = samples_dir / "bench_45pages.docx"
    code, out, err = _run(capsys, str(path))
    assert (code, err) == (0, "")
    doc = extract(path)
    lines = out.splitlines()
    assert lines[0] == "bench_45pages.docx"
    assert "  格式：docx" in lines
    assert f"  字数：{doc.stats.words:,}    汉字：{doc.stats.cjk_chars:,}" in out
    first = next(s for s in doc.sections if s.heading and s.level == 1)
    row = next(ln for ln in lines if ln.strip().startswith(first.heading.text))
    assert row.startswith("  一、") and row.rstrip().endswith(f"{first.words:,} 字")
    sub = next(ln for ln in lines if "（一）集群发展总体情况" in ln)
    assert sub.startswith("    （一）")  # level 2 indented under level 1


def test_text_shows_pages_for_pdf(samples_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(samples_dir / "bench_45pages.pdf"))
    assert code == 0
    assert "  格式：pdf" in out
    assert "  页数：45" in out
    assert any(ln.strip().startswith("一、集群总体情况") and "第 " in ln for ln in out.splitlines())


def test_text_for_a_workbook(samples_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(samples_dir / "stats_table.xlsx"), "--in-process")
    assert code == 0
    assert "  表格：2 个" in out
    assert any(ln.startswith("  统计报表") and ln.endswith(" 字") for ln in out.splitlines())


def test_json_is_the_model(samples_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, str(samples_dir / "legacy_report.docx"), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data["stats"]) == {"words", "cjk_chars", "chars_no_spaces", "chars_with_spaces", "pages"}
    assert data["stats"]["words"] == extract(samples_dir / "legacy_report.docx").stats.words
    assert {"level", "number", "title", "words", "page"} <= set(data["outline"][0])
    assert data["outline"][0]["number"] == "一、"  # as written
    tables = [b for b in data["blocks"] if b["kind"] == "table"]
    assert tables[0]["grid"][0] == ["指标", "单位", "2022年", "2023年", "增幅（%）"]
    assert data["meta"]["format"] == "docx"


@pytest.mark.parametrize(("name", "code"), [
    ("zero-byte.docx", "F001"),
    ("text-named-as.docx", "F001"),
    ("zip-bomb.docx", "F005"),
    ("many-pages.pdf", "F005"),
    ("no-such-file.docx", "F001"),
])
def test_errors_are_one_line_with_the_code(samples_dir: Path, capsys: pytest.CaptureFixture[str], name: str,
                                           code: str) -> None:
    status, out, err = _run(capsys, str(samples_dir / name))
    assert status == 1
    assert out == ""
    assert err.startswith(f"错误 {code}：")
    assert err.count("\n") == 1


@pytest.mark.slow
def test_the_real_command_never_prints_a_traceback(samples_dir: Path) -> None:
    bad = ["zero-byte.docx", "truncated.docx", "random-bytes.pdf", "xxe-billion-laughs.docx", "not-a-docx.zip.docx",
           "truncated.pdf"]
    for name in bad:
        done = subprocess.run([sys.executable, "-m", "service.cli", "extract", str(samples_dir / name)],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert "Traceback" not in done.stderr, name
        if done.returncode:
            assert done.returncode == 1 and done.stderr.startswith("错误 F00"), (name, done.stderr)
