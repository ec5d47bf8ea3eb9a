"""字数 against the rule and against LibreOffice itself (convert to .odt, read meta:word-count)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document as new_docx
from docx.oxml.ns import qn

from extractor import extract
from extractor.counting import Counts, count, word_count

# (text, words) — every figure was read off LibreOffice 7.4; the slow test below re-reads them.
CASES: list[tuple[str, int]] = [
    ("中文", 2),
    ("8.5%", 1),
    ("2023年", 2),
    ("3.5亿元", 3),
    ("约3.5%", 2),
    ("abc def", 2),
    ("hello,world", 1),
    ("a , b", 3),
    ("2023-01-01", 1),
    ("中文，中文", 5),
    ("中文,中文", 5),  # half-width comma between CJK: a run of its own
    ("中文、中文", 5),
    ("（一）", 3),
    ("(一)", 3),
    ("一、中文", 4),
    ("“中文”", 4),
    ("“AI”", 1),  # quotes are not East Asian to LibreOffice (Word: 3)
    ("……", 1),  # Word: 2
    ("中文……", 3),
    ("a…b", 1),
    ("中·a", 2),
    ("——", 0),  # en/em dashes separate and are not words (Word: 2)
    ("中文——中文", 4),
    ("中文 — 中文", 4),
    ("a–b", 2),
    ("a--b", 2),
    ("a-b", 1),
    ("＋", 1),
    ("1＋1", 3),
    ("１２３", 3),
    ("①a", 2),
    ("①②", 2),
    ("m²", 2),
    ("☑是 □否", 4),
    ("★中文", 3),
    ("中\u3000文", 2),  # the ideographic space is a space
    ("\u3000", 0),
    ("中文 \t 中文", 4),
    ("a\u00a0b", 2),
    ("𠀀", 1),
    ("⺁", 1),
    ("ｶﾀｶﾅ", 4),
]


@pytest.mark.parametrize(("text", "words"), CASES)
def test_rule(text: str, words: int) -> None:
    assert word_count(text) == words


def test_characters_follow_libreoffice() -> None:
    assert count("中文 \t 中文") == Counts(words=4, cjk_chars=4, chars_no_spaces=4, chars_with_spaces=7)
    assert count("中\u3000文") == Counts(words=2, cjk_chars=2, chars_no_spaces=2, chars_with_spaces=3)
    assert count("e\u0301") == Counts(words=1, cjk_chars=0, chars_no_spaces=1, chars_with_spaces=1)
    assert count("第一段\n第二段") == Counts(words=6, cjk_chars=6, chars_no_spaces=6, chars_with_spaces=6)
    assert count("") == Counts()


def test_cjk_chars_are_ideographs_only() -> None:
    assert count("2023年，集群营收增长8.5%。").cjk_chars == 7


def test_sum() -> None:
    parts = [count("集群"), count("8.5%"), count("——")]
    assert Counts.sum(parts) == parts[0] + parts[1] + parts[2]
    assert Counts.sum(parts).words == 3


# --- agreement with the real LibreOffice -------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _case_docx(text: str, path: Path) -> Path:
    """One paragraph tagged as Word and WPS tag Chinese documents: Western en-US, East Asian zh-CN."""
    doc = new_docx()
    for lang in doc.styles.element.iter(qn("w:lang")):
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    doc.add_paragraph(text)
    doc.save(path)
    return path


def _samples(samples_dir: Path) -> list[Path]:
    wanted = ["bench_45pages.docx", "legacy_report.docx"]
    found = [samples_dir / n for n in wanted] + sorted(samples_dir.glob("docx_*.docx"))
    found += sorted(samples_dir.glob("*_ok.docx"))
    return [p for p in found if p.is_file()]


@pytest.fixture(scope="module")
def libreoffice_counts(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> dict[str, dict[str, int]]:
    """meta:document-statistic of every case and sample, from one soffice run."""
    if SOFFICE is None:
        pytest.fail("LibreOffice (soffice) is required: apt-get install libreoffice-writer")
    work = tmp_path_factory.mktemp("lo_count")
    inputs = [_case_docx(text, work / f"case{i:03d}.docx") for i, (text, _) in enumerate(CASES)]
    inputs += _samples(samples_dir)
    out = work / "odt"
    subprocess.run([SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
                    "--convert-to", "odt", "--outdir", str(out), *map(str, inputs)],
                   check=True, capture_output=True, timeout=600)
    stats: dict[str, dict[str, int]] = {}
    for src in inputs:
        meta = zipfile.ZipFile(out / f"{src.stem}.odt").read("meta.xml").decode()
        stats[src.name] = {k: int(v) for k, v in re.findall(r'meta:([a-z-]+)="(\d+)"', meta)}
    return stats


@pytest.mark.slow
def test_cases_agree_with_libreoffice(libreoffice_counts: dict[str, dict[str, int]]) -> None:
    wrong = [(text, words, libreoffice_counts[f"case{i:03d}.docx"]["word-count"])
             for i, (text, words) in enumerate(CASES)
             if libreoffice_counts[f"case{i:03d}.docx"]["word-count"] != words]
    assert not wrong, f"(text, ours, LibreOffice): {wrong}"


@pytest.mark.slow
def test_documents_agree_with_libreoffice(libreoffice_counts: dict[str, dict[str, int]], samples_dir: Path) -> None:
    """The extracted body's 字数 plus the running headers and footers (which LibreOffice counts
    once and our stats leave out) equals LibreOffice's word count; so does the non-space count."""
    samples = _samples(samples_dir)
    assert any(p.name == "bench_45pages.docx" for p in samples)
    wrong = []
    for path in samples:
        doc = extract(path)
        furniture = Counts.sum(count(p.text) for p in doc.furniture)
        lo = libreoffice_counts[path.name]
        ours = (doc.stats.words + furniture.words, doc.stats.chars_no_spaces + furniture.chars_no_spaces)
        if ours != (lo["word-count"], lo["non-whitespace-character-count"]):
            wrong.append(f"{path.name}: ours {ours}, LibreOffice {(lo['word-count'], lo['non-whitespace-character-count'])}")
    assert not wrong, "\n".join(wrong)
