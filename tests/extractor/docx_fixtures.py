"""Small WordprocessingML builders for docx parser tests that need one precise feature."""

from __future__ import annotations

from pathlib import Path

from extractor.base import DEFAULT_LIMITS, Limits
from extractor.docx_parser import DocxParser
from extractor.model import Document, Heading, Paragraph
from extractor.sniff import sniff
from samples.wordml import W_NS, minimal_docx

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "files"


def convert(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    return DocxParser().convert(sniff(data, "t.docx"), limits)


def load(name: str) -> Document:
    return convert((SAMPLES / name).read_bytes())


def docx(body: str, styles: str = "", numbering: str = "", **parts: str | bytes) -> bytes:
    files: dict[str, str | bytes] = {k.replace("__", "/").replace("_xml", ".xml"): v for k, v in parts.items()}
    if styles:
        files["word/styles.xml"] = f'<w:styles xmlns:w="{W_NS}">{styles}</w:styles>'
    if numbering:
        files["word/numbering.xml"] = f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>'
    return minimal_docx(body, files)


def p(text: str = "", *, style: str = "", num: tuple[int, int] | None = None, outline: int | None = None,
      bold: bool = False, center: bool = False, ppr: str = "", runs: str = "") -> str:
    """One w:p; `num` = (numId, ilvl); `outline` is 1-based; `runs` is appended raw."""
    props = ""
    if style:
        props += f'<w:pStyle w:val="{style}"/>'
    if num is not None:
        props += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
    if outline is not None:
        props += f'<w:outlineLvl w:val="{outline - 1}"/>'
    if center:
        props += '<w:jc w:val="center"/>'
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    run = f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p><w:pPr>{props}{ppr}</w:pPr>{run}{runs}</w:p>"


def style(sid: str, name: str, *, based_on: str = "", outline: int | None = None, num: tuple[int, int | None] | None = None,
          bold: bool = False, kind: str = "paragraph", default: bool = False) -> str:
    ppr = ""
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline - 1}"/>'
    if num is not None:
        ilvl = f'<w:ilvl w:val="{num[1]}"/>' if num[1] is not None else ""
        ppr += f'<w:numPr>{ilvl}<w:numId w:val="{num[0]}"/></w:numPr>'
    attrs = ' w:default="1"' if default else ""
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return (f'<w:style w:type="{kind}" w:styleId="{sid}"{attrs}><w:name w:val="{name}"/>{based}'
            f"<w:pPr>{ppr}</w:pPr>{rpr}</w:style>")


def abstract(aid: int, levels: list[tuple[str, str]], *, extra: dict[int, str] | None = None) -> str:
    """An abstractNum with (numFmt, lvlText) per level; `extra` adds raw XML into a level."""
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                   f'<w:suff w:val="nothing"/>{(extra or {}).get(i, "")}</w:lvl>' for i, (fmt, text) in enumerate(levels))
    return f'<w:abstractNum w:abstractNumId="{aid}">{lvls}</w:abstractNum>'


def num(nid: int, aid: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'


def texts(doc: Document) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Heading | Paragraph)]


def heads(doc: Document) -> list[tuple[int, str, str]]:
    return [(h.level, h.value, h.title) for h in doc.headings()]
