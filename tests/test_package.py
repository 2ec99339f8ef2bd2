"""Packages: round trip, and every kind of bad file rejected with a reason, changing nothing."""

import hashlib
import io
import json
import random
import uuid
import zipfile

import pytest
from docx import Document

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.forms import FormLibrary
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.rules import REJECTED
from ttdn_desktop.exchange.jsondata import MAX_DEPTH, nesting_depth
from ttdn_desktop.exchange.package import read_package
from ttdn_desktop.storage.agencies import add_agency

from .helpers import H1, SEED_BROCHURE, count, edit_manifest, package, rezip


def test_round_trip_keeps_everything(forms, form):
    body = ReportContent({"an_pham": "Bộ tài liệu “Tiềm năng” 3.800 bản\n- tiếng Anh 500 bản",
                          "kien_nghi": "Đề nghị **Ban Chỉ đạo** tỉnh…"},
                         dict(SEED_BROCHURE), {"ban_an_pham": "Trong đó 1 đầu mới"})
    report_id = str(uuid.uuid4())
    data = package(form, report_id=report_id, revision=3, supersedes=2, body=body)
    read = read_package("a.ttdn", data, forms)
    assert read.content == body.normalized()
    assert read.manifest.report_id == report_id
    assert (read.manifest.revision, read.manifest.supersedes) == (3, 2)
    assert (read.manifest.agency_code, read.manifest.agency_name) == ("SNGV", "Sở Ngoại vụ")
    assert read.period == H1 and read.form.key == form.key
    assert read.manifest.content_sha256 == body.sha256()
    assert read.manifest.created_at is not None and read.manifest.app_version
    raw = json.loads(zipfile.ZipFile(io.BytesIO(data)).read("manifest.json"))
    for key in ("format_version", "created_at", "app_version"):
        assert key in raw
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "mimetype"


def test_content_without_typed_last_year_keeps_its_bytes_and_hash():
    plain = ReportContent({"a": "x"}, {("i", ""): 5}, {"i": "n"})
    assert "last_year" not in plain.to_dict()
    typed = ReportContent({"a": "x"}, {("i", ""): 5}, {"i": "n"}, {("i", ""): 4.0})
    back = ReportContent.from_dict(typed.to_dict())
    assert back.last_year == {("i", ""): 4} and back.sha256() == typed.sha256() != plain.sha256()
    assert ReportContent.from_dict(plain.to_dict()).last_year == {}


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, value in members.items():
            archive.writestr(name, value)
    return out.getvalue()


def _docx_bytes() -> bytes:
    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def _bad_files(form):
    good = package(form)

    def tamper_content(members):
        members["content.json"] = members["content.json"].replace("bản tin".encode(),
                                                                  "bản TIN".encode())

    def unknown_indicator(members):
        body = json.loads(members["content.json"])
        body["figures"].append({"indicator": "khong_co", "member": "", "value": 1})
        raw = json.dumps(body).encode()
        manifest = json.loads(members["manifest.json"])
        manifest["content_sha256"] = hashlib.sha256(raw).hexdigest()
        members["content.json"], members["manifest.json"] = raw, json.dumps(manifest).encode()

    def deep(member):
        def change(members):
            nested = b"[" * 100_000 + b"]" * 100_000
            if member == "content.json":
                manifest = json.loads(members["manifest.json"])
                manifest["content_sha256"] = hashlib.sha256(nested).hexdigest()
                members["manifest.json"] = json.dumps(manifest).encode()
            members[member] = nested
        return rezip(good, change)

    bomb = _zip({"mimetype": b"x", "manifest.json": b"{}", "content.json": b"0" * (30 << 20)})
    return {
        "empty": (b"", "tệp rỗng"),
        "not a zip": (b"Hello, this is plain text\n" * 10, "đây là tệp văn bản thuần (.txt)"),
        "pdf": (b"%PDF-1.4\n...", "tệp PDF"),
        "old doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "định dạng cũ"),
        "foreign zip": (_zip({"photo.jpg": b"\xff\xd8\xff"}), "không phải gói báo cáo TTĐN"),
        "renamed docx": (_docx_bytes(), "tệp Word (.docx) bị đổi tên"),
        "truncated": (good[: len(good) // 2], "hỏng hoặc tải về chưa hết"),
        "hash mismatch": (rezip(good, tamper_content), "SHA-256"),
        "unknown form version": (edit_manifest(good, form={"id": form.id, "version": 99}),
                                 "phiên bản 99, chưa có"),
        "unknown period": (edit_manifest(good, period="2021-H3"), "kỳ báo cáo «2021-H3»"),
        "zip slip": (_zip({"../../evil.txt": b"x", "manifest.json": b"{}"}), "tên không an toàn"),
        "absolute path": (_zip({"/etc/passwd": b"x"}), "tên không an toàn"),
        "too many members": (_zip({f"f{n}.txt": b"x" for n in range(40)}), "quá nhiều thành phần"),
        "zip bomb": (bomb, "quá lớn khi giải nén"),
        "newer format": (edit_manifest(good, format_version=7), "phiên bản TTĐN Desktop mới hơn"),
        "broken manifest": (rezip(good, lambda m: m.update({"manifest.json": b"{not json"})),
                            "manifest.json bị hỏng"),
        "missing field": (edit_manifest(good, report_id="not-a-uuid"), "report_id"),
        "bool revision": (edit_manifest(good, revision=True, supersedes=None), "revision"),
        "bool form version": (edit_manifest(good, form={"id": form.id, "version": True}),
                              "form.version"),
        "unknown indicator": (rezip(good, unknown_indicator), "khong_co"),
        "deep content": (deep("content.json"), "content.json có cấu trúc lồng quá sâu"),
        "deep manifest": (deep("manifest.json"), "manifest.json có cấu trúc lồng quá sâu"),
        "deep signature": (deep("signature.json"), "signature.json có cấu trúc lồng quá sâu"),
        "negative figure": (package(form, body=ReportContent({}, {("hop_bao", ""): -3})),
                            "không được âm"),
    }


def test_every_bad_file_is_rejected_with_a_vietnamese_reason(workspace, forms, form, tmp_path):
    add_agency(workspace.db, "SNGV", "Sở Ngoại vụ")
    cases = _bad_files(form)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    paths = []
    for name, (data, _) in cases.items():
        path = inbox / (name.replace(" ", "-") + ".ttdn")
        path.write_bytes(data)
        paths.append(path)
    before = {t: count(workspace.db, t) for t in ("reports", "revisions", "held_packages")}
    results = workspace.imports.run(paths)
    assert len(results) == len(cases)
    for result, (name, (_, reason)) in zip(results, cases.items()):
        assert result.outcome == REJECTED, (name, result)
        assert reason in result.detail, (name, result.detail)
        assert result.file_name in result.line()
        assert "Traceback" not in result.line()
    after = {t: count(workspace.db, t) for t in ("reports", "revisions", "held_packages")}
    assert after == before
    # nothing was extracted next to the files
    assert sorted(p.name for p in inbox.iterdir()) == sorted(p.name for p in paths)


def test_bomb_by_ratio_is_caught_before_decompressing(forms):
    small_but_dense = _zip({"mimetype": b"x", "manifest.json": b"{}",
                            "content.json": b"\0" * (5 << 20)})
    assert len(small_but_dense) < 100_000
    with pytest.raises(PackageError, match="tỷ lệ nén bất thường"):
        read_package("bomb.ttdn", small_but_dense, forms)


def test_oversized_file_is_not_read_whole(workspace, tmp_path):
    path = tmp_path / "big.ttdn"
    with open(path, "wb") as handle:
        handle.truncate(25 << 20)
    [result] = workspace.imports.run([path])
    assert result.outcome == REJECTED and "quá lớn" in result.detail


def test_directory_and_missing_file(workspace, tmp_path):
    [result] = workspace.imports.run([tmp_path / "khong-co.ttdn"])
    assert result.outcome == REJECTED and "không tìm thấy" in result.detail


def test_damaged_packages_only_ever_raise_package_error(forms, form):
    """Flipped bytes and cut-off files (as e-mail can deliver them): never a traceback."""
    good = package(form)
    rng = random.Random(20211)
    outcomes = set()
    for _ in range(1500):
        data = bytearray(good)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        if rng.random() < 0.2:
            data = data[: rng.randrange(len(data))]
        try:
            read_package("hong.ttdn", bytes(data), forms)
            outcomes.add("read")
        except PackageError as error:
            assert error.file_name == "hong.ttdn" and error.reason
            outcomes.add("rejected")
    assert "rejected" in outcomes


def test_brackets_inside_text_are_not_nesting(forms, form):
    """The depth cap (issue 22, point 9) counts brackets outside strings only: a section full of
    brackets, escaped quotes included, is an ordinary report."""
    text = "[" * 500 + '{"\\" ' + "}" * 500
    body = ReportContent({"an_pham": text}, dict(SEED_BROCHURE))
    assert read_package("a.ttdn", package(form, body=body), forms).content.sections["an_pham"] \
        == text
    assert nesting_depth(b'{"a": [[1], "]]]\\"[[["], "b": {}}') == 3
    assert nesting_depth(b"[" * (MAX_DEPTH + 1)) == MAX_DEPTH + 1


def test_a_package_with_typed_last_year_outside_the_form_is_refused(form):
    bad = ReportContent({}, {}, {}, {("khong_co", ""): 5})
    library = FormLibrary([form])
    with pytest.raises(PackageError, match="cùng kỳ năm trước «khong_co/»"):
        read_package("x.ttdn", package(form, body=bad), library)
    negative = ReportContent({}, {}, {}, {("ban_an_pham", ""): -5})
    with pytest.raises(PackageError, match="cùng kỳ năm trước"):
        read_package("y.ttdn", package(form, body=negative), library)
