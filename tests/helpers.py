"""Builders the tests share."""

import hashlib
import io
import json
import uuid
import zipfile

from ttdn_desktop.core.docformat import Letterhead
from ttdn_desktop.core.merge import PASTED
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.signer import Signer
from ttdn_desktop.demo import DEMO_LETTERHEAD
from ttdn_desktop.exchange.package import build_package
from ttdn_desktop.storage import reports as report_store, upward as upward_store
from ttdn_desktop.storage.database import now

H1 = Period.parse("2021-H1")
SEED_BROCHURE = {("ban_an_pham", ""): 3800, ("ban_an_pham", "vi"): 2800,
                 ("ban_an_pham", "en"): 500, ("ban_an_pham", "ja"): 200,
                 ("ban_an_pham", "ko"): 200, ("ban_an_pham", "zh"): 100}


def content(text="Phát hành bản tin đối ngoại.", **figures) -> ReportContent:
    values = {(k, ""): v for k, v in figures.items()}
    return ReportContent({"an_pham": text}, values)


def package(form, code="SNGV", name="Sở Ngoại vụ", period=H1, report_id=None, revision=1,
            supersedes=None, body: ReportContent | None = None, signer=None) -> bytes:
    return build_package(form=form, agency_code=code, agency_name=name, period=period,
                         report_id=report_id or str(uuid.uuid4()), revision=revision,
                         supersedes=supersedes, content=body or content(), signer=signer)


def rezip(data: bytes, change) -> bytes:
    """Rewrite a package's members through `change(dict name -> bytes)`."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    change(members)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in members.items():
            archive.writestr(name, value)
    return out.getvalue()


def edit_manifest(data: bytes, **changes) -> bytes:
    def change(members):
        manifest = json.loads(members["manifest.json"])
        manifest.update(changes)
        members["manifest.json"] = json.dumps(manifest).encode()
    return rezip(data, change)


def own_signer(code: str):
    """An agency's own key, the same in every run, as a real agency signs with (a demo key,
    public, is never recorded): for write_demo_packages(signer=own_signer)."""
    return Signer(hashlib.sha256(f"ttdn-test-key/{code}".encode()).digest())


def demo_letterhead(**changes):
    """A complete letterhead for the demo's province, with `changes`."""
    return Letterhead(**{**DEMO_LETTERHEAD, **changes})


# Storage steps only the tests take in one call
def save_section(db, report_id: str, section_id: str, text: str) -> int:
    """Save one section's text to the draft; returns the revision written."""
    return report_store.save_draft(db, report_id, {section_id: text}).revision


def seal_current(db, report_id: str) -> report_store.RevisionInfo:
    """Seal the current revision (it is being sent). Sealing a sealed revision is a no-op."""
    current = report_store.current_revision(db, report_id)
    if current.sealed:
        return current
    sha256 = report_store.load_content(db, report_id, current.revision).sha256()
    stamp = now()
    with db.atomic():
        db.execute("UPDATE revisions SET sealed = 1, sealed_at = ?, sent_at = ?, "
                   "content_sha256 = ? WHERE report_id = ? AND revision = ?",
                   [stamp, stamp, sha256, report_id, current.revision])
    return report_store.revision_info(db, report_id, current.revision)


def upward_sends(db, period: Period) -> list:
    """Every report sent up for `period`, oldest first."""
    return [upward_store._sent(r) for r in db.query(
        "SELECT * FROM upward_sends WHERE period_code = ? ORDER BY id", [period.code])]


def connected(workspace) -> bool:
    """The workspace has opened its database (it does so at its first use of it)."""
    return workspace._db is not None


def show_pasted(workspace, period: Period = H1) -> None:
    """Every section of the period shows its agencies' texts pasted under their names, not
    the draft (as the secretariat chooses in the merge view): for tests of the pasted text."""
    for section in workspace.form.prose_sections:
        workspace.drafts.choose(period, section.id, PASTED)


def count(db, table: str) -> int:
    """The rows in `table` (tests only: the product asks for what it needs in SQL)."""
    return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def rows(db, table: str) -> list[dict]:
    return list(db.query(f"SELECT * FROM {table}"))
