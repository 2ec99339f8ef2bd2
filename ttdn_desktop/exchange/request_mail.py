"""The sender's e-mail address a request brings (the secretariat's, or for a committee the level
above's): where this database's report goes by mail. An address is data with trust: taken or
changed only from a request signed with the sender's recorded key, since a forged request that
changed it would send every report to whoever forged it. What was done (or not) is said in the
import's result, so a change is shown to the user."""

from __future__ import annotations

from ttdn_desktop.core import settings as declared
from ttdn_desktop.core import trust
from ttdn_desktop.storage.settings import get_setting, set_setting


def take_address(db, request, verdict: trust.Verdict, upward: bool,
                 dry_run: bool) -> tuple[str, bool] | None:
    """(a note for the import's result, whether it is a warning: an address changed or not
    taken), or None when there is nothing to say (no address in the request, or the one
    already recorded)."""
    setting = declared.UPWARD_MAIL if upward else declared.SECRETARIAT_MAIL
    offered, recorded = request.mail, get_setting(db, setting)
    if not offered or offered == recorded:
        return None
    whose = "cấp trên" if upward else "cơ quan thường trực"
    if verdict.state != trust.VERIFIED:
        why = ("khóa ký của nơi gửi mới được ghi nhận lần này, chưa đối chiếu"
               if verdict.state == trust.FIRST else "gói không ký bằng khóa đã ghi nhận")
        kept = f"vẫn dùng {recorded}" if recorded else "chưa có địa chỉ"
        return f"gói ghi địa chỉ thư {offered} của {whose}: không nhận vì {why} ({kept})", True
    if not dry_run:
        set_setting(db, setting, offered)
    if recorded:
        return f"địa chỉ thư của {whose} đổi từ {recorded} sang {offered}", True
    return f"địa chỉ thư của {whose}: {offered}", False
