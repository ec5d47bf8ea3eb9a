"""`clustercheck audit`: a whole archive of submissions checked in one run, every file accounted for.

    inputs     folders and zips (nested, GBK names) → one Item per file, with a display path
    cache      results by content hash and checker fingerprint: a re-run does only what is left
    runner     local engine: worker processes killed past their limits; remote: Celery over Redis
    outputs    summary.xlsx, summary.csv, findings.jsonl, one report per file
    batch      the order of it all, with the cross-submission checks (checkers.cross_check)
"""
