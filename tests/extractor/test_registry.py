"""The plug-in contract of the format parsers: each declares its own formats and sniffed kinds, every
supported extension belongs to exactly one parser, and no two parsers accept the same file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from extractor import SUPPORTED, SUPPORTED_HINT
from extractor.registry import FORMATS, PARSERS, mismatch, parser_for
from extractor.sniff import sniff

SAMPLES = sorted(p for p in (Path(__file__).resolve().parents[2] / "samples" / "files").iterdir() if p.is_file())
SNIFFED_KINDS = {"docx", "xlsx", "pdf", "ole", "zip", "text", "empty", "unknown"}


def test_every_supported_extension_has_exactly_one_parser() -> None:
    owners = Counter(f.extension for p in PARSERS for f in p.formats)
    assert sorted(owners) == sorted(SUPPORTED)
    assert {ext: n for ext, n in owners.items() if n != 1} == {}
    assert "可检查 " + " ".join(f".{e}" for e in SUPPORTED) == SUPPORTED_HINT


def test_parsers_declare_their_identity() -> None:
    for p in PARSERS:
        assert p.formats and p.kinds <= SNIFFED_KINDS, p.name
        for f in p.formats:
            assert f.extension == f.extension.lower().lstrip(".") and f.label, (p.name, f)
    assert len({p.name for p in PARSERS}) == len(PARSERS)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_no_two_parsers_accept_the_same_sample(path: Path) -> None:
    src = sniff(path.read_bytes(), path.name)
    accepting = [p.name for p in PARSERS if p.accepts(src)]
    assert len(accepting) <= 1, accepting
    for p in PARSERS:
        if p.accepts(src):
            assert src.kind in p.kinds, (p.name, src.kind)  # a parser takes only the kinds it declares


def test_every_shipped_sample_format_is_read_by_the_parser_declaring_it() -> None:
    owner = {f.extension: p.name for p in PARSERS for f in p.formats}
    read: dict[str, set[str]] = {}
    for path in SAMPLES:
        src = sniff(path.read_bytes(), path.name)
        parser = parser_for(src)
        if parser is not None and src.extension in FORMATS:
            read.setdefault(src.extension, set()).add(parser.name)
    assert {"docx", "doc", "wps", "pdf", "xlsx", "xls"} <= set(read)
    assert all(owner[ext] in names for ext, names in read.items()), read


def test_a_name_claiming_a_format_is_told_what_it_lacks() -> None:
    fake = sniff(b"PK\x05\x06" + b"\x00" * 18, "report.docx")
    assert mismatch(fake) == "不是有效的 Word 文档：压缩包中没有 word/document.xml"
    assert mismatch(sniff(b"hello", "table.et")) == "文件内容是纯文本，不是有效的 WPS 表格（可能被改了扩展名）"
    assert mismatch(sniff(b"hello", "notes.txt")) is None
