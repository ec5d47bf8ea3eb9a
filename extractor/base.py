"""The small interface every format parser implements, and the errors and limits they share.

Modelled on markitdown's accepts()/convert(), without its **kwargs: a parser receives the sniffed
`Source` and the `Limits` it must respect, and returns a `Document` or raises `ExtractError`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar, Protocol

from extractor.model import Document

# Stable codes for what can go wrong before any template is applied (documented in checkers/codes).
UNREADABLE = "F001"
ENCRYPTED = "F002"
UNSUPPORTED = "F003"
NO_TEXT = "F004"
OVER_LIMIT = "F005"


class ExtractError(Exception):
    """A file that cannot be turned into a Document; `code` is one of F001–F005."""

    def __init__(self, code: str, message: str, **detail: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.detail = detail

    def __reduce__(self):  # survive pickling across the sandbox process boundary
        return (_rebuild_error, (self.code, self.message, self.detail))


def _rebuild_error(code: str, message: str, detail: dict) -> ExtractError:
    return ExtractError(code, message, **detail)


@dataclass(frozen=True, slots=True)
class Limits:
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 500
    seconds: float = 120.0  # wall clock for one file, OCR included
    memory_mb: int = 2048  # address-space cap of the parsing process
    max_unzipped_bytes: int = 512 * 1024 * 1024  # declared total of a zip container's members
    max_zip_ratio: int = 200  # declared uncompressed / compressed size of any member
    ocr: bool = True  # False: scanned pages yield F004 error instead of being recognised
    # Called with (pages done, pages in the file) as a long file is read — each OCR'd page, and the
    # text pages around them. From a sandboxed parse it reaches the caller's process (the sandbox
    # pipes it over), at most every quarter second, plus the final call. None: nobody is listening.
    progress: Callable[[int, int], None] | None = field(default=None, compare=False, repr=False)


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True, slots=True)
class Source:
    """The bytes of one submitted file and what sniffing found out about them."""

    data: bytes
    filename: str  # as submitted; may be empty
    extension: str  # lower case, without the dot; "" when none
    kind: str  # sniffed container: "docx", "xlsx", "pdf", "ole", "zip", "text", "empty", "unknown"


@dataclass(frozen=True, slots=True)
class Format:
    """One file format a parser reads, as a reviewer is told about it."""

    extension: str  # lower case, without the dot: "docx"
    label: str  # Chinese name in messages: "Word 文档"
    main_part: str | None = None  # for a zip container: the part a file of this format must hold


@dataclass(frozen=True, slots=True)
class Converted:
    """What a parser returns for a format it reads through another one (LibreOffice turns a .doc
    into .docx): the converted bytes, read by whichever parser accepts them, and what the
    submission was, for the Document's meta."""

    source: Source
    format: str  # as submitted: "doc", "wps", "xls", "et"
    converted_from: str  # what the converter actually read: "doc", "rtf", "html", …


class Parser(Protocol):
    """A format plug-in. It declares its own identity — the formats it reads and the sniffed
    container kinds it takes — and the registry derives the supported list and names from that."""

    name: ClassVar[str]
    formats: ClassVar[tuple[Format, ...]]
    kinds: ClassVar[frozenset[str]]  # sniffed kinds (extractor.sniff) whose files it may accept

    def accepts(self, source: Source) -> bool: ...

    def convert(self, source: Source, limits: Limits) -> Document | Converted: ...
