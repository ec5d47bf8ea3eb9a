"""Pictures in Word paragraphs and table cells: counted, and a paragraph holding only a picture is
kept (text "").

An evidence section of scanned certificates, or a form's evidence cell the scans were pasted into,
has no text at all; without its pictures it looked empty to the checkers."""

from __future__ import annotations

from extractor.model import Paragraph, Table
from tests.extractor.docx_fixtures import convert, docx, load, p

_PIC_NS = 'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
DRAWING = (f'<w:r><w:drawing><wp:inline xmlns:wp="urn:wp"><a:graphic xmlns:a="urn:a"><a:graphicData>'
           f'<pic:pic {_PIC_NS}><pic:blipFill/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')
VML = ('<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:imagedata r:id="rId5" '
       'xmlns:r="urn:r"/></v:shape></w:pict></w:r>')
ALTERNATE = ('<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
             f'<mc:Choice Requires="wps">{DRAWING[5:-6]}</mc:Choice><mc:Fallback>{VML[5:-6]}</mc:Fallback>'
             '</mc:AlternateContent></w:r>')
TEXT_BOX = (f'<w:r><w:drawing><wps:txbx xmlns:wps="urn:x"><w:txbxContent>{p("封面说明")}</w:txbxContent>'
            '</wps:txbx></w:drawing></w:r>')


def paragraphs(body: str) -> list[tuple[str, int]]:
    return [(b.text, b.images) for b in convert(docx(body)).blocks if isinstance(b, Paragraph)]


def test_a_paragraph_holding_only_a_picture_is_kept() -> None:
    body = p("七、佐证材料") + p(runs=DRAWING) + p(runs=VML) + p("附件3：证书", runs=DRAWING + DRAWING)
    doc = convert(docx(body))
    assert [(b.text, b.images) for b in doc.blocks[1:]] == [("", 1), ("", 1), ("附件3：证书", 2)]
    assert doc.to_dict()["blocks"][1] | {"loc": None} == {"kind": "paragraph", "text": "", "images": 1, "loc": None}
    assert "images" not in doc.to_dict()["blocks"][0]


def test_a_picture_with_a_fallback_is_counted_once() -> None:
    assert paragraphs(p(runs=ALTERNATE)) == [("", 1)]


def test_a_text_box_is_no_picture() -> None:
    assert paragraphs(p("封面", runs=TEXT_BOX)) == [("封面", 0), ("封面说明", 0)]


def test_a_picture_between_caption_and_table_is_not_the_caption() -> None:
    row = "<w:tr>" + "".join(f"<w:tc>{p(t)}</w:tc>" for t in ("指标", "数值")) + "</w:tr>"
    table = f"<w:tbl>{row}{row}</w:tbl>"  # not 1x1, which Word uses as a frame
    doc = convert(docx(p("表1 集群主要指标") + p(runs=DRAWING) + table))
    (t,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert t.caption == "表1 集群主要指标"


def test_pictures_do_not_break_a_numbered_list() -> None:
    body = p("1. 营业执照复印件") + p(runs=DRAWING) + p("2. 办公场所租赁合同") + p(runs=DRAWING)
    doc = convert(docx(p("一、佐证材料") + body))
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "paragraph", "paragraph", "paragraph"]


def tc(*paras: str) -> str:
    return "<w:tc>" + "".join(paras) + "</w:tc>"


def test_pictures_in_a_table_cell_are_counted_on_the_cell() -> None:
    nested = f"<w:tbl><w:tr>{tc(p(runs=DRAWING))}{tc(p('证书'))}</w:tr></w:tbl>"
    rows = [tc(p("4.3相关佐证资料")) + tc(p(runs=DRAWING) + p(runs=ALTERNATE) + p("见附件", runs=VML)),
            tc(p("备注")) + tc(p(), nested + p())]
    doc = convert(docx(p("四、集群发展促进组织情况") + "<w:tbl>" + "".join(f"<w:tr>{r}</w:tr>" for r in rows) + "</w:tbl>"))
    (t,) = doc.tables()
    assert [[(c.text, c.images) for c in row] for row in t.rows] == [
        [("4.3相关佐证资料", 0), ("见附件", 3)], [("备注", 0), ("\t证书", 1)]]  # a nested row is one line
    (d,) = [b for b in doc.to_dict()["blocks"] if b["kind"] == "table"]
    assert d["cell_images"] == [[0, 1, 3], [1, 1, 1]]


def test_a_table_without_pictures_says_nothing_of_them() -> None:
    row = "<w:tr>" + tc(p("指标")) + tc(p("数值")) + "</w:tr>"
    doc = convert(docx(f"<w:tbl>{row}{row}</w:tbl>"))
    (d,) = doc.to_dict()["blocks"]
    assert "cell_images" not in d and all(c.images == 0 for c in doc.tables()[0].anchors())


def test_the_scanned_evidence_cell_of_the_sample_holds_its_three_scans() -> None:
    doc = load("hunan-2023-prelim_scanned-evidence-cell.docx")
    (org,) = [t for t in doc.tables() if t.n_rows > 6 and t.rows[5][0].text == "4.3相关佐证资料"]
    assert (org.rows[6][0].text, org.rows[6][0].images) == ("", 3)  # the box below the label
    assert sum(c.images for t in doc.tables() for c in t.anchors()) == 3
