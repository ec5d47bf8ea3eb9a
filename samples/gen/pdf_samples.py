"""PDF submissions as applicants really send them: exported from Word by LibreOffice, scanned, or locked.

The text PDFs are typeset by LibreOffice from python-docx files with the 公文 typefaces (黑体 for
一、 headings, 楷体 for （一） headings, 仿宋 for the body, all the same size), so a parser has to
use the font to tell a heading from a numbered list item. The machine has no Chinese 公文 fonts,
so a private fontconfig file maps the three names onto three distinct installed CJK typefaces.

The scanned PDF is those pages rendered to images with a red seal stamped over the signature
and a little noise, rebuilt as an image-only PDF.
"""

from __future__ import annotations

import io
import math
import random
import tempfile
from datetime import datetime
from pathlib import Path

import pypdfium2 as pdfium
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from samples.builder import heading, new_document, paragraph, prose, table, tick, title
from samples.rawpdf import assemble
from samples.soffice import to_pdf

CLUSTER = "十堰商用车及部件创新型产业集群"
RUNNING_HEADER = f"{CLUSTER}2023年度绩效评价工作总结"
FIXED_DATE = datetime(2024, 3, 15, 9, 30, 0)

FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体</family><prefer><family>WenQuanYi Zen Hei</family></prefer></alias>
</fontconfig>
"""

TOC = [("一、集群基本情况", 3), ("二、主要做法与成效", 4), ("三、骨干企业情况", 7),
       ("四、存在问题及下一步工作", 9), ("五、申报承诺", 10)]


def generate(out: Path) -> list[Path]:
    with tempfile.TemporaryDirectory(prefix="pdf_samples_") as tmp:
        work = Path(tmp)
        report = _to_pdf(_report_docx(), work, "pdf_text_report")
        outline = _to_pdf(_bookmarks_docx(), work, "pdf_bookmarks")
        short = _to_pdf(_scanned_source_docx(), work, "pdf_scanned_source")
        made = [_put(out / "pdf_text_report.pdf", report), _put(out / "pdf_bookmarks.pdf", outline)]
    made.append(_put(out / "pdf_scanned_report.pdf", scan(short, seal_near="申报单位（盖章）")))
    made.append(_put(out / "pdf_encrypted.pdf", _encrypted(user_password="cluster2024")))
    made.append(_put(out / "pdf_owner_locked.pdf", _encrypted(user_password="")))
    made.append(_put(out / "pdf_garbage_text.pdf", _garbage_text_layer()))
    return made


# --- the documents ---------------------------------------------------------------------------

def _gongwen() -> DocxDocument:
    doc = new_document()
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
    sec.different_first_page_header_footer = True
    body = doc.styles["Normal"].paragraph_format
    body.first_line_indent, body.space_after, body.line_spacing = Pt(28), Pt(0), Pt(28)
    hp = sec.header.paragraphs[0]
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    hp.add_run(RUNNING_HEADER).font.size = Pt(9)
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fp.add_run("- ")
    _page_field(fp)
    fp.add_run(" -")
    return doc


def _page_field(p: DocxParagraph) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    p._p.append(fld)


def _page_break(doc: DocxDocument) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _indicator_rows() -> list[list[str]]:
    return [
        ["指标名称", "年度数据", "", "增幅（%）"],
        ["", "2022年", "2023年", ""],
        ["集群总产值（亿元）", "512.6", "563.9", "10.0"],
        ["其中：规上工业产值（亿元）", "430.2", "488.5", "13.6"],
        ["高新技术企业数量（家）", "126", "148", "17.5"],
        ["研发经费支出（亿元）", "18.4", "21.2", "15.2"],
    ]


def _report_docx() -> DocxDocument:
    doc = _gongwen()
    title(doc, CLUSTER)
    title(doc, "2023年度绩效评价工作总结")
    paragraph(doc, "申报单位：十堰经开区管委会")
    _page_break(doc)
    toc_title = doc.add_paragraph()
    toc_title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    toc_title.add_run("目  录").font.size = Pt(18)
    for text, page in TOC:
        p = doc.add_paragraph()
        p.paragraph_format.tab_stops.add_tab_stop(Cm(15.4), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        p.add_run(f"{text}\t{page}")
    _page_break(doc)

    heading(doc, "一、集群基本情况", 1, "bold")
    heading(doc, "（一）发展现状", 2, "bold")
    prose(doc, 500, seed=11)
    heading(doc, "（二）主要经济指标", 2, "bold")
    paragraph(doc, "表1 集群主要经济指标")
    table(doc, _indicator_rows(), merges=[(0, 0, 2, 1), (0, 1, 1, 2), (0, 3, 2, 1)])
    prose(doc, 200, seed=12)

    heading(doc, "二、主要做法与成效", 1, "bold")
    prose(doc, 250, seed=21)
    for i, item in enumerate(["建立集群工作专班，由管委会主要负责同志牵头，每月召开一次调度会议，协调解决企业发展中的实际困难。",
                              "设立集群发展专项资金，对新认定的高新技术企业给予一次性奖励，对研发投入增长较快的企业给予后补助。",
                              "搭建产学研合作平台，与武汉理工大学、湖北汽车工业学院共建联合实验室，推动科技成果就地转化。"], 1):
        paragraph(doc, f"{i}.{item}")
    heading(doc, "（一）推动整车企业与零部件企业协同创新，构建自主可控的商用车产业链供应链体系", 2, "bold")
    prose(doc, 450, seed=22)
    heading(doc, "（二）典型案例", 2, "bold")
    prose(doc, 300, seed=23)

    heading(doc, "三、骨干企业情况", 1, "bold")
    paragraph(doc, "表2 集群骨干企业营业收入情况")
    rows = [["序号", "企业名称", "主要产品", "营业收入（亿元）"]]
    products = ["重型卡车", "车桥", "变速箱", "发动机缸体", "制动系统", "汽车线束", "座椅总成", "车身冲压件"]
    rng = random.Random(5)
    for n in range(1, 29):
        rows.append([str(n), f"十堰{['东风', '汉江', '鑫源', '华睿', '正和'][n % 5]}{n:02d}汽车零部件有限公司",
                     products[n % len(products)], f"{rng.uniform(1, 90):.1f}"])
    firms = table(doc, rows)
    firms.autofit = False
    for column, width in zip(firms.columns, [Cm(1.6), Cm(7.4), Cm(3.4), Cm(3.2)], strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width

    heading(doc, "四、存在问题及下一步工作", 1, "bold")
    prose(doc, 400, seed=41)

    heading(doc, "五、申报承诺", 1, "bold")
    table(doc, [["一票否决事项", "是否发生"],
                ["重大安全生产事故", f"{tick(False)}是  {tick(True)}否"],
                ["重大环境污染事件", f"{tick(False)}是  {tick(True)}否"]])
    paragraph(doc, "本单位承诺所报材料真实、准确、完整。")
    paragraph(doc, "申报单位（盖章）：十堰经开区管委会")
    paragraph(doc, "日期：2024年3月15日")
    return _plain_cells(doc)


def _plain_cells(doc: DocxDocument) -> DocxDocument:
    """Table cells keep single spacing and no first-line indent, as in a real form."""
    for t in doc.tables:
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    p.paragraph_format.first_line_indent, p.paragraph_format.line_spacing = Pt(0), 1.0
    return doc


def _bookmarks_docx() -> DocxDocument:
    """Unnumbered Heading-styled titles: LibreOffice exports them as PDF bookmarks."""
    doc = _gongwen()
    title(doc, "集群发展规划（2024—2026年）")
    for i, (h1, subs) in enumerate([("集群发展基础", ["产业规模", "创新资源"]),
                                    ("发展目标", []), ("重点任务", ["强链补链", "数字化转型"]),
                                    ("保障措施", [])]):
        heading(doc, h1, 1, "style")
        prose(doc, 260, seed=60 + i)
        for k, sub in enumerate(subs):
            heading(doc, sub, 2, "style")
            prose(doc, 200, seed=70 + i * 2 + k)
    return doc


def _scanned_source_docx() -> DocxDocument:
    doc = _gongwen()
    title(doc, "集群发展情况报告")
    heading(doc, "一、集群基本情况", 1, "bold")
    prose(doc, 260, seed=81)
    heading(doc, "二、主要做法与成效", 1, "bold")
    prose(doc, 260, seed=82)
    heading(doc, "三、存在问题及下一步工作", 1, "bold")
    prose(doc, 200, seed=83)
    paragraph(doc, "本单位承诺所报材料真实、准确、完整。")
    paragraph(doc, "申报单位（盖章）：十堰经开区管委会")
    paragraph(doc, "日期：2024年3月15日")
    return doc


# --- conversions -----------------------------------------------------------------------------

def _to_pdf(doc: DocxDocument, work: Path, stem: str) -> bytes:
    docx = work / f"{stem}.docx"
    doc.save(docx)
    conf = work / "fonts.conf"
    conf.write_text(FONTS_CONF, encoding="utf-8")
    return to_pdf(docx, work, env={"FONTCONFIG_FILE": str(conf)})


def _put(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def scan(pdf: bytes, seal_near: str | None = None, dpi: int = 150, seed: int = 3) -> bytes:
    """Render every page to a noisy grey image, stamp a red seal near `seal_near`, rebuild as images."""
    rng = random.Random(seed)
    src = pdfium.PdfDocument(pdf)
    images: list[Image.Image] = []
    scale = dpi / 72
    for page in src:
        img = page.render(scale=scale).to_pil().convert("RGB")
        if seal_near:
            spot = _find_text(page, seal_near)
            if spot:
                x, y = spot
                _seal(img, int(x * scale) + 60, int((page.get_height() - y) * scale))
        img = img.rotate(rng.uniform(-0.4, 0.4), resample=Image.BICUBIC, fillcolor="white")
        _speckle(img, rng)
        images.append(img.filter(ImageFilter.GaussianBlur(0.4)))
    src.close()
    out = io.BytesIO()
    images[0].save(out, "PDF", save_all=True, append_images=images[1:], resolution=dpi,
                   creationDate=FIXED_DATE.timetuple(), modDate=FIXED_DATE.timetuple(), producer="Scanner",
                   title="扫描件")
    return out.getvalue()


def _find_text(page: pdfium.PdfPage, needle: str) -> tuple[float, float] | None:
    tp = page.get_textpage()
    text = tp.get_text_range()
    at = text.find(needle)
    if at < 0:
        return None
    _left, bottom, right, top = tp.get_charbox(at + len(needle) - 1)
    return right, (bottom + top) / 2


def _seal(img: Image.Image, cx: int, cy: int, r: int = 95) -> None:
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    red = (220, 30, 30, 170)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=7)
    star = [(cx + 28 * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
             cy - 28 * math.sin(math.pi / 2 + k * 4 * math.pi / 5)) for k in range(5)]
    d.polygon(star, fill=red)
    font = _cjk_font(22)
    for k, ch in enumerate("十堰经开区管委会"):
        a = math.radians(210 - k * 240 / 7)
        d.text((cx + 0.72 * r * math.cos(a) - 11, cy - 0.72 * r * math.sin(a) - 11), ch, fill=red, font=font)
    img.paste(Image.alpha_composite(img.convert("RGBA"), layer).convert("RGB"))


def _cjk_font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in ("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
                 "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"):
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def _speckle(img: Image.Image, rng: random.Random) -> None:
    px = img.load()
    w, h = img.size
    for _ in range(w * h // 400):
        x, y = rng.randrange(w), rng.randrange(h)
        g = rng.randint(90, 200)
        px[x, y] = (g, g, g)


def _encrypted(user_password: str) -> bytes:
    """reportlab's RC4/AES standard security handler: with a user password the file cannot be opened
    without it; with only an owner password it opens (and must be read) normally."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    enc = StandardEncryption(user_password, ownerPassword="owner-2024", canPrint=1, canModify=0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=enc, invariant=1)
    c.setFont("STSong-Light", 16)
    c.drawString(72, 760, "一、集群基本情况")
    c.setFont("STSong-Light", 12)
    c.drawString(72, 730, "集群持续推进关键核心技术攻关，取得明显成效。")
    c.save()
    return buf.getvalue()


def _garbage_text_layer() -> bytes:
    """Chinese text set in a Type 3 font whose glyphs are little bitmaps, with meaningless glyph
    names and no ToUnicode map: the page reads fine, but its text layer decodes to control codes —
    what some print drivers and "secure" PDF exporters produce. Only OCR can read it."""
    lines = ["一、集群基本情况", "集群持续推进关键核心技术攻关，综合竞争力稳步提升。",
             "全年实现营业收入五百亿元，同比增长百分之十二。", "二、主要做法与成效",
             "设立集群发展专项资金，推动科技成果就地转化。"]
    chars = sorted({ch for line in lines for ch in line})
    code = {ch: i + 1 for i, ch in enumerate(chars)}
    font = _cjk_font(42)
    procs: list[bytes] = []
    for ch in chars:
        img = Image.new("1", (48, 48), 1)
        ImageDraw.Draw(img).text((24, 24), ch, font=font, fill=0, anchor="mm")
        hexdata = img.tobytes().hex().encode()
        procs.append(b"1000 0 0 -120 1000 880 d1\nq 1000 0 0 1000 0 -120 cm\n"
                     b"BI /W 48 /H 48 /IM true /BPC 1 /F /AHx ID " + hexdata + b"> EI Q")
    n = len(chars)
    first_proc = 6
    names = " ".join(f"/g{i + 1}" for i in range(n))
    char_procs = " ".join(f"/g{i + 1} {first_proc + i} 0 R" for i in range(n))
    content = []
    for row, line in enumerate(lines):
        size = 16 if _is_heading(line) else 14
        codes = "".join(f"\\{code[ch]:03o}" for ch in line)
        content.append(f"BT /F1 {size} Tf {80 if size == 16 else 108} {760 - row * 30} Td ({codes}) Tj ET")
    stream = "\n".join(content).encode()
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        (f"<< /Type /Font /Subtype /Type3 /FontBBox [0 -120 1000 880] /FontMatrix [0.001 0 0 0.001 0 0]"
         f" /CharProcs << {char_procs} >> /Encoding << /Type /Encoding /Differences [1 {names}] >>"
         f" /FirstChar 1 /LastChar {n} /Widths [{' '.join(['1000'] * n)}] /Resources << >> >>").encode(),
    ]
    objs += [b"<< /Length %d >>\nstream\n" % len(p) + p + b"\nendstream" for p in procs]
    return assemble(objs)


def _is_heading(line: str) -> bool:
    return line[1:2] == "、"
