"""Time cluster-name matching: every name of one roster against another, median per name, plus
the time to build a roster's index once; then the false-positive / false-negative table on the
seeds' real variants and on every pair of different clusters. Figures are printed, never asserted.

    .venv/bin/python bench/bench_match.py                      # hubei-2023 -> hubei-2024, torch self
    .venv/bin/python bench/bench_match.py torch-2021 hubei-2024
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checkers.namematch import _index, match, note_values
from checkers.roster import Roster, load_roster, roster_ids

OCR_HUBEI = {"武汉东湖高新区国家地球空间信息及应用服务创新型产业集群": "whkjcyjq", "咸宁智能机电创新型产业集群": "xnjdcyjq",
             "襄阳新能源汽车关键部件创新型产业集群": "xyqccyjq", "荆门城市矿产资源循环利用创新型产业集群": "jmkccyjq",
             "十堪商用车及部件创新型产业集群": "sysyccyjq", "天门生物医药产业集群": "tmswcyjq"}


def bench(source: str, target: str, rounds: int = 5) -> None:
    src, dst = load_roster(source), load_roster(target)
    _index.cache_clear()
    t0 = time.perf_counter()
    match(src.entries[0].name, dst)
    build = time.perf_counter() - t0
    per_name: list[float] = []
    statuses: dict[str, int] = {}
    for _ in range(rounds):
        for e in src.entries:
            t = time.perf_counter()
            r = match(e.name, dst)
            per_name.append(time.perf_counter() - t)
            statuses[r.status] = statuses.get(r.status, 0) + 1
    counts = ", ".join(f"{k} {v // rounds}" for k, v in sorted(statuses.items()))
    print(f"{source} ({len(src.entries)}) -> {target} ({len(dst.entries)}): "
          f"index {build * 1000:.1f} ms (first call), median {statistics.median(per_name) * 1000:.2f} ms/name, "
          f"p95 {sorted(per_name)[int(len(per_name) * 0.95)] * 1000:.2f} ms/name; {counts}")


def quality() -> None:
    """Positives: the same cluster under another name (must be exact/fuzzy to it). Negatives: a
    name against rosters without its cluster (nothing may be exact/fuzzy)."""
    r = {i: load_roster(i) for i in roster_ids()}
    acc23 = {e.account: e.name for e in r["hubei-2023"].entries}
    acc24 = {e.account: e.name for e in r["hubei-2024"].entries}
    pos = {
        "000<->001 same account": [(acc23[a], "hubei-2024", acc24[a]) for a in acc23.keys() & acc24.keys()]
        + [(acc24[a], "hubei-2023", acc23[a]) for a in acc23.keys() & acc24.keys()],
        "002 OCR'd Hubei names": [(n, rid, acc24[a] if rid == "hubei-2024" else acc23[a])
                                  for n, a in OCR_HUBEI.items() for rid in ("hubei-2023", "hubei-2024")],
        "002 OCR'd names -> torch": [(raw, "torch-2021", e.name) for e in r["torch-2021"].entries
                                     for raw in note_values(e.note, "名称原文")],
    }
    neg = {f"{rid}: each name vs the rest": [(e.name, Roster("rest", tuple(x for x in ros.entries if x is not e)))
                                           for e in ros.entries] for rid, ros in r.items()}
    neg["001-only names -> hubei-2023"] = [(acc24[a], r["hubei-2023"]) for a in acc24.keys() - acc23.keys()]
    neg["torch non-Hubei -> hubei-2024"] = [(e.name, r["hubei-2024"]) for e in r["torch-2021"].entries
                                           if e.region != "湖北"]
    print(f"\n{'set':38} {'n':>5} {'TP':>4} {'FN':>4} {'FP':>4} {'TN':>5}  worst score")
    for label, cases in pos.items():
        res = [match(n, r[rid]) for n, rid, _ in cases]
        ok = [m.best is not None and m.best.entry.name == want for m, (_, _, want) in zip(res, cases, strict=True)]
        worst = min(m.candidates[0].score for m in res)
        print(f"{label:38} {len(cases):5} {sum(ok):4} {len(ok) - sum(ok):4} {0:4} {0:5}  lowest true {worst:.1f}")
    for label, ncases in neg.items():
        res = [match(n, ros, top=1) for n, ros in ncases]
        fp = sum(m.status in ("exact", "fuzzy") for m in res)
        worst = max(m.candidates[0].score for m in res)
        print(f"{label:38} {len(ncases):5} {0:4} {0:4} {fp:4} {len(res) - fp:5}  highest false {worst:.1f}")


if __name__ == "__main__":
    pairs = [tuple(sys.argv[1:3])] if len(sys.argv) >= 3 else [
        ("hubei-2023", "hubei-2024"), ("hubei-2024", "hubei-2023"), ("torch-2021", "torch-2021"),
        ("torch-2021", "hubei-2024"), ("hunan-2023", "torch-2021")]
    for s, d in pairs:
        bench(s, d)
    quality()
