"""Every file of an archive as one Item: folders walked recursively, zips opened (nested ones too).

An archive handed to reviewers is whatever the offices sent: folders per city, zips made on
Chinese Windows (GBK names without the UTF-8 flag), a zip inside a zip, a damaged download.
Nothing here is ever dropped: a member that cannot be read becomes an Item carrying its F-code,
and system clutter (Thumbs.db, __MACOSX, ~$ lock files) becomes an Item marked ignored, so the
summary accounts for every name the reviewer can see. Zip members are copied into a
content-addressed spool with their sizes capped as they inflate (service.zipinput), so a zip
bomb costs at most the caps, and every Item ends up as a path on disk with its sha256.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from extractor import Limits
from service.storage import BlobStore
from service.zipinput import ZipRefused, expand, member_name, wanted

MAX_DEPTH = 4  # zips inside zips inside zips …: beyond this it is a trap, not an archive
MAX_MEMBERS = 50_000
MAX_UNZIPPED = 32 * 1024**3  # declared total of one zip's members
IGNORED = "系统或临时文件（如 Thumbs.db、__MACOSX、~$ 开头的锁定文件），未检查"
_ZIP_ERRORS = {413: "F005", 415: "F001", 422: "F001"}


@dataclass(slots=True)
class Item:
    display: str  # what a reviewer reads: 2024材料/武汉/总结.docx, 补交.zip!/十堰/申报书.docx
    name: str  # the file's own name: the parser's hint about its format
    path: Path | None = None  # where its bytes are (the file itself, or its copy in the spool)
    sha256: str = ""
    size: int = 0
    error_code: str | None = None  # F-code when the bytes could not be had at all
    error: str | None = None
    ignored: str | None = None  # why it was not checked (system clutter)

    @property
    def checkable(self) -> bool:
        return self.path is not None and not self.error_code and not self.ignored


def walk(paths: Sequence[Path], spool: BlobStore, limits: Limits) -> Iterator[Item]:
    """Items in a stable order: arguments as given, folders sorted, zip members in archive order."""
    for path in paths:
        if path.is_dir():
            yield from _folder(path, path.resolve().name or path.as_posix(), spool, limits)
        else:
            yield from _file(path, path.name, spool, limits, depth=0)


def _folder(root: Path, label: str, spool: BlobStore, limits: Limits) -> Iterator[Item]:
    for here, dirs, files in os.walk(root, onerror=None, followlinks=False):
        dirs.sort()
        rel = Path(here).relative_to(root)
        for name in sorted(files):
            display = "/".join(p for p in (label, *rel.parts, name) if p)
            if _junk(name):
                yield Item(display, name, ignored=IGNORED)
            else:
                yield from _file(Path(here) / name, display, spool, limits, depth=0)


def _junk(name: str) -> bool:
    """The same clutter rule the API applies to zip members (service.zipinput.wanted)."""
    return not wanted(zipfile.ZipInfo(name), name)


def _file(path: Path, display: str, spool: BlobStore, limits: Limits, depth: int) -> Iterator[Item]:
    name = display.rsplit("/", 1)[-1]
    if name.lower().endswith(".zip"):
        yield from _zip(path, display, spool, limits, depth)
        return
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            yield Item(display, name, path, size=size, error_code="F005",
                       error=f"文件大小 {size / 1048576:.1f} MB 超过上限 {limits.max_bytes / 1048576:.0f} MB")
            return
        yield Item(display, name, path, sha256=file_sha256(path), size=size)
    except OSError as e:
        yield Item(display, name, path, error_code="F001", error=f"无法读取文件：{e.strerror or e}")


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _zip(path: Path, display: str, spool: BlobStore, limits: Limits, depth: int) -> Iterator[Item]:
    name = display.rsplit("/", 1)[-1]
    if depth >= MAX_DEPTH:
        yield Item(display, name, path, error_code="F005", error=f"压缩包嵌套超过 {MAX_DEPTH} 层，未展开")
        return
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        yield Item(display, name, path, error_code="F001", error=f"压缩包已损坏，无法打开（{type(e).__name__}）")
        return
    if any(i.filename == "[Content_Types].xml" for i in infos):  # an Office file renamed .zip: check it
        yield Item(display, name, path, sha256=file_sha256(path), size=path.stat().st_size)
        return
    for info in infos:  # what expand leaves out on purpose, named so that none goes missing
        member = member_name(info)
        if not info.is_dir() and not wanted(info, member):
            yield Item(f"{display}!/{member}", member.rsplit("/", 1)[-1] or member, ignored=IGNORED)
    try:
        members = expand(path, spool, limits.max_bytes, MAX_MEMBERS, MAX_UNZIPPED, limits.max_zip_ratio)
    except ZipRefused as e:
        yield Item(display, name, path, error_code=_ZIP_ERRORS.get(e.status, "F001"), error=_chinese(e.message))
        return
    except OSError as e:
        yield Item(display, name, path, error_code="F001", error=f"无法读取压缩包：{e.strerror or e}")
        return
    for m in members:
        inner = f"{display}!/{m.name}"
        if m.blob is None:
            yield Item(inner, m.filename, error_code=m.error_code or "F001", error=m.error)
        elif m.filename.lower().endswith(".zip"):
            yield from _zip(spool.path(m.blob.sha256), inner, spool, limits, depth + 1)
        else:
            yield Item(inner, m.filename, spool.path(m.blob.sha256), m.blob.sha256, m.blob.size)


def _chinese(message: str) -> str:
    """zipinput's messages end with an English gloss for API clients; a reviewer reads the Chinese."""
    return message.split(" (", 1)[0]
