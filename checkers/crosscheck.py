"""What only a batch can see: one cluster submitting the same material twice (B001), and paragraphs
copied from another cluster's submission (B002). Every way in that checks a batch runs these —
the audit command and the API's batches alike:

    prints = fingerprint(document)                       # kept of each document when it is checked
    found = cross_check([Submission(0, "a.docx", report_a, prints_a), ...])   # index -> findings

Copying is looked for paragraph by paragraph (and table cell by cell: application forms hold their
prose in cells). Comparing every pair of 25,000 paragraphs is out of the question, so each one gets
a MinHash signature of its character 6-grams (shingles); signatures that agree on a whole band of
LSH_ROWS values become candidates (pairs above ~50 % Jaccard almost always do), and rapidfuzz
confirms a candidate before it is reported. Text that many clusters share is the template's own
(declarations, instructions left in), not copying: a group of alike paragraphs spread over more
than `boilerplate_over(n)` clusters is dropped.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from checkers.findings import Finding, FindingLocation, Report
from checkers.namematch import name_key
from checkers.violations.batch import ParagraphCopied, SubmittedTwice
from extractor.counting import word_count
from extractor.model import Document, Heading, Paragraph, Table
from extractor.normalize import normalize

MIN_WORDS = 50  # shorter paragraphs are too alike by nature (headings, stock phrases)
SHINGLE = 6
PERMS, LSH_ROWS = 64, 4
SIMILAR = 85.0  # rapidfuzz ratio (0..100) at or above which two paragraphs count as copied
MAX_PARAGRAPHS = 600  # per file; a 45-page report has about 300
MAX_PAIRS_PER_FILES = 30  # per pair of files: past this, the whole document was copied and 30 say so
# The template's own guidance (注：… 填写… 简述…) is in every copy of a form; D005 reports it if left in.
_GUIDANCE = re.compile(r"^\W*(?:\d+[、.．]\s*)?(?:注|备注|说明|填写|填报|简述|请|须)|填写|填报")
_rng = np.random.default_rng(20240601)
_MUL = _rng.integers(1, 2**63, size=PERMS, dtype=np.uint64) | np.uint64(1)
_ADD = _rng.integers(0, 2**63, size=PERMS, dtype=np.uint64)
_BASE = np.uint64(1_000_003)


def fingerprint(doc: Document) -> list[dict[str, Any]]:
    """What the cross checks keep of a document: its long paragraphs and table-cell lines, with where
    they are (FindingLocation fields). Plain JSON, so it can be stored beside the report."""
    out: list[dict[str, Any]] = []
    path: list[Heading] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            while path and path[-1].level >= block.level:
                path.pop()
            path.append(block)
            continue
        section = " > ".join(h.text for h in path) or None
        where = {"page": block.loc.page, "section": section}
        if isinstance(block, Paragraph):
            texts = [(block.text, where | {"paragraph": block.loc.paragraph})]
        elif isinstance(block, Table):
            texts = [(line, where | {"table": block.caption or "表格", "row": c.row + 1, "column": c.col + 1})
                     for c in block.anchors() for line in c.text.split("\n")]
        else:
            continue
        for text, loc in texts:
            if len(text) >= MIN_WORDS and not _GUIDANCE.search(text[:12]) and word_count(text) >= MIN_WORDS:
                out.append({"text": text, "where": {k: v for k, v in loc.items() if v is not None}})
                if len(out) >= MAX_PARAGRAPHS:
                    return out
    return out


@dataclass(frozen=True, slots=True)
class Submission:
    """One checked file as the cross checks see it: its report and its `fingerprint`."""

    index: int
    display: str
    report: Report
    paragraphs: Sequence[dict[str, Any]]

    @property
    def cluster_key(self) -> str | None:
        c = self.report.cluster
        if c.matched is not None and c.status in ("exact", "fuzzy"):
            return f"名单:{self.report.roster or ''}:{c.matched.name}"
        return f"名称:{name_key(c.found)}" if c.found and name_key(c.found) else None

    @property
    def cluster_label(self) -> str | None:
        c = self.report.cluster
        return c.matched.name if c.matched is not None and c.status in ("exact", "fuzzy") else c.found


def cross_check(entries: Sequence[Submission]) -> dict[int, list[Finding]]:
    """B001 and B002 findings by submission index (only submissions that got some are keys). A report
    of a file that could not be checked (unreadable, no template) is compared with nothing."""
    entries = [e for e in entries if not e.report.unchecked]
    out: dict[int, list[Finding]] = defaultdict(list)
    for index, finding in same_cluster_twice(entries) + copied_paragraphs(entries):
        out[index].append(finding)
    return dict(out)


def same_cluster_twice(entries: Sequence[Submission]) -> list[tuple[int, Finding]]:
    groups: dict[tuple[str, str], list[Submission]] = defaultdict(list)
    for e in entries:
        if e.report.template and e.cluster_key:
            groups[(e.report.template, e.cluster_key)].append(e)
    found: list[tuple[int, Finding]] = []
    for (template, _), group in groups.items():
        if len(group) < 2:
            continue
        for e in group:
            others = tuple(o.display for o in group if o is not e)
            v = SubmittedTwice("集群名称", e.cluster_label or "", template, others)
            found.append((e.index, v.finding(expected="每个集群一份", actual=f"{len(group)} 份",
                                             rule="batch.same-cluster")))
    return found


def boilerplate_over(n_clusters: int) -> int:
    """Alike paragraphs in more clusters than this are the template's text, not copying."""
    return max(3, n_clusters // 20)


def copied_paragraphs(entries: Sequence[Submission]) -> list[tuple[int, Finding]]:
    owners: list[tuple[Submission, str]] = [(e, e.cluster_key or f"文件:{e.index}") for e in entries]
    items = [(k, j, normal) for k, (e, _) in enumerate(owners) for j, p in enumerate(e.paragraphs)
             if len(normal := normalize(p["text"])) >= SHINGLE]
    if not items:
        return []
    signatures = np.stack([signature(normal) for _, _, normal in items])
    pairs = _candidates(signatures, [owners[k][1] for k, _, _ in items])
    confirmed: list[tuple[int, int, float]] = []
    for a, b in pairs:
        score = fuzz.ratio(items[a][2], items[b][2])
        if score >= SIMILAR:
            confirmed.append((a, b, score))
    components = _components(len(items), [(a, b) for a, b, _ in confirmed])
    clusters_in: dict[int, set[str]] = defaultdict(set)
    for i, (k, _, _) in enumerate(items):
        clusters_in[components[i]].add(owners[k][1])
    limit = boilerplate_over(len({key for _, key in owners}))
    per_files: dict[tuple[int, int], int] = defaultdict(int)
    found: list[tuple[int, Finding]] = []
    for a, b, score in sorted(confirmed, key=lambda x: (items[x[0]][0], items[x[0]][1], items[x[1]][0])):
        if len(clusters_in[components[a]]) > limit:
            continue
        ka, kb = items[a][0], items[b][0]
        per_files[(ka, kb)] += 1
        if per_files[(ka, kb)] > MAX_PAIRS_PER_FILES:
            continue
        ea, eb = owners[ka][0], owners[kb][0]
        pa, pb = ea.paragraphs[items[a][1]], eb.paragraphs[items[b][1]]
        found.append((ea.index, _copy_finding(pa, eb, pb, score)))
        found.append((eb.index, _copy_finding(pb, ea, pa, score)))
    return found


def signature(normal: str) -> np.ndarray:
    """MinHash of the text's character SHINGLE-grams: PERMS minima of bijective 64-bit mixes."""
    codes = np.frombuffer(normal.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - SHINGLE + 1
    shingles = np.zeros(n, dtype=np.uint64)
    for j in range(SHINGLE):
        shingles = shingles * _BASE + codes[j : j + n]
    mixed = _MUL[:, None] * shingles[None, :] + _ADD[:, None]
    mixed ^= mixed >> np.uint64(29)
    return mixed.min(axis=1)


def _candidates(signatures: np.ndarray, owner: list[str]) -> set[tuple[int, int]]:
    """Pairs of paragraphs of different clusters that share a whole LSH band of their signatures."""
    pairs: set[tuple[int, int]] = set()
    for start in range(0, PERMS, LSH_ROWS):
        buckets: dict[int, list[int]] = defaultdict(list)
        band = np.ascontiguousarray(signatures[:, start : start + LSH_ROWS])
        for i in range(len(band)):
            buckets[zlib.crc32(band[i].tobytes())].append(i)
        for members in buckets.values():
            if len(members) < 2 or len({owner[i] for i in members}) < 2:
                continue
            for x, a in enumerate(members[:200]):  # a bucket this full is boilerplate; 200 show it
                for b in members[x + 1 : 200]:
                    if owner[a] != owner[b]:
                        pairs.add((a, b))
    return pairs


def _components(n: int, edges: list[tuple[int, int]]) -> list[int]:
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in edges:
        parent[root(a)] = root(b)
    return [root(i) for i in range(n)]


def describe(where: dict[str, Any]) -> str:
    """第3页 “二、集群企业发展情况” 第12段 / 表“集群基本情况” 第4行第2列."""
    parts = []
    if where.get("page"):
        parts.append(f"第{where['page']}页")
    if where.get("section"):
        parts.append(f"“{where['section']}”")
    if where.get("table"):
        parts.append(f"表“{where['table']}”第{where.get('row')}行第{where.get('column')}列")
    elif where.get("paragraph"):
        parts.append(f"第{where['paragraph']}段")
    return " ".join(parts) or "正文"


def _copy_finding(mine: dict[str, Any], other: Submission, theirs: dict[str, Any], score: float) -> Finding:
    excerpt = theirs["text"][:40] + ("……" if len(theirs["text"]) > 40 else "")
    there = f"{other.display} {describe(theirs['where'])}"
    v = ParagraphCopied("段落雷同", other.cluster_label or "其他集群", there, score, excerpt)
    where = FindingLocation(**{k: x for k, x in mine["where"].items() if k in FindingLocation.model_fields})
    return v.finding(location=where, expected="各集群材料独立撰写", actual=there, rule="batch.copied-paragraph")
