"""Seals in the pictures of a Word file: the electronic seal pasted over "（盖章）", a scanned page
inserted whole.

Each picture the body shows is decoded once (large JPEGs at a quarter of their size: a seal is
40 mm across, so a reduced decode still shows it whole) and looked at by `extractor.seals` only if
it holds red at all. Its resolution comes from the size the picture is shown at (wp:extent), which
is what turns millimetres into pixels. The seal is placed at the body paragraph the picture is in
(a table's pictures at the paragraph before the table, where the walker places the table).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

import numpy as np
from lxml import etree

from extractor import seals
from extractor.docx_xml import W_CUSTOMXML, W_P, W_SDT, W_SDTCONTENT, W_TBL
from extractor.model import Location, Seal

_A_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
_WP_EXTENT = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_EMU_PER_INCH = 914400
_MOST = 80  # pictures looked at in one file: a file of photos is evidence, not seals


def relationship_targets(rels: etree._Element | None, base: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if rels is None:
        return out
    for rel in rels.iter(_REL):
        if rel.get("TargetMode") != "External":
            target = rel.get("Target", "")
            out[rel.get("Id", "")] = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(base, target))
    return out


def picture_seals(body: etree._Element, targets: dict[str, str], read: Callable[[str], bytes | None]) -> list[Seal]:
    out: list[Seal] = []
    seen = 0
    for index, el in _top_level(body):
        for drawing in el.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}drawing"):
            blip = next(drawing.iter(_A_BLIP), None)
            if blip is None or seen >= _MOST:
                continue
            seen += 1
            path = targets.get(blip.get(_R_EMBED, ""))
            data = read(path) if path else None
            extent = next(drawing.iter(_WP_EXTENT), None)
            shown = int(extent.get("cx", "0")) / _EMU_PER_INCH if extent is not None else 0.0
            if data:
                out.extend(Seal(loc=Location(paragraph=index or None), shape=s.shape, colour=s.colour,  # type: ignore[arg-type]
                                source="picture") for s in _in_picture(data, shown))
    return out


def _top_level(body: etree._Element) -> list[tuple[int, etree._Element]]:
    """Body paragraphs numbered as the walker numbers them; a table takes the number before it."""
    out: list[tuple[int, etree._Element]] = []
    index = 0

    def walk(el: etree._Element) -> None:
        nonlocal index
        for c in el:
            if c.tag == W_P:
                index += 1
                out.append((index, c))
            elif c.tag == W_TBL:
                out.append((index, c))
            elif c.tag == W_SDT:
                content = c.find(W_SDTCONTENT)
                if content is not None:
                    walk(content)
            elif c.tag == W_CUSTOMXML:
                walk(c)

    walk(body)
    return out


def _in_picture(data: bytes, shown_inches: float) -> list[seals.SealMark]:
    import cv2

    flags = cv2.IMREAD_REDUCED_COLOR_4 if len(data) > 400_000 else cv2.IMREAD_COLOR
    img = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
    if img is None or min(img.shape[:2]) < 40 or not seals.has_red(img):
        return []
    dpi = img.shape[1] / shown_inches if shown_inches > 0.2 else 150.0
    return seals.find_seals(img, dpi)
