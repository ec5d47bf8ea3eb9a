"""The .docx package: pages, running headers, displayed text, metadata, and hostile or broken files."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from docx import Document as open_docx
from docx.enum.text import WD_BREAK

from extractor.base import Limits
from extractor.docx_parser import DocxParser
from extractor.model import Paragraph
from extractor.sniff import sniff
from samples.wordml import W_NS, minimal_docx
from tests.extractor.docx_fixtures import SAMPLES, convert, docx, load, p, texts

LRPB = "<w:r><w:lastRenderedPageBreak/></w:r>"


def test_accepts_only_docx() -> None:
    data = (SAMPLES / "docx_styles.docx").read_bytes()
    assert DocxParser().accepts(sniff(data, "a.doc"))
    assert not DocxParser().accepts(sniff(b"%PDF-1.7 ...", "a.docx"))


def test_pages_from_word_rendered_page_breaks() -> None:
    body = (p("一、集群总体情况") + p("第一页正文。")
            + f'<w:p>{LRPB}<w:r><w:t>第二页开头的段落。</w:t></w:r></w:p>'
            + '<w:p><w:r><w:t>跨页段落前半，</w:t></w:r><w:r><w:lastRenderedPageBreak/><w:t>后半。</w:t></w:r></w:p>'
            + p("二、集群发展情况") + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' + p("仍在第三页。"))
    doc = convert(docx(body))
    assert [b.loc.page for b in doc.blocks] == [1, 1, 2, 2, 3, 3]  # hard breaks are counted by their rendered mark
    assert doc.meta.pages == 3
    assert doc.outline()[1]["page"] == 3


def test_pages_from_hard_breaks_when_not_rendered() -> None:
    doc = load("docx_styles.docx")
    pages = {h.title: h.loc.page for h in doc.headings()}
    assert pages["集群发展环境"] == 1 and pages["集群发展成效"] == 2
    assert doc.meta.pages == 2


def _python_docx(*pages: str) -> bytes:
    """A file as python-docx writes it: its template's app.xml says Pages 1, Words 0, Characters 0."""
    doc = open_docx()
    for i, text in enumerate(pages):
        if i:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        doc.add_paragraph(text)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_python_docx_app_xml_pages_1_is_not_believed() -> None:
    assert b"<Pages>1</Pages>" in zipfile.ZipFile(io.BytesIO(_python_docx("正文。"))).read("docProps/app.xml")
    assert convert(_python_docx("集群总体情况良好。")).meta.pages is None  # no page information at all
    assert convert(_python_docx("第一页。", "第二页。", "第三页。")).meta.pages == 3  # the hard breaks tell
    assert convert(_python_docx()).meta.pages == 1  # an empty document is one page, as its app.xml says


def test_section_break_and_page_break_before() -> None:
    sect = '<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/></w:sectPr></w:pPr><w:r><w:t>第一节末段。</w:t></w:r></w:p>'
    body = (p("封面") + sect + p("第二页。") + p("第三页。", ppr="<w:pageBreakBefore/>")
            + '<w:p><w:pPr><w:sectPr><w:type w:val="continuous"/></w:sectPr></w:pPr><w:r><w:t>连续。</w:t></w:r></w:p>'
            + p("仍第三页。"))
    assert [b.loc.page for b in convert(docx(body)).blocks] == [1, 1, 2, 3, 3, 3]


def test_no_page_information_means_no_page() -> None:
    doc = load("docx_bold_numbers.docx")
    assert {b.loc.page for b in doc.blocks} == {None}


def test_headers_and_footers_are_furniture_not_body() -> None:
    doc = load("docx_styles.docx")
    assert [(f.text, f.style) for f in doc.furniture] == [("2024年度创新型产业集群总结报告", "header"), ("1", "footer")]
    assert "2024年度创新型产业集群总结报告" not in doc.text()


def test_displayed_text_only() -> None:
    runs = ('<w:ins><w:r><w:t>新增</w:t></w:r></w:ins><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>'
            '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'
            '<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>单击此处输入文字</w:t></w:r></w:sdtContent></w:sdt>'
            '<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:r><w:tab/><w:t>A</w:t><w:br/><w:t>B</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')
    assert texts(convert(docx(p("正文", runs=runs)))) == ["正文新增链接\tA\nB7"]


def test_text_box_is_read_once() -> None:
    box = f"<w:txbxContent>{p('集群名称：十堰商用车产业集群')}</w:txbxContent>"
    alt = (f'<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
           f"<mc:Choice Requires=\"wps\"><w:drawing><wps:txbx xmlns:wps=\"urn:x\">{box}</wps:txbx></w:drawing></mc:Choice>"
           f"<mc:Fallback><w:pict><v:textbox xmlns:v=\"urn:schemas-microsoft-com:vml\">{box}</v:textbox></w:pict>"
           f"</mc:Fallback></mc:AlternateContent>")
    doc = convert(docx(p("封面", runs=f"<w:r>{alt}</w:r>") + p("一、集群总体情况")))
    assert texts(doc) == ["封面", "集群名称：十堰商用车产业集群", "一、集群总体情况"]
    assert doc.blocks[1].loc.paragraph == 1 and isinstance(doc.blocks[1], Paragraph)


def test_meta_from_package_properties() -> None:
    app = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           "<Pages>45</Pages><Application>Microsoft Office Word</Application></Properties>")
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>集群工作总结</dc:title></cp:coreProperties>')
    doc = convert(docx(p("一、集群总体情况"), docProps__app_xml=app, docProps__core_xml=core))
    assert (doc.meta.format, doc.meta.pages, doc.meta.producer, doc.meta.title) == ("docx", 45, "Microsoft Office Word",
                                                                                   "集群工作总结")


def test_strict_ooxml_namespace() -> None:
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    xml = f'<w:document xmlns:w="{strict}"><w:body>{p("一、集群总体情况")}</w:body></w:document>'.encode()
    assert texts(convert(minimal_docx(None, raw_document=xml))) == ["一、集群总体情况"]


def _code(data: bytes, limits: Limits | None = None) -> str:
    with pytest.raises(Exception) as err:
        convert(data, limits or Limits())
    assert err.type.__name__ == "ExtractError", err.value
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err.value.message)  # a Chinese message for the user
    return err.value.code


def test_missing_document_part_is_f001() -> None:
    assert _code(minimal_docx(None)) == "F001"


def test_broken_xml_is_f001() -> None:
    assert _code(minimal_docx(None, raw_document=b"<w:document><w:body><w:p>")) == "F001"


def test_corrupt_member_is_f001() -> None:
    good = (SAMPLES / "docx_ticks.docx").read_bytes()
    start = good.find(b"word/document.xml") + 200
    broken = good[:start] + bytes(b ^ 0x5A for b in good[start : start + 400]) + good[start + 400 :]
    assert _code(broken) == "F001"


def test_billion_laughs_is_not_expanded() -> None:
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY l0 "哈哈">{lol}]>'
           f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>开头&l9;结尾</w:t></w:r></w:p></w:body></w:document>')
    t0 = time.perf_counter()
    try:
        doc = convert(minimal_docx(None, raw_document=xml.encode()))
    except Exception as e:  # refusing the part is as good as not expanding it
        assert getattr(e, "code", None) == "F001"
    else:
        assert len(doc.text()) < 100
    assert time.perf_counter() - t0 < 2


def test_unzipped_size_limit_is_f005() -> None:
    data = (SAMPLES / "docx_ticks.docx").read_bytes()
    assert _code(data, Limits(max_unzipped_bytes=10_000)) == "F005"


def test_zip_bomb_member_is_f005() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"><w:body>' + " " * 30_000_000 + "</w:body></w:document>")
    assert _code(out.getvalue()) == "F005"


def test_page_limit_is_f005() -> None:
    app = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           "<Pages>900</Pages></Properties>")
    assert _code(docx(p("正文"), docProps__app_xml=app)) == "F005"
