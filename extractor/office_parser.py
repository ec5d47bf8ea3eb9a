"""Legacy formats (.doc .wps .xls .et, and RTF/HTML saved under those names) through LibreOffice.

WPS Office and old Word/Excel write the same OLE compound files, and nothing in Python reads
their text reliably, so LibreOffice converts them to .docx/.xlsx (extractor.libreoffice) and the
result goes back through the registry to whichever parser reads it. Which application a file belongs to comes from its OLE stream names
(WordDocument → Writer; Workbook/Book → Calc), not from its extension: a .doc renamed .wps, or an
.xls saved as .et, is still read.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from extractor.base import ENCRYPTED, UNREADABLE, UNSUPPORTED, Converted, ExtractError, Format, Limits, Source
from extractor.containers import ole_streams
from extractor.libreoffice import libreoffice_convert
from extractor.sniff import sniff

WRITER_EXT = ("doc", "wps")
CALC_EXT = ("xls", "et")
_CALC_STREAMS = ("Workbook", "Book")  # Excel 97–2003 / WPS 表格; Excel 5/95
_ENCRYPTED_STREAMS = ("EncryptedPackage", "EncryptionInfo")  # a password-protected .docx/.xlsx


class OfficeParser:
    name: ClassVar[str] = "office"
    formats: ClassVar[tuple[Format, ...]] = (Format("doc", "Word 文档"), Format("wps", "WPS 文档"),
                                             Format("xls", "Excel 表格"), Format("et", "WPS 表格"))
    # OLE compound files; RTF/HTML/XML saved under a .doc/.xls name sniff as text (unknown when not UTF-8)
    kinds: ClassVar[frozenset[str]] = frozenset({"ole", "text", "unknown"})

    def accepts(self, source: Source) -> bool:
        if source.kind == "ole":
            return True
        return (source.kind in self.kinds and source.extension in WRITER_EXT + CALC_EXT
                and _markup(source.data) is not None)

    def convert(self, source: Source, limits: Limits) -> Converted:
        app, fmt, origin, suffix = identify(source)
        target = "docx" if app == "writer" else "xlsx"
        # HTML opens in Writer/Web, which cannot save .docx; name the application's own HTML filter.
        infilter = {"writer": "HTML (StarWriter)", "calc": "HTML (StarCalc)"}[app] if origin == "html" else None
        data = libreoffice_convert(source.data, suffix, target, limits, infilter=infilter)
        converted = sniff(data, f"{Path(source.filename or 'input').stem}.{target}")
        if converted.kind != target:
            raise ExtractError(UNREADABLE, f"LibreOffice 转换 .{fmt} 的结果无法读取")
        return Converted(converted, fmt, origin)


def identify(source: Source) -> tuple[str, str, str, str]:
    """(application, format as submitted, what LibreOffice actually read, input file suffix)."""
    ext = source.extension
    if source.kind == "ole":
        streams = ole_streams(source.data)
        if any(s in streams for s in _ENCRYPTED_STREAMS):
            raise ExtractError(ENCRYPTED, "文件设有打开密码（已加密），无法读取；请取消密码保护后再提交")
        # Word 97–2003 and WPS 文字 write a WordDocument stream; a Microsoft Works .wps has CONTENTS.
        if "WordDocument" in streams or ("CONTENTS" in streams and ext == "wps"):
            fmt = ext if ext in WRITER_EXT else "doc"
            return "writer", fmt, fmt, "doc" if "WordDocument" in streams else "wps"
        if any(s in streams for s in _CALC_STREAMS):
            fmt = ext if ext in CALC_EXT else "xls"
            return "calc", fmt, fmt, "xls"
        if "PowerPoint Document" in streams:
            raise ExtractError(UNSUPPORTED, "不支持演示文稿（PowerPoint/WPS 演示）；请另存为 .docx 或 .pdf 后再提交",
                               kind="ppt")
        if not streams and ext in WRITER_EXT + CALC_EXT:
            raise ExtractError(UNREADABLE, f".{ext} 文件已损坏：无法读取其内部目录")
        raise ExtractError(UNSUPPORTED, f"不支持的 OLE 文件（{'、'.join(sorted(streams)[:5]) or '内容未知'}）",
                           kind="ole", extension=ext, list_supported=True)
    markup = _markup(source.data)
    if markup is None:
        raise ExtractError(UNSUPPORTED, f"不支持的文件格式：{ext or source.kind}")
    app = "writer" if ext in WRITER_EXT else "calc"
    return app, ext, markup, markup


def _markup(data: bytes) -> str | None:
    """RTF, HTML or Office 2003 XML — what Word and web systems save under a .doc or .xls name."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"<html", b"<!doctype html")) or (b"<html" in head and head.startswith(b"<")):
        return "html"
    if head.startswith(b"<?xml") and (b"w:worddocument" in head or b"office:spreadsheet" in head):
        return "xml"
    return None
