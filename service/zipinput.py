"""The members of a submitted zip, each copied into the blob store with its size bounded as it is read.

Declared sizes in a zip can lie, so every member is streamed with a hard cap; the declared total is
only a quick first refusal. Windows zip tools write Chinese names in GBK without the UTF-8 flag,
which Python reads as cp437 mojibake: those names are re-decoded.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from service.storage import Blob, BlobStore

_SKIP_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
_RATIO_FLOOR = 1 << 20  # smaller members may compress as well as they like (as in extractor.containers)


class ZipRefused(ValueError):
    """The archive as a whole cannot be taken: `status` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True, slots=True)
class Member:
    position: int  # 1-based, in the archive's order
    name: str  # path inside the archive
    blob: Blob | None = None
    error_code: str | None = None  # why it was not stored (F002 encrypted, F005 too large, F001 damaged)
    error: str | None = None

    @property
    def filename(self) -> str:
        return PurePosixPath(self.name).name or self.name


def member_name(info: zipfile.ZipInfo) -> str:
    name = info.filename
    if info.flag_bits & 0x800:
        return name
    raw = name.encode("cp437", errors="replace")
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return name


def wanted(info: zipfile.ZipInfo, name: str) -> bool:
    if info.is_dir() or name.startswith("__MACOSX/"):
        return False
    base = PurePosixPath(name).name
    return bool(base) and not base.startswith((".", "~$")) and base.lower() not in _SKIP_NAMES


def expand(path: Path, store: BlobStore, max_member_bytes: int, max_files: int, max_total_bytes: int,
           max_ratio: float | None = None) -> list[Member]:
    """Every wanted member, stored. `max_ratio` also refuses (F005) a member over 1 MiB that inflates more than
    that many times its compressed size, the way extractor.containers.check_zip judges a document's parts."""
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ZipRefused(415, "批量提交须为 zip 压缩包 (a batch must be a zip archive)") from None
    with zf:
        if "[Content_Types].xml" in zf.namelist():
            raise ZipRefused(415, "这是一个 Office 文档（.docx/.xlsx），不是压缩包；单个文件请用 POST /api/v1/checks 提交 "
                                  "(an Office document, not a zip of submissions)")
        infos = [(i, member_name(i)) for i in zf.infolist()]
        infos = [(i, n) for i, n in infos if wanted(i, n)]
        if not infos:
            raise ZipRefused(422, "压缩包中没有文件 (the zip holds no files)")
        if len(infos) > max_files:
            raise ZipRefused(413, f"压缩包中文件过多：{len(infos)} > {max_files} (too many files in the zip)")
        declared = sum(i.file_size for i, _ in infos)
        if declared > max_total_bytes:
            raise ZipRefused(413, f"压缩包解压后过大：{declared / 1048576:.0f} MB > {max_total_bytes / 1048576:.0f} MB "
                                  "(the zip expands beyond the limit)")
        return [_member(zf, info, name, pos, store, max_member_bytes, max_ratio)
                for pos, (info, name) in enumerate(infos, start=1)]


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, pos: int, store: BlobStore,
            max_bytes: int, max_ratio: float | None = None) -> Member:
    too_big = Member(pos, name, None, "F005", f"文件超过大小上限 {max_bytes / 1048576:.0f} MB")
    if info.flag_bits & 0x1:
        return Member(pos, name, None, "F002", "压缩包内的文件已加密，无法读取")
    if info.file_size > max_bytes:
        return too_big
    ratio = info.file_size / max(info.compress_size, 1)
    if max_ratio is not None and info.file_size > _RATIO_FLOOR and ratio > max_ratio:
        return Member(pos, name, None, "F005", f"疑似压缩炸弹：压缩比 {ratio:.0f}:1 超过上限 {max_ratio:.0f}:1")
    try:
        with zf.open(info) as f:
            blob = store.put_stream(f, max_bytes)
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError, RuntimeError) as e:
        return Member(pos, name, None, "F001", f"压缩包内的文件已损坏，无法解压（{type(e).__name__}）")
    return Member(pos, name, blob) if blob else too_big
