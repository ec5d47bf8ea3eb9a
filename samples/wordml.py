"""Word features python-docx cannot write, as raw WordprocessingML, plus deterministic saving.

Applicants' files contain checkbox content controls, legacy FORMCHECKBOX fields, Wingdings tick
symbols, rows shifted by w:gridBefore and Word's rendered page breaks; the samples and tests need
them byte for byte. `minimal_docx` builds a package from body XML for tests that need a precise
(or deliberately broken) document.xml.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
_FIXED_DATE = (2024, 3, 1, 9, 0, 0)


def checkbox_control(paragraph: DocxParagraph, checked: bool, label: str = "") -> None:
    """A Word 2010 checkbox content control (w14:checkbox) followed by its label."""
    glyph = "☒" if checked else "☐"
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")} xmlns:w14="{W14_NS}"><w:sdtPr><w14:checkbox>'
        f'<w14:checked w14:val="{1 if checked else 0}"/>'
        f'<w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
        f'</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic" w:hAnsi="MS Gothic"/></w:rPr>'
        f"<w:t>{glyph}</w:t></w:r></w:sdtContent></w:sdt>")
    paragraph._p.append(sdt)
    if label:
        paragraph.add_run(label)


def form_checkbox(paragraph: DocxParagraph, checked: bool, label: str = "") -> None:
    """A legacy FORMCHECKBOX field (Word 97-2003 forms, still common in government templates)."""
    state = "<w:checked/>" if checked else ""
    for xml in (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val=""/><w:enabled/>'
                f'<w:calcOnExit w:val="0"/><w:checkBox><w:sizeAuto/><w:default w:val="0"/>{state}</w:checkBox>'
                f"</w:ffData></w:fldChar></w:r>",
                f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))
    if label:
        paragraph.add_run(label)


def symbol(paragraph: DocxParagraph, font: str, char: str, label: str = "") -> None:
    """A w:sym character, as Insert > Symbol writes it (Wingdings 2 "R" = ☑, "£" = □)."""
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:sym w:font="{font}" w:char="{char}"/></w:r>'))
    if label:
        paragraph.add_run(label)


def page_field(paragraph: DocxParagraph, shown: str = "1") -> None:
    """A PAGE field with its last displayed result, as in a footer."""
    for xml in (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {nsdecls("w")}><w:t>{shown}</w:t></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))


def grid_before(table: DocxTable, row: int, skip: int) -> None:
    """Shift a row right: drop its first `skip` cells and say so with w:gridBefore."""
    tr = table.rows[row]._tr
    for tc in tr.findall(qn("w:tc"))[:skip]:
        tr.remove(tc)
    trpr = tr.get_or_add_trPr()
    trpr.insert(0, parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="{skip}"/>'))


def nested_table(cell_paragraph: DocxParagraph, rows: list[list[str]]) -> None:
    """A table inside a table cell, after the given paragraph of that cell."""
    trs = "".join("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>" for t in row) + "</w:tr>"
                  for row in rows)
    grid = "".join("<w:gridCol/>" for _ in rows[0])
    tbl = parse_xml(f'<w:tbl {nsdecls("w")}><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{trs}</w:tbl>')
    cell_paragraph._p.addnext(tbl)
    if tbl.getnext() is None:  # a cell must end with a paragraph, or Word reports the file damaged
        tbl.addnext(parse_xml(f"<w:p {nsdecls('w')}/>"))


def save(doc: DocxDocument, path: Path, application: str | None = None) -> Path:
    """Save with fixed zip timestamps (and optionally another app.xml Application), so that the
    committed sample files only change when their content does."""
    buf = io.BytesIO()
    doc.core_properties.author = "clustercheck samples"
    doc.save(buf)
    path.write_bytes(repack(buf.getvalue(), application))
    return path


def repack(data: bytes, application: str | None = None, replace: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = (replace or {}).get(info.filename, src.read(info))
            if application and info.filename == "docProps/app.xml":
                start, end = blob.find(b"<Application>"), blob.find(b"</Application>")
                blob = blob[: start + 13] + application.encode() + blob[end:]
            dst.writestr(zipfile.ZipInfo(info.filename, _FIXED_DATE), blob, zipfile.ZIP_DEFLATED)
    return out.getvalue()


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>')


def minimal_docx(body: str | None, parts: dict[str, str | bytes] | None = None, *, raw_document: bytes | None = None) -> bytes:
    """A .docx whose document.xml is `<w:body>{body}</w:body>` (or `raw_document` verbatim; with
    body=None and no raw_document, no document.xml at all). `parts` adds e.g. word/styles.xml;
    word/_rels/document.xml.rels is written for the styles, numbering, header and footer parts."""
    files: dict[str, bytes] = {"[Content_Types].xml": _CONTENT_TYPES.encode(), "_rels/.rels": _RELS.encode()}
    if raw_document is not None:
        files["word/document.xml"] = raw_document
    elif body is not None:
        files["word/document.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                                      f'<w:document xmlns:w="{W_NS}" xmlns:w14="{W14_NS}"><w:body>{body}</w:body>'
                                      f"</w:document>").encode()
    rels = []
    for i, name in enumerate(sorted(parts or {})):
        files[name] = (parts or {})[name] if isinstance((parts or {})[name], bytes) else str((parts or {})[name]).encode()
        kind = name.rsplit("/", 1)[-1].split(".")[0].rstrip("0123456789")
        if name.startswith("word/") and kind in ("styles", "numbering", "header", "footer"):
            rels.append(f'<Relationship Id="rId{i + 10}" Target="{name[5:]}" '
                        f'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}"/>')
    files["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(rels) + "</Relationships>").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, blob in files.items():
            z.writestr(zipfile.ZipInfo(name, _FIXED_DATE), blob, zipfile.ZIP_DEFLATED)
    return out.getvalue()
