"""The parsers, and what they say about themselves: the supported formats, their names, and which
parser reads a file. Adding a format is one module plus one line in PARSERS.

No two parsers accept the same file (tests/extractor/test_registry.py runs every parser over every
sample), so the order of PARSERS does not decide anything.
"""

from __future__ import annotations

import hashlib

from extractor.base import (
    OVER_LIMIT,
    UNREADABLE,
    UNSUPPORTED,
    Converted,
    ExtractError,
    Limits,
    Parser,
    Source,
)
from extractor.docx_parser import DocxParser
from extractor.model import Document
from extractor.office_parser import OfficeParser
from extractor.pdf_parser import PdfParser
from extractor.xlsx_parser import XlsxParser

PARSERS: list[Parser] = [DocxParser(), XlsxParser(), PdfParser(), OfficeParser()]

FORMATS = {f.extension: f for p in PARSERS for f in p.formats}
SUPPORTED = tuple(FORMATS)  # what the F003 message offers instead
SUPPORTED_HINT = "可检查 " + " ".join(f".{ext}" for ext in SUPPORTED)


def parser_for(src: Source) -> Parser | None:
    return next((p for p in PARSERS if p.accepts(src)), None)


def convert(src: Source, limits: Limits) -> Document:
    """The Document of a sniffed file, in this process; ExtractError (F001–F005) for what cannot be read."""
    doc = _parse(src, limits)
    doc.meta.sha256 = hashlib.sha256(src.data).hexdigest()
    return doc


def _parse(src: Source, limits: Limits, converted: bool = False) -> Document:
    if src.kind == "empty":
        raise ExtractError(UNREADABLE, "文件为空（0 字节）")
    parser = parser_for(src)
    if parser is None:
        raise _refusal(src)
    try:
        out = parser.convert(src, limits)
    except ExtractError as e:
        if e.detail.pop("list_supported", False):
            raise ExtractError(e.code, f"{e.message}；{SUPPORTED_HINT}", **e.detail) from None
        raise
    except MemoryError:
        raise ExtractError(OVER_LIMIT, "解析时内存超过上限", limit="memory_mb", expected=limits.memory_mb) from None
    except Exception as e:  # a parser library choking on a damaged file
        raise ExtractError(UNREADABLE, f"文件已损坏或无法解析（{type(e).__name__}: {str(e)[:200]}）") from None
    if not isinstance(out, Converted):
        return out
    if converted:  # a converter's output must be something a parser reads directly
        raise ExtractError(UNREADABLE, f"转换 .{out.format} 的结果无法读取")
    doc = _parse(out.source, limits, converted=True)
    doc.meta.format, doc.meta.converted_from, doc.meta.filename = out.format, out.converted_from, src.filename
    return doc


def _refusal(src: Source) -> ExtractError:
    damaged = mismatch(src)
    if damaged:
        return ExtractError(UNREADABLE, damaged, kind=src.kind, extension=src.extension)
    shown = src.extension or src.kind
    return ExtractError(UNSUPPORTED, f"不支持的文件格式：{shown}；{SUPPORTED_HINT}", kind=src.kind,
                        extension=src.extension)


def mismatch(src: Source) -> str | None:
    """Why a file named as a supported format is not one (F001), or None if its name claims nothing."""
    fmt = FORMATS.get(src.extension)
    if fmt is None:
        return None
    what = f"有效的 {fmt.label}"
    if src.kind == "zip":
        inside = f"压缩包中没有 {fmt.main_part}" if fmt.main_part else "它是一个普通压缩包"
        return f"不是{what}：{inside}"
    if src.kind == "text":
        return f"文件内容是纯文本，不是{what}（可能被改了扩展名）"
    if src.data.startswith(b"PK"):
        return f"{fmt.label}已损坏：压缩包不完整（可能下载或复制时被截断）"
    return f"文件已损坏或不是{what}：无法识别其内容"
