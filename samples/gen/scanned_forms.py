"""Scanned copies of every form sample: printed, ticked by hand, sealed at each 盖章 place, scanned.

Reads the form samples the template generators wrote (`<pack>_<variant>.docx`, so this generator
runs after them), prints them with LibreOffice and scans them with `samples.scanner` into
samples/files/scans/<pack>_<variant>.pdf as office scanners write a "compact PDF" (1-bit text at
200 dpi over colour crops of the seals): a tenth of a JPEG scan's size, which keeps ~800 pages in
the repository affordable. Every variant of a form is scanned with the same skew and noise, so the
pages a defect leaves alone are the same bytes in every variant; one variant per form has a page fed
upside down and another a page fed sideways, as archives hold them.

The long forms (the 18–22-page handbook and competition reports) are scanned in the variants the
seal and signature samples need; `SCAN_ALL_FORMS=1 python -m samples.make scanned_forms` scans every
variant of every form (~800 pages, about an hour on two cores).

Then the seal samples: the same signed form scanned with a seal at every 盖章 place
(`seal-present`) and with the seal of one place missing (`seal-absent`); and a form whose 签字 line
was left blank in the typed text but signed by hand on paper (`signed-by-hand`).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from samples.scanner import Scan, Seal, scan_pdf, typed_pdfs

RUNS_AFTER_TEMPLATES = True

# pack -> (the seal stamped, skew of its scans, variant fed upside down, variant fed sideways)
FORMS: dict[str, tuple[str, float, str, str]] = {
    "hubei-2024-stats": ("武汉东湖新技术开发区管委会", 0.7, "bad-unit", "blank-field"),
    "torch-2021-application": ("襄阳高新技术产业开发区管委会", -0.9, "bad-number", "no-choice"),
    "hubei-growth-2020-handbook": ("汉川市经济和信息化局", 1.2, "blank-box", "total-wrong"),
    "hubei-growth-2021-application": ("孝感市经济和信息化局", -0.6, "no-type", "blank-field"),
    "hunan-2023-prelim": ("株洲市人民政府", 0.5, "growth-wrong", "contact-blank"),
    "hunan-2023-final": ("株洲市人民政府", -1.1, "growth-wrong", "no-category"),
}


SHORT_FORMS = ("hubei-2024-stats", "torch-2021-application", "hubei-growth-2021-application")  # every variant
LONG_FORM_VARIANTS = {"hunan-2023-prelim": ("unsigned",)}


def chosen(out: Path) -> list[Path]:
    every = os.environ.get("SCAN_ALL_FORMS") == "1"
    return sorted(p for pack in FORMS for p in out.glob(f"{pack}_*.docx")
                  if every or pack in SHORT_FORMS or p.stem[len(pack) + 1:] in LONG_FORM_VARIANTS.get(pack, ()))


def generate(out: Path) -> list[Path]:
    docs = chosen(out)
    scans = out / "scans"
    scans.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scanned_forms_") as tmp:
        typed = typed_pdfs(docs, Path(tmp))
    made = []
    for doc in docs:
        pack = next(p for p in FORMS if doc.stem.startswith(f"{p}_"))
        variant = doc.stem[len(pack) + 1:]
        seal, skew, upside_down, sideways = FORMS[pack]
        turn = 180 if variant == upside_down else 90 if variant == sideways else 0
        scan = Scan(dpi=200, skew=skew, seal=Seal(seal), compact=True, seed=len(pack), turn=turn, turn_pages=(0,))
        path = scans / f"{doc.stem}.pdf"
        path.write_bytes(scan_pdf(typed[doc], scan))
        made.append(path)
    return made + _seal_samples(out, typed)


def _seal_samples(out: Path, typed: dict[Path, bytes]) -> list[Path]:
    made = []
    application = typed[out / "hubei-growth-2021-application_ok.docx"]
    sealed = Scan(dpi=200, skew=-0.6, seal=Seal("孝感市经济和信息化局"), compact=True, seed=7)
    for name, scan in {"seal-present": sealed,
                       "seal-absent": Scan(**{**_fields(sealed), "unsealed": ("信息化局（盖章）",)})}.items():
        path = out / "scans" / f"hubei-growth-2021-application_{name}.pdf"
        path.write_bytes(scan_pdf(application, scan))
        made.append(path)
    unsigned = typed[out / "hunan-2023-prelim_unsigned.docx"]
    by_hand = Scan(dpi=200, skew=0.5, seal=Seal("株洲市人民政府"), compact=True, seed=len("hunan-2023-prelim"),
                   signatures=("负责人签字：",))
    path = out / "scans" / "hunan-2023-prelim_signed-by-hand.pdf"
    path.write_bytes(scan_pdf(unsigned, by_hand))
    return [*made, path]


def _fields(scan: Scan) -> dict[str, object]:
    return {f: getattr(scan, f) for f in scan.__dataclass_fields__}
