"""Opening containers safely: zips judged by their central directory before anything inflates,
and the directory of an OLE compound file read without trusting it.

Zips are where hostile input hides (a 40 KB file that inflates to gigabytes), so `open_zip`
judges a container by its declared sizes and ratios before any byte is inflated; `reject_dtd`
refuses XML with a document type declaration, which OOXML never has and entity tricks need. OLE
compound files (.doc .wps .xls .et) all look alike from outside; `ole_streams` lists their stream
names, which tell Word from Excel.
"""

from __future__ import annotations

import io
import struct
import zipfile

from extractor.base import OVER_LIMIT, UNREADABLE, ExtractError, Limits

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_ZIP_MEMBERS = 10_000  # a real .docx has a few dozen parts; an .xlsx a few hundred
_RATIO_FLOOR = 1 << 20  # members smaller than this may compress as well as they like


def open_zip(data: bytes, limits: Limits, what: str = "压缩包") -> zipfile.ZipFile:
    """The zip, once its central directory shows it is no zip bomb (`check_zip`); F001 if it cannot
    be opened. `what` names the file in the message ("Word 文档")."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise ExtractError(UNREADABLE, f"{what}已损坏，无法打开（{e}）") from None
    try:
        check_zip(z.infolist(), limits)
    except ExtractError:
        z.close()
        raise
    return z


def check_zip(infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Refuse a zip bomb from its central directory, before anything inflates.

    Python's zipfile stops inflating a member at its declared size, so checking the declared
    sizes bounds what python-docx, openpyxl and lxml can be made to read. Raises F005 over the
    limits.
    """
    if len(infos) > MAX_ZIP_MEMBERS:
        raise ExtractError(OVER_LIMIT, f"压缩包内文件数 {len(infos)} 超过上限 {MAX_ZIP_MEMBERS}",
                           limit="zip_members", actual=len(infos), expected=MAX_ZIP_MEMBERS)
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and ratio > limits.max_zip_ratio:
            raise ExtractError(OVER_LIMIT, f"疑似压缩炸弹：{info.filename} 压缩比 {ratio:.0f}:1 超过上限 "
                               f"{limits.max_zip_ratio}:1", limit="max_zip_ratio", actual=round(ratio),
                               expected=limits.max_zip_ratio)
    if total > limits.max_unzipped_bytes:
        raise ExtractError(OVER_LIMIT, f"解压后大小 {total / 1048576:.0f} MB 超过上限 "
                           f"{limits.max_unzipped_bytes / 1048576:.0f} MB", limit="max_unzipped_bytes",
                           actual=total, expected=limits.max_unzipped_bytes)


def reject_dtd(xml: bytes, part: str = "") -> None:
    """OOXML parts never declare a DTD; one that does is an entity-expansion or XXE attempt (F001)."""
    if b"<!DOCTYPE" in xml or b"<\x00!\x00D\x00O\x00C\x00T\x00Y\x00P\x00E" in xml:
        raise ExtractError(UNREADABLE, f"文件含有不允许的 XML 实体声明（{part or 'XML'}），已拒绝解析", part=part)


def ole_streams(data: bytes) -> set[str]:
    """Names of every stream and storage in an OLE compound file; empty if it cannot be read.

    Only the directory is walked (header → FAT → directory chain), with every index checked and
    every chain bounded, so a damaged or hostile file yields an empty set, never a loop.
    """
    try:
        return _ole_directory(data)
    except (struct.error, IndexError, ValueError):
        return set()


def _ole_directory(data: bytes) -> set[str]:
    if not data.startswith(_OLE) or len(data) < 512:
        return set()
    shift = struct.unpack_from("<H", data, 0x1E)[0]
    if shift not in (9, 12):
        return set()
    size = 1 << shift
    n_sectors = (len(data) - 512) // size + 1
    n_fat, first_dir, first_difat, n_difat = (struct.unpack_from("<I", data, o)[0] for o in (0x2C, 0x30, 0x44, 0x48))

    def sector(n: int) -> bytes:
        if n >= n_sectors:
            raise ValueError("sector out of range")
        return data[512 + n * size : 512 + (n + 1) * size]

    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s < 0xFFFFFFFA]
    nxt, seen = first_difat, 0
    while nxt < 0xFFFFFFFA and seen < n_difat and len(fat_sectors) < n_fat:
        block = struct.unpack(f"<{size // 4}I", sector(nxt))
        fat_sectors += [s for s in block[:-1] if s < 0xFFFFFFFA]
        nxt, seen = block[-1], seen + 1
    fat: list[int] = []
    for s in fat_sectors[:n_fat]:
        fat += struct.unpack(f"<{size // 4}I", sector(s))
    names: set[str] = set()
    s, steps = first_dir, 0
    while s < 0xFFFFFFFA and steps < n_sectors:
        block = sector(s)
        for off in range(0, size, 128):
            name_len, kind = struct.unpack_from("<HB", block, off + 64)
            if kind in (1, 2) and 2 <= name_len <= 64:
                names.add(block[off : off + name_len - 2].decode("utf-16-le", "replace"))
        s, steps = (fat[s] if s < len(fat) else 0xFFFFFFFE), steps + 1
    return names
