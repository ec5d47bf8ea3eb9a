"""WordprocessingML names and the one safe way to parse a part of a .docx.

Submissions come from strangers, so word/*.xml is parsed with entity expansion and network access
off (a billion-laughs document.xml stays small and unexpanded); Strict OOXML is folded into the
transitional namespace so the rest of the code knows one set of tag names.
"""

from __future__ import annotations

from lxml import etree

from extractor.base import UNREADABLE, ExtractError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_STRICT_NS = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"

_W = "{" + W_NS + "}"


def w(name: str) -> str:
    return _W + name


W_VAL = w("val")
W_P, W_R, W_T, W_TBL, W_TR, W_TC, W_PPR, W_RPR = (w(n) for n in ("p", "r", "t", "tbl", "tr", "tc", "pPr", "rPr"))
W_SDT, W_SDTPR, W_SDTCONTENT, W_CUSTOMXML = w("sdt"), w("sdtPr"), w("sdtContent"), w("customXml")
W_STYLE, W_NUMPR, W_NUMID, W_ILVL = w("pStyle"), w("numPr"), w("numId"), w("ilvl")
W14_CHECKBOX, W14_CHECKED, W14_VAL = (f"{{{W14_NS}}}{n}" for n in ("checkbox", "checked", "val"))
MC_ALTERNATE, MC_CHOICE = f"{{{MC_NS}}}AlternateContent", f"{{{MC_NS}}}Choice"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                          remove_comments=True, remove_pis=True)


def parse_part(data: bytes, part: str) -> etree._Element:
    """Parse one XML part; a broken or hostile part is F001 with the part named in the message."""
    if _STRICT_NS in data[:4096]:
        data = data.replace(_STRICT_NS, W_NS.encode())
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as e:
        raise ExtractError(UNREADABLE, f"Word 文档内部 XML 已损坏（{part}：{str(e)[:120]}）", part=part) from None


def on(el: etree._Element | None, name: str = "val") -> bool:
    """A WordprocessingML toggle (<w:b/>, <w:b w:val="0"/>): present and not switched off."""
    if el is None:
        return False
    return el.get(w(name)) not in ("0", "false", "off")


def int_attr(el: etree._Element | None, name: str = "val") -> int | None:
    if el is None:
        return None
    try:
        return int(el.get(w(name), ""))
    except ValueError:
        return None
