"""Files that must not break the extractor, and the legacy formats that go through LibreOffice.

Bad input: empty, truncated and random files, wrong extensions both ways, a zip bomb, a
billion-laughs/XXE document, a zip that is no Word document, a PDF over the page limit. Each
must end in its F-code quickly (tests/extractor/test_bad_input.py), never in a traceback or a hang.

Legacy: a Word 97 .doc written by LibreOffice, the same bytes named .wps (WPS 文字 reads and writes
that format), an RTF saved under a .doc name, and the 2024 statistical report of seed 001 附件2
(merged title and indicator-name cells, a signature line, a hidden drop-down list sheet, an empty
sheet) as .xlsx and as an Excel 97 .xls.
"""

from __future__ import annotations

import io
import random
import re
import tempfile
import zipfile
from pathlib import Path

from docx.document import Document as DocxDocument

from samples.builder import (
    FIXED_TIME,
    heading,
    new_document,
    paragraph,
    pin_package,
    prose,
    save,
    table,
    title,
)
from samples.rawpdf import assemble
from samples.soffice import convert

CLUSTER = "十堰商用车及部件创新型产业集群"
BUILDER_UNIT = "十堰经开区管委会"
BOMB_MEMBER_BYTES = 40 * 1024 * 1024  # inflates 40 MB from ~120 KB: ratio ~330:1


def generate(out: Path) -> list[Path]:
    report = save(legacy_source(), out / "legacy_report.docx")
    made = [report]
    made += _bad(out, report.read_bytes())
    with tempfile.TemporaryDirectory(prefix="bad_files_") as tmp:
        work = Path(tmp)
        doc = convert(report, "doc", work)
        made.append(_put(out / "legacy_report.doc", doc))
        made.append(_put(out / "legacy_report.wps", doc))
        made.append(_put(out / "legacy_report_rtf.doc", convert(report, "rtf", work)))
        stats = _put(out / "stats_table.xlsx", stats_workbook())
        made.append(stats)
        made.append(_put(out / "legacy_stats.xls", convert(stats, "xls", work)))
    return made


def _put(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- bad input -------------------------------------------------------------------------------

def _bad(out: Path, docx: bytes) -> list[Path]:
    rng = random.Random(404)
    noise = bytes(rng.randrange(256) for _ in range(8192))
    files = {
        "zero-byte.docx": b"",
        "truncated.docx": docx[: len(docx) * 3 // 5],
        "random-bytes.pdf": noise,
        "docx-named-as.pdf": docx,
        "text-named-as.docx": ("集群年度工作总结\n这是一份另存为纯文本后改名为 .docx 的文件。\n" * 20).encode(),
        "zip-bomb.docx": zip_bomb(),
        "xxe-billion-laughs.docx": billion_laughs(docx),
        "not-a-docx.zip.docx": _zip({"readme.txt": "不是 Word 文档".encode(), "data/list.csv": b"a,b\n1,2\n"}),
        "many-pages.pdf": many_pages_pdf(520),
        "truncated.pdf": _truncated_pdf(),
    }
    return [_put(out / name, data) for name, data in files.items()]


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in members.items():
            z.writestr(zipfile.ZipInfo(name, date_time=FIXED_TIME), data, zipfile.ZIP_DEFLATED, 9)
    return buf.getvalue()


_CT = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/'
       b'package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/'
       b'document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
       b'</Types>')
_RELS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats'
         b'.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
         b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def zip_bomb() -> bytes:
    """A well-formed .docx whose document.xml is 40 MB of one repeated paragraph, deflated ~1000:1."""
    para = "<w:p><w:r><w:t>集群</w:t></w:r></w:p>".encode()
    body = para * (BOMB_MEMBER_BYTES // len(para))
    xml = b'<?xml version="1.0" encoding="UTF-8"?><w:document ' + _W + b"><w:body>" + body + b"</w:body></w:document>"
    return _zip({"[Content_Types].xml": _CT, "_rels/.rels": _RELS, "word/document.xml": xml})


def billion_laughs(docx: bytes) -> bytes:
    """The real report with a DTD in document.xml: ten nested entities and an external one."""
    entities = b'<!ENTITY lol "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    dtd = b'<!DOCTYPE w:document [' + entities + b'<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                data = re.sub(rb"\?>", b"?>" + dtd, data, count=1)
                data = data.replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>&lol9;&xxe;</w:t></w:r></w:p>", 1)
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def many_pages_pdf(pages: int) -> bytes:
    """A hand-written PDF whose pages share one content stream: `pages` pages in a few KB."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
            + b"] /Count %d >>" % pages,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    text = b"BT /F1 12 Tf 72 720 Td (page) Tj ET"
    objs.append(b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream")
    objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
             b" /Contents 4 0 R >>"] * pages
    return assemble(objs)


def _truncated_pdf() -> bytes:
    whole = many_pages_pdf(3)
    return whole[: len(whole) // 3]


# --- legacy formats --------------------------------------------------------------------------

def legacy_source() -> DocxDocument:
    doc = new_document()
    title(doc, f"{CLUSTER}2023年度工作总结")
    paragraph(doc, f"{BUILDER_UNIT}    2024年3月")
    heading(doc, "一、集群总体情况", level=1)
    prose(doc, 400, seed=31)
    paragraph(doc, "表1  2023年度集群主要指标完成情况")
    table(doc, [["指标", "单位", "2022年", "2023年", "增幅（%）"],
                ["集群企业总数", "家", "362", "386", "6.6"],
                ["营业收入", "亿元", "1,126.4", "1,258.9", "11.8"],
                ["研发投入", "亿元", "31.2", "35.6", "14.1"]])
    heading(doc, "二、集群企业发展情况", level=1)
    heading(doc, "（一）主导产业领军企业发展情况", level=2)
    prose(doc, 500, seed=32)
    heading(doc, "（二）产业链骨干企业发展情况", level=2)
    prose(doc, 500, seed=33)
    paragraph(doc, "表2  集群创新平台建设情况")
    table(doc, [["平台类别", "级别", "数量（个）"], ["研发机构", "国家级", "3"], ["", "省级", "17"],
                ["合计", "", "20"]], merges=[(1, 0, 2, 1), (3, 0, 1, 2)])
    heading(doc, "三、存在问题与下一步工作考虑", level=1)
    prose(doc, 300, seed=34)
    return doc


# Seed 001 附件2: (indicator, unit, value); "其中" rows are indented (first column left blank).
STATS: list[tuple[str, str, str, float | int | None]] = [
    ("section", "一、集群企业数量", "-", None),
    ("row", "集群企业总数", "家", 386),
    ("sub", "其中：高新技术企业", "家", 142),
    ("sub", "科技型中小企业", "家", 205),
    ("sub", "规上企业", "家", 168),
    ("sub", "科创新物种企业", "家", 12),
    ("sub", "其中：营业收入超过1亿小于10亿元的企业", "家", 96),
    ("sub", "营业收入超过10亿元企业", "家", 21),
    ("sub", "其中：上市企业（不含“新三板”挂牌企业）", "家", 6),
    ("sub", "挂牌“新三板”企业", "家", 4),
    ("section", "二、集群人员", "-", None),
    ("row", "集群人员总数", "人", 86540),
    ("sub", "其中：本科及以上", "人", 31275),
    ("sub", "其中：硕士", "人", 4210),
    ("sub", "博士", "人", 318),
    ("section", "三、集群企业情况", "-", None),
    ("section", "（一）经济概况", "-", None),
    ("row", "工业总产值", "万元", 13586420.5),
    ("row", "营业收入", "万元", 12589310.25),
    ("sub", "其中：主导产业营业收入", "万元", 10264800.0),
    ("row", "研究开发费用支出合计", "万元", 356120.8),
    ("row", "当年授权发明专利", "件", 412),
    ("section", "四、集群服务机构情况", "-", None),
    ("row", "（一）创新服务机构数(附名单)", "个", 8),
    ("row", "五、产业联盟组织数", "个", 3),
]
INSTITUTIONS = [("十堰市汽车零部件产业技术研究院", "研发机构", "省级"), ("湖北商用车检验检测中心", "检验检测机构", "国家级"),
                ("十堰经开区科技企业孵化器", "科技企业孵化器", "省级"), ("车谷众创空间", "众创空间", "国家级"),
                ("十堰市生产力促进中心", "生产力促进中心", "省级"), ("汉江技术转移中心", "技术转移机构", "省级"),
                ("十堰知识产权服务中心", "知识产权服务机构", "省级"), ("鄂西北科技金融服务中心", "科技金融服务机构", "省级")]


def stats_workbook() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "统计报表"
    ws.append(["2024年度创新型产业集群统计报表"])
    ws.merge_cells("A1:D1")
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([f"集群单位名称：{CLUSTER}"])
    ws.merge_cells("A2:D2")
    ws.append(["指标名称", None, "计量单位", "数量"])
    ws.merge_cells("A3:B3")
    for kind, name, unit, value in STATS:
        r = ws.max_row + 1
        if kind == "sub":
            ws.append([None, name, unit, value])
        else:
            ws.append([name, None, unit, value])
            ws.merge_cells(f"A{r}:B{r}")
        if unit == "万元":
            ws.cell(r, 4).number_format = "#,##0.00"
    r = ws.max_row + 1
    ws.append(["依托单位名称（盖公章）：_______  填表人：______  电话：______  填报日期：_______"])
    ws.merge_cells(f"A{r}:D{r}")
    for col, width in zip("ABCD", (6, 44, 10, 16), strict=True):
        ws.column_dimensions[col].width = width

    names = wb.create_sheet("附：创新服务机构名单")
    names.append(["序号", "机构名称", "类别", "级别"])
    for i, (name, kind, level) in enumerate(INSTITUTIONS, 1):
        names.append([i, name, kind, level])
    names.append(["合计", None, None, f"=COUNTA(B2:B{len(INSTITUTIONS) + 1})"])
    lists = wb.create_sheet("下拉选项")
    for v in ("国家级", "省级", "市级"):
        lists.append([v])
    lists.sheet_state = "hidden"
    wb.create_sheet("Sheet3")
    wb.properties.creator = BUILDER_UNIT
    wb.properties.title = "2024年度创新型产业集群统计报表"
    buf = io.BytesIO()
    wb.save(buf)
    return pin_package(buf.getvalue())
