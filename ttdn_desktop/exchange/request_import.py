"""A request for reports coming in: the period's dates, the form it brings (installed at once
only when signed with the recorded key of whoever sends us requests), and for a committee that
reports upward, the request of the level above remembered."""

from __future__ import annotations

import hashlib

from ttdn_desktop.core.errors import PackageError
from ttdn_desktop.core.forms import FormLibrary
from ttdn_desktop.core.periods import format_date
from ttdn_desktop.core import trust
from ttdn_desktop.core.rules import REJECTED, REQUEST, SIGNATURE
from ttdn_desktop.core.settings import UPWARD_CODE
from ttdn_desktop.core.text import shown
from ttdn_desktop.exchange.import_result import ImportResult, Target
from ttdn_desktop.exchange.request import read_request
from ttdn_desktop.exchange.request_mail import take_address
from ttdn_desktop.exchange.sender_trust import (HELD_NOTE, REQUEST_SENDER, accepted_by_user,
                                               short_fingerprint, verdict_for)
from ttdn_desktop.storage import forms as form_store
from ttdn_desktop.storage import held as held_store
from ttdn_desktop.storage import keys as key_store
from ttdn_desktop.storage import reports as report_store
from ttdn_desktop.storage import upward as upward_store
from ttdn_desktop.storage.agencies import get_agency
from ttdn_desktop.storage.periods import period_dates, set_period_dates
from ttdn_desktop.storage.settings import get_setting


def apply_request(db, forms: FormLibrary, request, target: Target, dry_run: bool,
                  force: bool = False) -> ImportResult:
    """The period's dates, the form (if new, kept in this database only: at once when the
    request is signed with the recorded key of whoever sends us requests, else only once the
    user confirmed it, `target.accept_form` or `force`), and for an agency database addressed
    by it, the agency's report for the period on that form. Held instead if its signature does
    not fit the pinned key of the sender (the secretariat, or a committee's level above),
    unless `force`."""
    verdict = verdict_for(db, trust.SECRETARIAT, request.signature, trust.PACKAGE, target,
                          REQUEST_SENDER)
    if verdict.hold and not force:
        who = request.agency_name or "tất cả đơn vị"
        held_store.hold(db, reason=SIGNATURE, detail=verdict.label, file_name=request.file_name,
                        agency_code=request.agency_code or "", agency_name=f"gửi {who}",
                        period_code=request.period.code, report_id="", revision=0,
                        package=request.data, sha256=hashlib.sha256(request.data).hexdigest())
        return ImportResult(request.file_name, SIGNATURE, verdict.label + HELD_NOTE,
                            request.agency_code or "", f"gửi {who}", request.period.code,
                            signature=verdict.label, signature_state=verdict.state,
                            fingerprint=short_fingerprint(verdict))
    if forms.find(request.form.id, request.form.version) is None and not force and \
            not target.accept_form and verdict.state not in (trust.VERIFIED, trust.OWN):
        return _form_to_confirm(request, verdict)  # before any key is recorded from it
    verdict = accepted_by_user(verdict) if verdict.hold else verdict
    if verdict.pin:
        key_store.pin(db, trust.SECRETARIAT, request.signature.public_key, verdict.fingerprint,
                      request.issuer, request.file_name)
    result = _apply_request(db, forms, request, target, dry_run, verdict)
    address = take_address(db, request, verdict, not target.own_agency, dry_run)
    if address:  # shown with the rest of what the request did; a change as a warning
        note, warn = address
        if warn:
            result.warnings.append(note)
        else:
            result.detail = f"{result.detail}; {note}" if result.detail else note
    result.signature, result.signature_state = verdict.label, verdict.state
    result.fingerprint = short_fingerprint(verdict)
    return result


def form_name(form) -> str:
    return f"mẫu báo cáo «{shown(form.id)}» phiên bản {form.version}"


def _form_to_confirm(request, verdict: trust.Verdict) -> ImportResult:
    """A request bringing a form this database does not have, from a sender whose key is not
    the one recorded: nothing of it is taken until the user confirms the form, having checked
    the key's digits with the sender by phone."""
    short = short_fingerprint(verdict)
    sender = f"ký bằng khóa chưa được ghi nhận ({short})" if short else "không có chữ ký"
    who = request.agency_name or "tất cả đơn vị"
    detail = (f"gói đề nghị mang {form_name(request.form)}, chưa có trong cơ sở dữ liệu này, "
              f"và {sender}; chưa cài mẫu, chưa nhận gói. Gọi điện cho nơi gửi "
              f"({shown(request.issuer) or REQUEST_SENDER}) đối chiếu "
              + ("dãy số khóa" if short else "gói") + " rồi xác nhận cài mẫu: mẫu chỉ dùng cho "
              "cơ sở dữ liệu này")
    return ImportResult(request.file_name, REJECTED, detail, request.agency_code or "",
                        f"gửi {who}", request.period.code,
                        # no signature state: nothing was recorded (a key "first seen" would
                        # be taken by the front ends for one recorded)
                        signature=f"khóa của nơi gửi: {short}" if short else verdict.label,
                        fingerprint=short, payload=request.data,
                        form_offer=form_name(request.form))


def import_request(db, forms: FormLibrary, file_name: str, data: bytes,
                   target: Target) -> ImportResult:
    """One request package, read and applied (the user confirmed its form: `target`)."""
    return apply_request(db, forms, read_request(file_name, data), target, dry_run=False)


def _apply_request(db, forms: FormLibrary, request, target: Target, dry_run: bool,
                   verdict: trust.Verdict) -> ImportResult:
    details = [f"hạn gửi {format_date(request.deadline)}"]
    new_form = forms.find(request.form.id, request.form.version) is None
    if new_form:
        details.append(f"mẫu mới phiên bản {request.form.version}, cài cho cơ sở dữ liệu này")
    own = target.own_agency
    if not own:
        result = _request_from_above(db, request, details)
    else:
        set_period_dates(db, request.period, request.data_from, request.data_to,
                         request.deadline)
        if request.agency_code in (None, own) and get_agency(db, own) is not None:
            if report_store.report_for(db, own, request.period, request.form.id) is None:
                report_store.create_report(db, own, request.period, request.form)
                details.append("đã tạo báo cáo của đơn vị")
        who = request.agency_name or "tất cả đơn vị"
        result = ImportResult(request.file_name, REQUEST, ", ".join(details),
                              request.agency_code or "", f"gửi {who}", request.period.code)
    if new_form:  # kept in this database only: an unrelated database never sees it
        trusted = verdict.state in (trust.VERIFIED, trust.OWN)
        form_store.install_form(db, request.form, request.form_source,
                                form_store.VERIFIED if trusted else form_store.CONFIRMED,
                                request.file_name, verdict.fingerprint)
        if not dry_run:
            forms.add(request.form)
    return result


def _request_from_above(db, request, details: list[str]) -> ImportResult:
    """A committee's database receiving its upper level's request: remembered (its form is
    the one to report upward on), the cut-off dates taken; the deadline for our own members
    stays ours once set, since it must fall before the one above."""
    member = get_agency(db, request.agency_code) if request.agency_code else None
    if member is not None and request.agency_code != get_setting(db, UPWARD_CODE):
        raise PackageError(request.file_name, f"gói đề nghị này gửi cho {member['name']}, một "
                                              "đơn vị thành viên của chính cơ quan này, không "
                                              "phải đề nghị của cấp trên; không nhập")
    stored = period_dates(db, request.period).stored
    set_period_dates(db, request.period, request.data_from, request.data_to,
                     None if stored else request.deadline)
    upward_store.remember_request(
        db, period=request.period, form_id=request.form.id, form_version=request.form.version,
        data_from=request.data_from, data_to=request.data_to, deadline=request.deadline,
        issuer=request.issuer, agency_code=request.agency_code, agency_name=request.agency_name,
        file_name=request.file_name, package=request.data)
    details[0] = f"đề nghị của cấp trên, hạn gửi lên {format_date(request.deadline)}"
    details.append(f"mẫu {request.form.id} phiên bản {request.form.version}")
    who = request.issuer or "cấp trên"
    return ImportResult(request.file_name, REQUEST, ", ".join(details),
                        request.agency_code or "", f"từ {who}", request.period.code)
