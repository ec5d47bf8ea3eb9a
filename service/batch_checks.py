"""What only a whole batch shows, for the API's batches: the cross-submission checks B001/B002
(checkers.cross_check), run once when the batch's last check finishes, the same as the audit runs them.

Each batch check stored its document's fingerprint beside its report; here the reports that got a
B-finding are stored again with it (their verdict and counts follow), in the transaction that
closes the batch, so a client that sees the batch finished never sees a report without them.
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from checkers import Report, Submission, cross_check
from service.db.models import DONE, BatchItem, Check
from service.storage import Blob, BlobStore, record


def store_fingerprint(store: BlobStore, fingerprint: list[dict]) -> Blob:
    """The fingerprint as a blob (its row is recorded with the check's outcome)."""
    return store.put_bytes(json.dumps(fingerprint, ensure_ascii=False).encode("utf-8"))


def add_cross_findings(s: Session, store: BlobStore, batch_id: str) -> int:
    """B001/B002 into the stored reports of a batch's checks; returns how many reports changed."""
    rows = s.execute(select(BatchItem.name, Check).join(Check, BatchItem.check_id == Check.id)
                     .where(BatchItem.batch_id == batch_id, Check.status == DONE,
                            Check.report_sha256.is_not(None))
                     .order_by(BatchItem.position)).tuples().all()
    checks: list[Check] = []
    submissions: list[Submission] = []
    for name, check in rows:
        assert check.report_sha256 is not None
        report = Report.model_validate_json(store.read(check.report_sha256))
        prints = json.loads(store.read(check.fingerprint_sha256)) if check.fingerprint_sha256 else []
        submissions.append(Submission(len(checks), name, report, prints))
        checks.append(check)
    found = cross_check(submissions)
    for k, findings in found.items():
        report = submissions[k].report
        report.findings.extend(findings)
        report.finalise()
        blob = store.put_bytes(report.model_dump_json().encode("utf-8"))
        record(s, blob, "report")
        check = checks[k]
        check.report_sha256, check.verdict, check.counts = blob.sha256, report.verdict, report.counts.model_dump()
    return len(found)
