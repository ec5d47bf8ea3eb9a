"""The picture-level steps of reading a scan, on pages drawn here: turning and straightening, seals,
tick boxes, rulings, signatures; and progress reported across the sandbox."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extractor import deskew, seals, signatures, tickmarks
from extractor.base import Limits
from extractor.ocr import OcrLine
from extractor.sandbox import run_isolated
from extractor.scan_tables import find_tables
from samples.scanner import Seal, font, stamp

DPI = 150
LINE = "集群持续推进关键核心技术攻关，产业链上下游协同取得明显成效，综合竞争力稳步提升。"


def text_page(lines: int = 24) -> Image.Image:
    img = Image.new("RGB", (1240, 1754), "white")
    d = ImageDraw.Draw(img)
    f = font(22)
    for k in range(lines):
        d.text((150, 200 + k * 48), LINE[: 30 + k % 8], fill="black", font=f)
    return img


def grey(img: Image.Image) -> np.ndarray:
    return np.asarray(img.convert("L"))


@pytest.mark.parametrize("angle", [-2.5, -0.7, 0.0, 0.4, 1.5])
def test_skew_is_measured(angle: float) -> None:
    page = text_page().rotate(angle, resample=Image.BICUBIC, fillcolor="white")
    o = deskew.orientation(grey(page))
    assert not o.turned and o.skew == pytest.approx(angle, abs=0.15)
    straight = deskew.orientation(deskew.straighten(grey(page), o))
    assert abs(straight.skew) <= 0.1


@pytest.mark.parametrize("turn", [90, 270])
def test_a_sideways_page_is_turned(turn: int) -> None:
    page = text_page().rotate(turn, expand=True)
    o = deskew.orientation(grey(page))
    assert o.turned
    assert deskew.straighten(grey(page), o).shape == (1754, 1240)


def test_content_box_ignores_speckle_in_the_margins() -> None:
    page = text_page(10)
    px = page.load()
    rng = random.Random(1)
    for _ in range(3000):
        px[rng.randrange(1240), rng.randrange(1754)] = (120, 120, 120)
    x0, top, x1, bottom = deskew.content_box(grey(page))
    assert 100 < x0 < 150 and 150 < top < 200 and bottom < 200 + 10 * 48 + 60 and x1 < 1100


@pytest.mark.parametrize(("shape", "size"), [("round", 42), ("oval", 45), ("square", 20)])
def test_seals_are_found_by_shape(shape: str, size: float) -> None:
    page = text_page()
    stamp(page, Seal("十堰经开区管委会", shape, size), 700, 600, DPI, random.Random(3))
    bgr = np.ascontiguousarray(np.asarray(page)[:, :, ::-1])
    [found] = seals.find_seals(bgr, DPI)
    x0, top, x1, bottom = found.box
    assert found.shape == shape and abs((x0 + x1) / 2 - 700) < 15 and abs((top + bottom) / 2 - 600) < 15
    assert (x1 - x0) / DPI * 25.4 == pytest.approx(size, rel=0.12)


def test_red_that_is_no_seal() -> None:
    page = text_page()
    d = ImageDraw.Draw(page)
    d.rectangle((300, 100, 900, 160), fill=(214, 38, 44))  # a red title band
    d.text((150, 1500), "红色标题文字" * 4, fill=(214, 38, 44), font=font(30))  # a red heading
    bgr = np.ascontiguousarray(np.asarray(page)[:, :, ::-1])
    assert seals.find_seals(bgr, DPI) == []
    assert seals.find_seals(np.ascontiguousarray(np.asarray(text_page())[:, :, ::-1]), DPI) == []


def _box_page(ticked: list[bool]) -> tuple[np.ndarray, list[OcrLine]]:
    img = Image.new("L", (900, 200), 255)
    d = ImageDraw.Draw(img)
    f = font(24)
    words = []
    x = 60
    for k, t in enumerate(ticked):
        label = "是" if k % 2 == 0 else "否"
        d.text((x, 80), label, fill=0, font=f)
        bx = x + 30
        d.rectangle((bx, 82, bx + 21, 103), outline=0, width=2)
        if t:
            d.line([(bx - 3, 92), (bx + 7, 108), (bx + 28, 74)], fill=0, width=4)
        words.append(OcrLine(label, x - 4, 70, bx + 26, 115, 0.95))
        x += 160
    return tickmarks.ink(np.asarray(img)), words


def test_tick_boxes_are_read_from_the_picture() -> None:
    ink, words = _box_page([False, True, True, False])
    found = sorted(tickmarks.find_boxes(ink, DPI), key=lambda b: b.box[0])
    assert [b.ticked for b in found] == [False, True, True, False]
    assert [w.text for w in tickmarks.read_boxes(ink, words, DPI)] == ["是☐", "否☑", "是☑", "否☐"]


def test_a_small_square_inside_a_character_is_no_box() -> None:
    img = Image.new("L", (400, 120), 255)
    ImageDraw.Draw(img).text((40, 40), "产品质量检验中心出口", fill=0, font=font(22))
    ink = tickmarks.ink(np.asarray(img))
    words = [OcrLine("产品质量检验中心出口", 36, 30, 270, 75, 0.99)]
    assert [w.text for w in tickmarks.read_boxes(ink, words, DPI)] == ["产品质量检验中心出口"]


def test_ruled_table_with_a_merged_cell() -> None:
    img = Image.new("L", (1000, 400), 255)
    d = ImageDraw.Draw(img)
    xs, ys = [100, 400, 650, 900], [100, 160, 220, 280]
    for y in ys:
        d.line([(xs[0], y), (xs[-1], y)], fill=0, width=2)
    for x in (xs[0], xs[-1]):
        d.line([(x, ys[0]), (x, ys[-1])], fill=0, width=2)
    d.line([(xs[1], ys[0]), (xs[1], ys[-1])], fill=0, width=2)
    d.line([(xs[2], ys[1]), (xs[2], ys[-1])], fill=0, width=2)  # row 0: cols 1–2 merged
    words = [OcrLine("指标名称", 120, 115, 260, 150, 0.99), OcrLine("年度数据", 450, 115, 600, 150, 0.99),
             OcrLine("营业收入", 120, 175, 260, 210, 0.99),
             OcrLine("512.6563.9", 420, 175, 880, 210, 0.97),  # one box across the ruling at x=650
             OcrLine("研发投入", 120, 235, 260, 270, 0.99), OcrLine("18.4", 420, 235, 500, 270, 0.99)]
    [t] = find_tables(np.asarray(img), words, DPI)
    assert t.table.grid() == [["指标名称", "年度数据", "年度数据"], ["营业收入", "512.6", "563.9"],
                              ["研发投入", "18.4", ""]]
    assert [(c.row, c.col, c.rowspan, c.colspan) for c in t.table.anchors() if c.colspan > 1] == [(0, 1, 1, 2)]


def test_pen_strokes_after_a_signature_label() -> None:
    img = Image.new("L", (1200, 200), 255)
    d = ImageDraw.Draw(img)
    d.text((60, 80), "负责人签字：", fill=0, font=font(24))
    blank = tickmarks.ink(np.asarray(img))
    label = [OcrLine("负责人签字：", 56, 70, 210, 115, 0.98)]
    assert signatures.find_signatures(blank, label, DPI) == []
    rng = random.Random(2)
    d.line([(240 + k * 12, 92 + rng.randint(-18, 18)) for k in range(16)], fill=20, width=3)
    [mark] = signatures.find_signatures(tickmarks.ink(np.asarray(img)), label, DPI)
    assert mark.label == "负责人签字：" and mark.box[0] >= 210


def _reports_pages(limits: Limits) -> str:
    assert limits.progress is not None
    for k in range(1, 41):
        limits.progress(k, 40)
    return "done"


def test_progress_crosses_the_sandbox() -> None:
    seen: list[tuple[int, int]] = []
    limits = Limits(progress=lambda done, total: seen.append((done, total)))
    assert run_isolated(_reports_pages, (limits,), limits) == "done"
    assert seen[0] == (1, 40) and seen[-1] == (40, 40) and len(seen) < 40  # throttled, the last one kept
