"""A large mixed archive such as reviewers receive, for `clustercheck audit`'s tests and benchmark.

    python -m samples.archive OUT --n 1000 [--seed 0]

Too big to commit, so it is built on demand from the committed samples (samples/files/): each
file is a variant of a template sample, written for another cluster of the template's roster,
its prose rewritten sentence by sentence (same length, so 字数 rules fire as in the sample) so
that no two files share a sha256 or a paragraph by accident. On top of that, on purpose: exact
duplicates under other names, paragraphs copied from another cluster's file, one cluster
submitting the same material twice, a few damaged files, a few legacy .doc/.wps and text PDFs,
and a zip made the way Chinese Windows makes it (GBK names, no UTF-8 flag) holding a nested zip.
`manifest.json` beside the archive says what was planted, for the tests to check against.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import shutil
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from docx import Document as open_docx
from openpyxl import load_workbook

from checkers import load_pack, load_roster
from samples.builder import sentence

FILES = Path(__file__).parent / "files"
TEMPLATE_SAMPLE = re.compile(r"^((?:hubei|hunan|torch)-[a-z0-9-]+)_[a-z0-9-]+\.(docx|xlsx)$")
BAD = ["zero-byte.docx", "truncated.docx", "truncated.pdf", "random-bytes.pdf", "not-a-docx.zip.docx",
       "text-named-as.docx", "pdf_encrypted.pdf", "zip-bomb.docx", "xxe-billion-laughs.docx"]
LEGACY = ["legacy_report.doc", "legacy_report.wps", "legacy_report_rtf.doc"]
TEXT_PDF = ["pdf_text_report.pdf", "bench_45pages.pdf"]
GROWTH_PLACE = "汉川"  # the hubei-growth samples' county, swapped for another
COUNTIES = ["仙桃", "潜江", "天门", "枣阳", "宜城", "大冶", "麻城", "钟祥", "应城", "赤壁", "松滋", "当阳",
            "广水", "安陆", "石首", "洪湖", "丹江口", "老河口", "武穴", "利川"]
FOLDERS = {"hubei-2023": "湖北省/2023年度绩效评价", "hubei-2024": "湖北省/2024年度材料", "hunan-2023": "湖南省/产业集群",
           "torch-2021": "科技部火炬中心/创新型产业集群", None: "湖北省/重点成长型产业集群"}
_PROSE = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:持续推进|加快推动|着力提升|不断完善|深入实施|积极培育|全面加强|统筹推进|大力发展|"
                    r"稳步扩大|有效带动|重点支持)")


@dataclass
class Made:
    base: Path
    path: Path
    template: str
    cluster: str
    prose: list[str]
    copied: bool = False  # holds a paragraph of another cluster's file


def make_archive(out_dir: Path, n: int = 1000, seed: int = 0) -> Path:
    """Build the archive under out_dir/材料 (returned) and write out_dir/manifest.json."""
    rng = random.Random(seed)
    turns = Turns(rng)
    root = out_dir / "材料"
    if root.exists():
        shutil.rmtree(root)
    staging = out_dir / ".staging"
    shutil.rmtree(staging, ignore_errors=True)
    bases = sorted(p for p in FILES.iterdir() if TEMPLATE_SAMPLE.match(p.name))
    n_bad, n_dup = min(len(BAD), max(3, n // 100)), max(2, n // 33)
    n_legacy, n_pdf = (len(LEGACY) if n >= 200 else 1), max(1, n // 100)
    n_copy = max(2, n // 50)
    n_variants = max(2, n - n_bad - n_dup - n_legacy - n_pdf)
    manifest: dict[str, list] = {"copied": [], "same_cluster": [], "duplicates": [], "bad": [], "zipped": []}
    made: list[Made] = []
    planted: set[Path] = set()  # files the manifest names: they stay out of the zip
    order = rng.sample(bases, len(bases))
    first = next(b for b in order if b.stem.endswith("_ok") and b.suffix == ".docx" and not b.name.startswith("hubei-growth"))
    order.remove(first)
    order.insert(0, first)  # the twins: a clean file, so that both find their cluster on the roster
    for i in range(n_variants):
        twin = made[0] if i == 1 else None  # the same cluster and material, submitted twice
        base = twin.base if twin else order[i % len(order)]
        donor = _donor(made, rng) if i >= 2 and i % max(1, n_variants // n_copy) == 0 else None
        m = _variant(base, root, rng, turns, i, keep_cluster=twin.cluster if twin else None, donor=donor)
        made.append(m)
        if twin is not None:
            manifest["same_cluster"].append([_rel(twin.path, root), _rel(m.path, root)])
            planted |= {twin.path, m.path}
        if donor is not None and m.copied:
            manifest["copied"].append([_rel(donor[0].path, root), _rel(m.path, root), donor[1]])
            planted |= {donor[0].path, m.path}
    for name in LEGACY[:n_legacy] + [TEXT_PDF[k % len(TEXT_PDF)] for k in range(n_pdf)]:
        target = _unique(root / "其他格式" / name)
        data = (FILES / name).read_bytes()
        if name.endswith(".pdf"):
            data += f"\n%variant {len(list(target.parent.glob('*')))}\n".encode()
        _write(target, data)
    for name in BAD[:n_bad]:
        _write(root / "问题文件" / name, (FILES / name).read_bytes())
        manifest["bad"].append(f"问题文件/{name}")
    for k in range(n_dup):
        src = made[rng.randrange(len(made))].path
        target = _unique(root / "重复提交" / f"{src.stem}（副本{k + 1}）{src.suffix}")
        _write(target, src.read_bytes())
        manifest["duplicates"].append([_rel(src, root), _rel(target, root)])
        planted.add(src)
    manifest["zipped"] = _gbk_zip(root, [m for m in made if m.path not in planted], rng, max(3, n // 10))
    shutil.rmtree(staging, ignore_errors=True)
    total = sum(1 for p in root.rglob("*") if p.is_file() and p.suffix != ".zip")
    manifest["files_outside_zips"] = total
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return root


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _unique(path: Path) -> Path:
    k, candidate = 2, path
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}（{k}）{path.suffix}")
        k += 1
    return candidate


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _donor(made: list[Made], rng: random.Random) -> tuple[Made, str] | None:
    with_prose = [m for m in made if m.prose]
    if not with_prose:
        return None
    m = rng.choice(with_prose)
    return m, rng.choice(m.prose)


def _variant(base: Path, root: Path, rng: random.Random, turns: Turns, i: int, keep_cluster: str | None,
             donor: tuple[Made, str] | None) -> Made:
    template = TEMPLATE_SAMPLE.match(base.name).group(1)  # type: ignore[union-attr]
    roster_id = load_pack(template).pack.roster
    data = base.read_bytes()
    old, new = _names(data, template, roster_id, turns, keep_cluster)
    prose: list[str] = []
    copied = False
    if base.suffix == ".docx":
        give = donor[1] if donor and donor[0].cluster != new[0] else None
        data, copied = _rewrite_docx(data, rng, prose, give)
    else:
        wb = load_workbook(io.BytesIO(data))
        wb.properties.title = f"{new[0]} {i}"
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
    data = _replace_in_zip(data, dict(zip(old, new[: len(old)], strict=True)), f"variant {i}")
    label = base.stem.split("_", 1)[1]
    target = _unique(root / FOLDERS.get(roster_id, FOLDERS[None]) / f"{new[0]}-{template}-{label}{base.suffix}")
    _write(target, data)
    return Made(base, target, template, new[0], prose, copied)


class Turns:
    """Clusters handed out in turn per template: a real archive has each cluster once per material."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: dict[tuple[str, str], int] = {}

    def pick(self, template: str, names: list[str]) -> str:
        low = min(self.used.get((template, n), 0) for n in names)
        name = self.rng.choice([n for n in names if self.used.get((template, n), 0) == low])
        self.used[(template, name)] = low + 1
        return name


def _names(data: bytes, template: str, roster_id: str | None, turns: Turns, keep: str | None
           ) -> tuple[list[str], list[str]]:
    """What to replace in the file (cluster name, unit, account) and with what."""
    text = _zip_text(data)
    if roster_id is None:
        return [GROWTH_PLACE], [keep or turns.pick(template, COUNTIES)]
    entries = load_roster(roster_id).entries
    found = max((e for e in entries if e.name in text), key=lambda e: len(e.name), default=None)
    name = keep or turns.pick(template, [e.name for e in entries])
    if found is None:
        return [], [name]
    target = next(e for e in entries if e.name == name)
    old, new = [found.name], [target.name]
    for a, b in ((found.unit, target.unit), (found.account, target.account)):
        if a and b and a in text:
            old.append(a)
            new.append(b)
    return old, new


def _zip_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))


def _replace_in_zip(data: bytes, mapping: dict[str, str], tag: str) -> bytes:
    """`tag` goes in the zip comment: a form with no prose to rewrite would otherwise come out
    byte-identical to another variant of the same sample, an unplanted duplicate."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        dst.comment = tag.encode()
        for info in src.infolist():
            body = src.read(info)
            if info.filename.endswith(".xml") and mapping:
                xml = body.decode("utf-8")
                for a, b in mapping.items():
                    xml = xml.replace(a, b)
                body = xml.encode("utf-8")
            dst.writestr(info, body)
    return out.getvalue()


def _rewrite_docx(data: bytes, rng: random.Random, prose: list[str], donor: str | None) -> tuple[bytes, bool]:
    """The sample's generated prose, sentence for sentence new; one paragraph taken from `donor`."""
    doc = open_docx(io.BytesIO(data))
    paragraphs = list(doc.paragraphs) + [p for t in doc.tables for row in t.rows for c in row.cells
                                         for p in c.paragraphs]
    seen: set[int] = set()
    copied = False
    for p in paragraphs:
        if id(p._p) in seen or len(p.text) < 60 or not _PROSE.match(p.text) or not p.runs:
            continue
        seen.add(id(p._p))
        if donor is not None and not copied:
            text, copied = donor, True
        else:
            text = ""
            while len(text) < len(p.text) - 10:
                text += sentence(rng)
            prose.append(text)
        p.runs[0].text = text
        for run in p.runs[1:]:
            run.text = ""
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue(), copied


class GbkZipInfo(zipfile.ZipInfo):
    """A member name written in GBK without the UTF-8 flag, as Windows' own zip tool does in China."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:
        return self.filename.encode("gbk"), self.flag_bits & ~0x800


def _gbk_zip(root: Path, made: list[Made], rng: random.Random, n: int) -> list[str]:
    """Move n of the files into 补交材料.zip (GBK names); the last few into 第二批.zip inside it."""
    chosen = rng.sample(made, min(n, len(made) // 2))
    inner_files, outer_files = chosen[: max(1, len(chosen) // 4)], chosen[max(1, len(chosen) // 4):]
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        for m in inner_files:
            z.writestr(GbkZipInfo(f"第二批/{m.path.name}"), m.path.read_bytes())
    listed = [f"补交材料.zip!/补交材料/第二批.zip!/第二批/{m.path.name}" for m in inner_files]
    with zipfile.ZipFile(root / "补交材料.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for m in outer_files:
            z.writestr(GbkZipInfo(f"补交材料/{m.path.name}"), m.path.read_bytes())
            listed.append(f"补交材料.zip!/补交材料/{m.path.name}")
        z.writestr(GbkZipInfo("补交材料/第二批.zip"), inner.getvalue())
    for m in chosen:
        m.path.unlink()
    return listed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m samples.archive", description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    root = make_archive(args.out, args.n, args.seed)
    print(root, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
