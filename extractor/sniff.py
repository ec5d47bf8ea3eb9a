"""Decide what a file really is from its bytes; the extension is only a hint.

Applicants rename files (.doc that is really .docx, .pdf that is an image), so the container is
sniffed from magic bytes and, for OOXML zips, from the main part inside. That is all this module
knows: which formats are supported, and what they are called, the parsers declare themselves
(extractor.registry); how a container is opened safely is extractor.containers.
"""

from __future__ import annotations

import io
import os
import re
import zipfile

from extractor.base import Source

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_WORD_MAIN = re.compile(r"word/document\d*\.xml")
_EXCEL_MAIN = re.compile(r"xl/workbook\d*\.xml")


def sniff(data: bytes, filename: str = "") -> Source:
    ext = os.path.splitext(filename)[1].lower().lstrip(".")
    return Source(data=data, filename=filename, extension=ext, kind=_kind(data))


def _kind(data: bytes) -> str:
    if not data:
        return "empty"
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(_OLE):
        return "ole"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if _looks_like_text(head):
        return "text"
    return "unknown"


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "unknown"
    if "[Content_Types].xml" in names:
        # Word names the main part word/document.xml; a few tools write word/document2.xml.
        if any(_WORD_MAIN.fullmatch(n) for n in names):
            return "docx"
        if any(_EXCEL_MAIN.fullmatch(n) for n in names):
            return "xlsx"
    return "zip"


def _looks_like_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as e:  # a multi-byte character cut at the end of the sample is fine
        if e.start < len(head) - 3:
            return False
    return b"\x00" not in head
