"""Legacy formats (.doc .wps .xls .et, and RTF/HTML saved under those names) through LibreOffice.

WPS Office and old Word/Excel write the same OLE compound files, and nothing in Python reads
their text reliably, so LibreOffice converts them to .docx/.xlsx in a temp dir and the normal
parser reads the result. Which application a file belongs to comes from its OLE stream names
(WordDocument → Writer; Workbook/Book → Calc), not from its extension: a .doc renamed .wps, or an
.xls saved as .et, is still read. Each conversion gets a private LibreOffice profile (a copy of
one an earlier conversion initialised) so parallel conversions do not share and lock one, runs in
its own process group, and is killed with all its children at the time limit.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import ClassVar

from extractor.base import ENCRYPTED, OVER_LIMIT, UNREADABLE, UNSUPPORTED, ExtractError, Limits, Source
from extractor.model import Document
from extractor.sandbox import exec_memory_cap, kill_tree
from extractor.sniff import ole_streams, sniff

INSTALL_HINT = "apt-get install libreoffice-writer libreoffice-calc，或运行 scripts/setup"
WRITER_EXT = ("doc", "wps")
CALC_EXT = ("xls", "et")
_WRITER_STREAMS = ("WordDocument", "CONTENTS")  # Word 97–2003 / WPS 文字; Microsoft Works .wps
_CALC_STREAMS = ("Workbook", "Book")  # Excel 97–2003 / WPS 表格; Excel 5/95
SOFFICE_MIN_MB = 2048  # LibreOffice maps ~500 MB of address space converting a 45-page report
_ENCRYPTED_STREAMS = ("EncryptedPackage", "EncryptionInfo")  # a password-protected .docx/.xlsx


class OfficeParser:
    name: ClassVar[str] = "office"

    def accepts(self, source: Source) -> bool:
        if source.kind == "ole":
            return True
        return source.extension in WRITER_EXT + CALC_EXT and _markup(source.data) is not None

    def convert(self, source: Source, limits: Limits) -> Document:
        app, fmt, origin, suffix = identify(source)
        target = "docx" if app == "writer" else "xlsx"
        # HTML opens in Writer/Web, which cannot save .docx; name the application's own HTML filter.
        infilter = {"writer": "HTML (StarWriter)", "calc": "HTML (StarCalc)"}[app] if origin == "html" else None
        data = libreoffice_convert(source.data, suffix, target, limits, infilter=infilter)
        converted = sniff(data, f"{Path(source.filename or 'input').stem}.{target}")
        if converted.kind != target:
            raise ExtractError(UNREADABLE, f"LibreOffice 转换 .{fmt} 的结果无法读取")
        if app == "writer":
            from extractor.docx_parser import DocxParser

            doc = DocxParser().convert(converted, limits)
        else:
            from extractor.xlsx_parser import XlsxParser

            doc = XlsxParser().convert(converted, limits)
        doc.meta.format = fmt
        doc.meta.converted_from = origin
        doc.meta.filename = source.filename
        return doc


def identify(source: Source) -> tuple[str, str, str, str]:
    """(application, format as submitted, what LibreOffice actually read, input file suffix)."""
    ext = source.extension
    if source.kind == "ole":
        streams = ole_streams(source.data)
        if any(s in streams for s in _ENCRYPTED_STREAMS):
            raise ExtractError(ENCRYPTED, "文件设有打开密码（已加密），无法读取；请取消密码保护后再提交")
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
        raise ExtractError(UNSUPPORTED, f"不支持的 OLE 文件（{'、'.join(sorted(streams)[:5]) or '内容未知'}）；"
                           "可检查 .docx .doc .wps .pdf .xlsx .xls .et", kind="ole", extension=ext)
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


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_convert(data: bytes, suffix: str, target: str, limits: Limits,
                        infilter: str | None = None) -> bytes:
    """Convert bytes with `soffice --headless --convert-to TARGET`; the converted file's bytes.

    F003 when LibreOffice is not installed, F005 past limits.seconds, F001 when it produced nothing.
    """
    soffice = soffice_path()
    if soffice is None:
        raise ExtractError(UNSUPPORTED, f"无法读取 .{suffix} 文件：服务器未安装 LibreOffice（{INSTALL_HINT}）",
                           missing="soffice")
    with tempfile.TemporaryDirectory(prefix="clustercheck-office-") as tmp:
        work = Path(tmp)
        src = work / f"input.{suffix}"
        src.write_bytes(data)
        profile = work / "profile"
        _seed_profile(profile)
        cmd = [soffice, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
               f"-env:UserInstallation={profile.as_uri()}"]
        if infilter:
            cmd.append(f"--infilter={infilter}")
        cmd += ["--convert-to", target, "--outdir", str(work / "out"), str(src)]
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=work, process_group=0,
                                preexec_fn=exec_memory_cap(max(2 * limits.memory_mb, SOFFICE_MIN_MB)))
        try:
            _, err = proc.communicate(timeout=limits.seconds)
        except subprocess.TimeoutExpired:
            kill_tree(proc.pid)
            proc.communicate()
            raise ExtractError(OVER_LIMIT, f"处理超时（>{limits.seconds:g}s）：LibreOffice 转换 .{suffix} 未完成",
                               limit="seconds", expected=limits.seconds) from None
        out = work / "out" / f"input.{target}"
        if proc.returncode == 0 and out.is_file():
            _keep_seed(profile)
        if not out.is_file():
            said = err.decode("utf-8", "replace").strip().splitlines()
            detail = f"：{said[-1][:200]}" if said else ""
            raise ExtractError(UNREADABLE, f"LibreOffice 无法转换该 .{suffix} 文件（可能已损坏或设有密码）{detail}")
        return out.read_bytes()


def _seed_path() -> Path:
    return Path(tempfile.gettempdir()) / f"clustercheck-lo-profile-{os.getuid()}"


def _seed_profile(profile: Path) -> None:
    """Start from a copy of a profile LibreOffice already initialised: about a second faster than an
    empty one, and still private to this conversion."""
    seed = _seed_path()
    if seed.is_dir():
        with contextlib.suppress(OSError):
            shutil.copytree(seed, profile, symlinks=True)


def _keep_seed(profile: Path) -> None:
    """Publish a used profile as the seed, atomically (a rename), if there is none yet."""
    seed = _seed_path()
    if seed.exists():
        return
    staging = Path(tempfile.mkdtemp(prefix=seed.name + "-", dir=seed.parent))
    try:
        shutil.copytree(profile, staging / "p", symlinks=True)
        os.rename(staging / "p", seed)
    except OSError:
        pass
    finally:
        shutil.rmtree(staging, ignore_errors=True)
