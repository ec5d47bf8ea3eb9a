"""Every submission format into one `Document`. Knows formats, nothing about templates.

    from extractor import extract
    doc = extract("总结.docx")
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from extractor.base import (
    DEFAULT_LIMITS,
    OVER_LIMIT,
    UNREADABLE,
    ExtractError,
    Limits,
    Source,
)
from extractor.counting import Counts, count, word_count
from extractor.model import Cell, Document, Heading, Location, Meta, Notice, Paragraph, Section, Table
from extractor.normalize import normalize
from extractor.sniff import sniff

if TYPE_CHECKING:
    from extractor.base import Parser
    from extractor.registry import PARSERS, SUPPORTED, SUPPORTED_HINT, parser_for
    from extractor.sandbox import kill_tree

__all__ = [
    "DEFAULT_LIMITS", "PARSERS", "SUPPORTED", "SUPPORTED_HINT", "Cell", "Counts", "Document", "ExtractError",
    "Heading", "Limits", "Location", "Meta", "Notice", "Paragraph", "Parser", "Section", "Source", "Table",
    "convert", "count", "extract", "extract_isolated", "kill_tree", "normalize", "parser_for", "read_source",
    "sniff", "word_count",
]

# Loaded on first use: importing every parser (pdfium, openpyxl, lxml) is not free, and a caller
# that only needs the model or the format list should not pay for it.
_LAZY = {"PARSERS": "registry", "SUPPORTED": "registry", "SUPPORTED_HINT": "registry", "parser_for": "registry",
         "kill_tree": "sandbox"}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'extractor' has no attribute {name!r}")
    return getattr(importlib.import_module(f"extractor.{_LAZY[name]}"), name)


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
            limits: Limits = DEFAULT_LIMITS, *, isolated: bool = False) -> Document:
    """The Document of one file; raises ExtractError (F001–F005) for anything it cannot read.

    `isolated` parses in a child process that is killed past the time or memory limit (F005):
    what a service does with files it did not write; in this process otherwise.
    """
    src = read_source(source, filename, limits)
    if not isolated:
        return convert(src, limits)
    import extractor.registry  # noqa: F401  # every parser loaded before the fork, not in each child
    from extractor.sandbox import run_isolated

    return run_isolated(convert, (src, limits), limits)


def convert(src: Source, limits: Limits = DEFAULT_LIMITS) -> Document:
    """The Document of a file already read and sniffed (`read_source`), in this process."""
    from extractor import registry

    return registry.convert(src, limits)


def extract_isolated(source: str | os.PathLike[str] | bytes | BinaryIO, filename: str | None = None,
                     limits: Limits = DEFAULT_LIMITS) -> Document:
    """`extract(..., isolated=True)`."""
    return extract(source, filename, limits, isolated=True)
