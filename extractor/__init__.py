"""Every submission format into one `Document`. Knows formats, nothing about templates.

    from extractor import extract
    doc = extract("总结.docx")
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from extractor.base import (
    DEFAULT_LIMITS,
    OVER_LIMIT,
    UNREADABLE,
    UNSUPPORTED,
    ExtractError,
    Limits,
    Source,
)
from extractor.counting import Counts, count, word_count
from extractor.model import Cell, Document, Heading, Location, Meta, Notice, Paragraph, Section, Table
from extractor.sniff import SUPPORTED, SUPPORTED_HINT, mismatch, sniff

__all__ = [
    "DEFAULT_LIMITS", "SUPPORTED", "Cell", "Counts", "Document", "ExtractError", "Heading", "Limits", "Location",
    "Meta", "Notice", "Paragraph", "Section", "Source", "Table", "count", "extract", "extract_isolated",
    "read_source", "word_count",
]


def read_source(source: str | os.PathLike[str] | bytes | BinaryIO, filename: str | None = None,
                limits: Limits = DEFAULT_LIMITS) -> Source:
    """Read the bytes (refusing files over the size limit before reading them) and sniff them."""
    if isinstance(source, bytes):
        data, name = source, filename or ""
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        name = filename or path.name
        try:
            size = path.stat().st_size
        except OSError as e:
            raise ExtractError(UNREADABLE, f"无法读取文件：{e.strerror or e}") from None
        if size > limits.max_bytes:
            raise _too_big(size, limits)
        data = path.read_bytes()
    else:
        data = source.read(limits.max_bytes + 1)
        name = filename or os.path.basename(getattr(source, "name", "") or "")
    if len(data) > limits.max_bytes:
        raise _too_big(len(data), limits)
    return sniff(data, name)


def _too_big(size: int, limits: Limits) -> ExtractError:
    return ExtractError(OVER_LIMIT, f"文件大小 {size / 1048576:.1f} MB 超过上限 {limits.max_bytes / 1048576:.0f} MB",
                        limit="max_bytes", actual=size, expected=limits.max_bytes)


def extract(source: str | os.PathLike[str] | bytes | BinaryIO, filename: str | None = None,
            limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse in this process. Raises ExtractError (F001–F005) for anything it cannot read."""
    src = read_source(source, filename, limits)
    return convert(src, limits)


def convert(src: Source, limits: Limits = DEFAULT_LIMITS) -> Document:
    from extractor.registry import PARSERS

    if src.kind == "empty":
        raise ExtractError(UNREADABLE, "文件为空（0 字节）")
    for parser in PARSERS:
        if parser.accepts(src):
            try:
                return parser.convert(src, limits)
            except ExtractError:
                raise
            except MemoryError:
                raise ExtractError(OVER_LIMIT, "解析时内存超过上限", limit="memory_mb",
                                   expected=limits.memory_mb) from None
            except Exception as e:  # a parser library choking on a damaged file
                raise ExtractError(UNREADABLE, f"文件已损坏或无法解析（{type(e).__name__}: {str(e)[:200]}）") from None
    damaged = mismatch(src)
    if damaged:
        raise ExtractError(UNREADABLE, damaged, kind=src.kind, extension=src.extension)
    shown = src.extension or src.kind
    raise ExtractError(UNSUPPORTED, f"不支持的文件格式：{shown}；{SUPPORTED_HINT}", kind=src.kind,
                       extension=src.extension)


def extract_isolated(source: str | os.PathLike[str] | bytes | BinaryIO, filename: str | None = None,
                     limits: Limits = DEFAULT_LIMITS) -> Document:
    """Parse in a child process that is killed past the time or memory limit (F005)."""
    from extractor.sandbox import run_isolated

    src = read_source(source, filename, limits)
    return run_isolated(convert, (src, limits), limits)
