"""Scanned evidence as applicants paste it into Word: a certificate picture in a paragraph of its own.

The picture carries no text (no font is drawn, so the bytes are the same on every machine): a
bordered certificate with ruled lines where the wording would be and a red round seal with a star.
"""

from __future__ import annotations

import io
import math

from docx.document import Document as DocxDocument
from docx.shared import Cm
from docx.text.paragraph import Paragraph as DocxParagraph
from PIL import Image, ImageDraw

SIZE = (360, 250)
_PAPER, _FRAME, _INK, _SEAL = (252, 248, 236), (176, 131, 52), (120, 120, 120), (214, 32, 32)


def certificate_png(lines: int = 5) -> bytes:
    """A small PNG of a certificate with a red seal; `lines` ruled lines stand for its wording."""
    w, h = SIZE
    img = Image.new("RGB", SIZE, _PAPER)
    draw = ImageDraw.Draw(img)
    draw.rectangle((6, 6, w - 7, h - 7), outline=_FRAME, width=5)
    draw.rectangle((16, 16, w - 17, h - 17), outline=_FRAME, width=1)
    draw.rectangle((w // 2 - 60, 30, w // 2 + 60, 48), fill=_SEAL)  # the title band (荣誉证书)
    for n in range(lines):
        y = 70 + n * 22
        draw.line((40, y, w - (120 if n == lines - 1 else 40), y), fill=_INK, width=3)
    cx, cy, r = w - 85, h - 65, 42
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=_SEAL, width=5)
    star = [(cx + (16 if k % 2 == 0 else 7) * math.sin(k * math.pi / 5),
             cy - (16 if k % 2 == 0 else 7) * math.cos(k * math.pi / 5)) for k in range(10)]
    draw.polygon(star, fill=_SEAL)
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()


def add_certificate(doc: DocxDocument, lines: int = 5) -> DocxParagraph:
    """A paragraph holding only the picture of a certificate, as a scan pasted into the file."""
    doc.add_picture(io.BytesIO(certificate_png(lines)), width=Cm(12))
    return doc.paragraphs[-1]
