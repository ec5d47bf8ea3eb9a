"""POST /api/v1/batches: a zip in, progress while it runs, every member accounted for when done."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.db.models import Batch, BatchItem, Check, utcnow
from service.storage import BlobStore, record
from service.zipinput import ZipRefused, expand, member_name
from tests.service.conftest import Service, start_service, summary_docx, wait_batch


def make_zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def post_zip(client: TestClient, data: bytes, headers: dict, **fields: str):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/batches", files={"file": ("湖北.zip", data, "application/zip")}, data=fields,
                       headers=headers)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    with start_service(tmp_path_factory.mktemp("batch"), max_upload_mb=0.05, batch_max_files=4) as running:
        yield running


def test_a_batch_accounts_for_every_file(service: Service) -> None:
    h = service.keys.h("portal")
    members = {"湖北/十堰.docx": summary_docx(seed=1), "湖北/襄阳.docx": summary_docx(seed=2, name="襄阳新能源汽车创新型产业集群"),
               "说明.txt": "这不是材料".encode(), "__MACOSX/._十堰.docx": b"junk", "湖北/.hidden": b"x"}
    r = post_zip(service.client, make_zip(members), h, template="hubei-2023-summary")
    assert r.status_code == 202, r.text
    batch = r.json()
    assert batch["total"] == 3 and batch["template"] == "hubei-2023-summary"
    assert r.headers["Location"] == batch["links"]["self"]
    done = wait_batch(service.client, batch["id"], h)
    assert done["done"] == done["total"] == 3 and done["finished_at"]
    assert sum(done["verdicts"].values()) == 3
    items = {i["name"]: i for i in done["items"]}
    assert set(items) == {"湖北/十堰.docx", "湖北/襄阳.docx", "说明.txt"}
    assert items["说明.txt"]["verdict"] == "fail"
    assert all(i["status"] in ("done", "failed") and i["check_id"] for i in items.values())
    one = service.client.get(f"/api/v1/checks/{items['湖北/十堰.docx']['check_id']}", headers=h).json()
    assert one["batch_id"] == batch["id"] and one["report"]["template"] == "hubei-2023-summary"
    reports = service.client.get(f"/api/v1/batches/{batch['id']}/reports.json", headers=h).json()
    assert [rep["file"] for rep in reports] == ["十堰.docx", "襄阳.docx", "说明.txt"]
    xlsx = service.client.get(f"/api/v1/batches/{batch['id']}/summary.xlsx", headers=h)
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"


def test_a_batch_runs_the_cross_submission_checks(service: Service) -> None:
    """Two copies of one cluster's summary (B001 on both) and a third cluster's file that copies the
    first one's prose (B002), as the audit command would report them."""
    h = service.keys.h("portal")
    shiyan = summary_docx(seed=11)
    members = {"湖北/十堰.docx": shiyan, "湖北/十堰（再次提交）.docx": shiyan,
               "湖北/孝感.docx": summary_docx(seed=11, name="孝感汽车零部件创新型产业集群"),
               "湖北/襄阳.docx": summary_docx(seed=40, name="襄阳新能源汽车创新型产业集群")}
    r = post_zip(service.client, make_zip(members), h, template="hubei-2023-summary")
    assert r.status_code == 202, r.text
    done = wait_batch(service.client, r.json()["id"], h)
    reports = {rep["file"]: rep for rep in
               service.client.get(f"/api/v1/batches/{done['id']}/reports.json", headers=h).json()}
    codes = {name: sorted({f["code"] for f in rep["findings"] if f["code"][0] == "B"}) for name, rep in reports.items()}
    assert codes == {"十堰.docx": ["B001", "B002"], "十堰（再次提交）.docx": ["B001", "B002"],
                     "孝感.docx": ["B002"], "襄阳.docx": []}
    twice = next(f for f in reports["十堰.docx"]["findings"] if f["code"] == "B001")
    assert "湖北/十堰（再次提交）.docx" in twice["message"] and twice["rule"] == "batch.same-cluster"
    assert reports["十堰.docx"]["verdict"] != "pass" and reports["十堰.docx"]["counts"]["warning"] >= 2
    items = {i["name"]: i for i in done["items"]}  # the check's own row follows its amended report
    one = service.client.get(f"/api/v1/checks/{items['湖北/十堰.docx']['check_id']}", headers=h).json()
    assert one["verdict"] == reports["十堰.docx"]["verdict"]
    assert any(f["code"] == "B001" for f in one["report"]["findings"])


def test_portals_see_only_their_batches(service: Service) -> None:
    r = post_zip(service.client, make_zip({"a.docx": summary_docx(seed=7)}), service.keys.h("portal"))
    batch_id = r.json()["id"]
    assert service.client.get(f"/api/v1/batches/{batch_id}", headers=service.keys.h("portal2")).status_code == 404
    assert all(b["id"] != batch_id for b in service.client.get("/api/v1/batches", headers=service.keys.h("portal2")).json())
    assert service.client.get(f"/api/v1/batches/{batch_id}", headers=service.keys.h("reviewer")).status_code == 200
    wait_batch(service.client, batch_id, service.keys.h("portal"))


def test_unfinished_batch_reports_are_409_and_unknown_404(service: Service) -> None:
    rt = service.app.state.rt
    blob = rt.store.put_bytes(summary_docx(seed=77))
    batch_id, check_id = "b" * 32, "c" * 32
    with rt.sessions.begin() as s:  # a batch whose only check the engine was never told of
        record(s, blob)
        s.add(Batch(id=batch_id, filename="x.zip", total=1, created_at=utcnow()))
        s.flush()
        s.add(Check(id=check_id, sha256=blob.sha256, filename="x.docx", batch_id=batch_id, created_at=utcnow()))
        s.flush()
        s.add(BatchItem(batch_id=batch_id, position=1, name="x.docx", check_id=check_id))
    h = service.keys.h("reviewer")
    body = service.client.get(f"/api/v1/batches/{batch_id}", headers=h).json()
    assert body["status"] == "queued" and body["done"] == 0 and body["total"] == 1
    for tail in ("reports.json", "summary.xlsx"):
        r = service.client.get(f"/api/v1/batches/{batch_id}/{tail}", headers=h)
        assert r.status_code == 409 and "尚未完成" in r.json()["detail"]
    assert service.client.get("/api/v1/batches/nope", headers=h).status_code == 404
    assert service.client.get("/api/v1/batches/nope/summary.xlsx", headers=h).status_code == 404


def test_not_a_zip_is_415_and_an_empty_zip_422(service: Service) -> None:
    h = service.keys.h("portal")
    r = post_zip(service.client, summary_docx(), h)  # a docx is a zip, but of parts, not of submissions
    assert r.status_code == 415 and "Office" in r.json()["detail"]
    r = post_zip(service.client, b"plain text, not a zip", h)
    assert r.status_code == 415 and "zip" in r.json()["detail"]
    r = post_zip(service.client, make_zip({"__MACOSX/x": b"", "dir/.DS_Store": b""}), h)
    assert r.status_code == 422 and "没有文件" in r.json()["detail"]


def test_too_many_members_is_413_and_a_too_large_member_is_an_item(small: Service) -> None:
    h = small.keys.h("portal")
    r = post_zip(small.client, make_zip({f"{i}.docx": b"PK" for i in range(5)}), h)
    assert r.status_code == 413 and "过多" in r.json()["detail"]
    big = b"PK\x03\x04" + bytes(range(256)) * 400  # 100 KB > 0.05 MB
    r = post_zip(small.client, make_zip({"big.docx": big, "ok.docx": summary_docx(100)}), h)
    assert r.status_code == 202
    done = wait_batch(small.client, r.json()["id"], h)
    items = {i["name"]: i for i in done["items"]}
    assert items["big.docx"]["check_id"] is None and items["big.docx"]["error"]["code"] == "F005"
    assert done["failed"] >= 1 and done["verdicts"]["fail"] >= 1
    reports = small.client.get(f"/api/v1/batches/{done['id']}/reports.json", headers=h).json()
    assert reports[0]["findings"][0]["code"] == "F005"


def test_gbk_member_names_are_decoded() -> None:
    info = zipfile.ZipInfo("十堰总结.docx".encode("gbk").decode("cp437"))
    info.flag_bits = 0
    assert member_name(info) == "十堰总结.docx"
    utf = zipfile.ZipInfo("襄阳.docx")
    utf.flag_bits = 0x800
    assert member_name(utf) == "襄阳.docx"


def test_zip_declaring_a_huge_total_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.zip"
    path.write_bytes(make_zip({"a.docx": b"\x00" * 2_000_000, "b.docx": b"\x00" * 2_000_000}))
    with pytest.raises(ZipRefused) as e:
        expand(path, BlobStore(tmp_path / "d"), 10_000_000, 10, 3_000_000)
    assert e.value.status == 413
