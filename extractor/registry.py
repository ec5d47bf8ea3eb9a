"""The list of parsers, asked in order. Adding a format is one module plus one line here."""

from __future__ import annotations

from extractor.base import Parser
from extractor.docx_parser import DocxParser
from extractor.office_parser import OfficeParser
from extractor.pdf_parser import PdfParser
from extractor.xlsx_parser import XlsxParser

PARSERS: list[Parser] = [DocxParser(), XlsxParser(), PdfParser(), OfficeParser()]
