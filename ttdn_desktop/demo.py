"""Sample agencies and submission packages with realistic Vietnamese content, for trying the
app, for tests and for benchmarks. Names and figures follow the two seed articles (Quảng Ninh
2021: the eight agencies that reported; Thái Nguyên 2018: the 3.800-copy brochure)."""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ttdn_desktop.core.demo_agencies import demo_agencies
from ttdn_desktop.core.forms import TOTAL, Form
from ttdn_desktop.core.periods import Period
from ttdn_desktop.core.report import ReportContent
from ttdn_desktop.core.signer import demo_signer
from ttdn_desktop.exchange.package import build_package
from ttdn_desktop.util.files import write_bytes_atomic

# The letterhead of seed 001's secretariat: demo data, set by `ttdn demo` and the tests that
# want a complete letterhead (core.docformat.Letterhead assumes no province and no person).
DEMO_LETTERHEAD = {
    "superior_body": "ĐẢNG BỘ TỈNH QUẢNG NINH",
    "place": "Quảng Ninh",
    "signing_capacity": "K/T TRƯỞNG BAN",
    "signer_title": "PHÓ TRƯỞNG BAN THƯỜNG TRỰC",
    "member_superior_body": "UBND TỈNH QUẢNG NINH",
}


_OPENINGS = [
    "Trong kỳ, {name} đã bám sát chỉ đạo của Ban Chỉ đạo Công tác thông tin đối ngoại tỉnh, "
    "chủ động triển khai nhiệm vụ được giao.",
    "{name} tiếp tục quán triệt các văn bản chỉ đạo của Trung ương và của tỉnh về công tác "
    "thông tin đối ngoại, gắn với nhiệm vụ chính trị của đơn vị.",
    "Thực hiện Hướng dẫn công tác thông tin đối ngoại năm {year}, {name} đã cụ thể hóa nhiệm "
    "vụ thành kế hoạch của đơn vị.",
]
_BY_SECTION = {
    "lanh_dao_chi_dao": [
        "Ban hành Kế hoạch số {n}/KH về công tác thông tin đối ngoại {period}; kiện toàn bộ phận "
        "tham mưu, phân công cán bộ phụ trách.",
        "Tổ chức {m} cuộc họp giao ban, kiểm tra việc thực hiện nhiệm vụ thông tin đối ngoại.",
    ],
    "ket_qua": [
        "Công tác thông tin đối ngoại được đổi mới hình thức, nội dung, kết hợp chặt chẽ giữa "
        "thông tin đối nội và thông tin đối ngoại.",
    ],
    "bao_chi": [
        "Phối hợp với các cơ quan báo chí đăng, phát {tin} tin, bài, phóng sự về thông tin đối "
        "ngoại, trong đó {nn} tin, bài bằng tiếng nước ngoài.",
        "Duy trì chuyên mục **Quảng Ninh hội nhập và phát triển** trên sóng phát thanh, truyền hình.",
    ],
    "cong_thong_tin": [
        "Cổng thông tin điện tử của đơn vị đăng tải {web} tin, bài; duy trì {cm} chuyên mục bằng "
        "tiếng Việt và tiếng Anh.",
        "Trang mạng xã hội của đơn vị có {post} bài đăng, thu hút lượt tiếp cận tăng so với cùng kỳ.",
    ],
    "an_pham": [
        "Phát hành {ban} bản ấn phẩm, tài liệu thông tin đối ngoại gửi các cơ quan, đại sứ quán "
        "và nhà đầu tư.",
    ],
    "quang_ba": [
        "Tham gia tổ chức {sk} sự kiện quảng bá, xúc tiến đầu tư, thương mại, du lịch gắn với "
        "thông tin đối ngoại.",
        "Quảng bá hình ảnh địa phương là điểm đến an toàn, thân thiện, hấp dẫn với nhà đầu tư và "
        "du khách quốc tế.",
    ],
    "cung_cap_thong_tin": [
        "Tổ chức {hb} cuộc họp báo, cung cấp thông tin cho báo chí; đón tiếp, hướng dẫn {dpv} "
        "đoàn phóng viên nước ngoài đến tác nghiệp.",
    ],
    "dau_tranh": [
        "Đăng {pb} bài viết đấu tranh, phản bác các luận điệu xuyên tạc; báo cáo, đề nghị gỡ bỏ "
        "{gb} lượt thông tin xấu độc trên không gian mạng.",
    ],
    "bien_dao": [
        "Tuyên truyền về chủ quyền biển, đảo, biên giới đất liền; phối hợp với Bộ đội Biên phòng "
        "tổ chức các buổi nói chuyện cho nhân dân khu vực biên giới.",
    ],
    "tap_huan": [
        "Tổ chức {lop} lớp tập huấn nghiệp vụ thông tin đối ngoại cho {luot} lượt cán bộ, "
        "công chức.",
    ],
    "doi_ngoai_nhan_dan": [
        "Đón tiếp {dqt} đoàn khách quốc tế đến thăm, làm việc; duy trì quan hệ hữu nghị với các "
        "địa phương kết nghĩa của nước láng giềng.",
    ],
    "danh_gia": [
        "Nhìn chung, công tác thông tin đối ngoại {period} của đơn vị đạt được kết quả tích cực.",
    ],
    "uu_diem": [
        "Nội dung thông tin phong phú, kịp thời; phối hợp giữa các đơn vị được tăng cường.",
    ],
    "han_che": [
        "Việc cập nhật thông tin đối ngoại còn chậm, nhất là khi có vấn đề phát sinh.",
        "Một số cán bộ tham mưu chưa được tập huấn, bồi dưỡng về nghiệp vụ.",
    ],
    "nguyen_nhan": [
        "Nguồn lực cho công tác thông tin đối ngoại còn hạn chế; cán bộ kiêm nhiệm nhiều việc.",
    ],
    "phuong_huong": [
        "- Tiếp tục thực hiện tốt công tác thông tin đối ngoại gắn với các chỉ thị, nghị quyết "
        "của Trung ương, của tỉnh.",
        "- Tăng cường thông tin, tuyên truyền, quảng bá hình ảnh địa phương là điểm đến an toàn, "
        "thân thiện, hấp dẫn.",
        "- Tổ chức tập huấn về công tác thông tin đối ngoại cho đội ngũ cán bộ tham mưu.",
    ],
    "kien_nghi": [
        "Đề nghị Ban Chỉ đạo tỉnh cung cấp đầy đủ, kịp thời các tài liệu liên quan đến công tác "
        "thông tin đối ngoại, nhất là khi có vấn đề, vụ việc phát sinh.",
    ],
}


# The kind (Loại) of each demo member, from the list's defaults (storage migration v12).
_DEMO_KINDS = {
    "Sở, ban, ngành": ("SNGV", "STTTT", "BXTDT", "BQLKKT", "SVHTTDL", "SCT", "STC", "SGDDT",
                       "SNV", "STP"),
    "Cơ quan báo chí": ("TTTT", "BAOTINH"),
    "Mặt trận, đoàn thể": ("LDLD", "MTTQ", "HLHPN", "TINHDOAN", "LHHN"),
    "Lực lượng vũ trang": ("CAT", "BDBP", "BCHQS"),
    "Huyện, thị xã, thành phố": ("BINHLIEU",),
}


def demo_kind(code: str) -> str:
    if code.startswith("XA"):
        return "Xã, phường, đặc khu"
    return next((kind for kind, codes in _DEMO_KINDS.items() if code in codes), "")


def report_id_for(agency_code: str, period: Period) -> str:
    """Stable, so writing the demo twice gives the same reports (re-import: "already there")."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"ttdn-demo:{agency_code}:{period.code}"))


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0] + cuts, cuts + [total])]


def demo_figures(form: Form, code: str, rng: random.Random) -> dict:
    figures: dict = {}
    for indicator in form.indicators:
        if indicator.kind != "count":
            continue
        scale = {"luot_tiep_can_mxh": 50000, "luot_tuong_tac_mxh": 8000, "ban_an_pham": 1500,
                 "luot_tap_huan": 120, "tin_bai_cong_ttdt": 180, "tin_bai_bao_chi": 90,
                 "bai_dang_mxh": 60}.get(indicator.id, 6)
        figures[(indicator.id, TOTAL)] = rng.randint(1, scale)
    foreign = rng.randint(0, figures[("tin_bai_bao_chi", TOTAL)] // 3)
    figures[("tin_bai_ngoai_ngu", TOTAL)] = foreign
    for member, value in zip(("en", "zh", "ja", "ko"), _split(rng, foreign, 4)):
        figures[("tin_bai_ngoai_ngu", member)] = value
    copies = figures[("ban_an_pham", TOTAL)]
    vi = copies * 3 // 5
    figures[("ban_an_pham", "vi")] = vi
    figures[("ban_an_pham", "en")] = copies - vi
    if code == "BXTDT":  # seed 000: 3.800 = 2.800 + 500 + 200 + 200 + 100
        figures.update({("ban_an_pham", TOTAL): 3800, ("ban_an_pham", "vi"): 2800,
                        ("ban_an_pham", "en"): 500, ("ban_an_pham", "ja"): 200,
                        ("ban_an_pham", "ko"): 200, ("ban_an_pham", "zh"): 100,
                        ("dau_an_pham", TOTAL): 1})
    if code == "SNGV":  # seed 000: 9.000 copies of the bulletin; 13 website sections
        figures.update({("ban_an_pham", TOTAL): 9000, ("ban_an_pham", "vi"): 4500,
                        ("ban_an_pham", "en"): 4500, ("chuyen_muc_ngoai_ngu", TOTAL): 13})
    meetings = figures[("hoi_nghi_bcv", TOTAL)] + 4
    figures[("hoi_nghi_bcv", TOTAL)] = meetings
    figures[("hoi_nghi_bcv_ttdn", TOTAL)] = rng.randint(1, meetings)
    figures[("ty_le_bcv_ttdn", TOTAL)] = round(
        figures[("hoi_nghi_bcv_ttdn", TOTAL)] / meetings * 100, 2)
    return {k: v for k, v in figures.items() if form.indicator(k[0]) is not None}


def demo_content(form: Form, code: str, name: str, period: Period,
                 revision: int = 1) -> ReportContent:
    """`revision`: a later revision has other figures and says what it adds."""
    rng = random.Random(f"{code}/{period.code}" + (f"/{revision}" if revision > 1 else ""))
    figures = demo_figures(form, code, rng)
    values = {
        "name": name, "year": period.year, "period": period.phrase, "n": rng.randint(10, 250),
        "m": rng.randint(2, 6), "tin": figures.get(("tin_bai_bao_chi", TOTAL), 0),
        "nn": figures.get(("tin_bai_ngoai_ngu", TOTAL), 0),
        "web": figures.get(("tin_bai_cong_ttdt", TOTAL), 0),
        "cm": figures.get(("chuyen_muc_ngoai_ngu", TOTAL), 0),
        "post": figures.get(("bai_dang_mxh", TOTAL), 0),
        "ban": f"{figures.get(('ban_an_pham', TOTAL), 0):,}".replace(",", "."),
        "sk": figures.get(("su_kien_quang_ba", TOTAL), 0),
        "hb": figures.get(("hop_bao", TOTAL), 0), "dpv": figures.get(("doan_phong_vien_nn", TOTAL), 0),
        "pb": figures.get(("bai_phan_bac", TOTAL), 0), "gb": figures.get(("luot_bao_cao_go_bo", TOTAL), 0),
        "lop": figures.get(("lop_tap_huan", TOTAL), 0), "luot": figures.get(("luot_tap_huan", TOTAL), 0),
        "dqt": figures.get(("doan_quoc_te", TOTAL), 0),
    }
    sections = {}
    for section in form.prose_sections:
        lines = list(_BY_SECTION.get(section.id, []))
        if section.id == "lanh_dao_chi_dao":
            lines.insert(0, rng.choice(_OPENINGS))
        if code == "BXTDT" and section.id == "an_pham":
            lines.append("Xây dựng và phát hành bộ tài liệu “Tiềm năng phát triển và Cơ hội đầu "
                         "tư” với 3.800 bản, trong đó tiếng Anh 500 bản, tiếng Nhật 200 bản, tiếng "
                         "Hàn 200 bản, tiếng Trung 100 bản, tiếng Việt 2.800 bản.")
        if code == "SNGV" and section.id == "an_pham":
            lines.append("Phát hành 9.000 cuốn bản tin đối ngoại, mỗi tháng một số bằng tiếng Việt "
                         "và tiếng Anh.")
        if revision > 1 and section.id == "lanh_dao_chi_dao":
            lines.append(f"(Lần gửi {revision}: bổ sung số liệu đến cuối kỳ.)")
        if lines:
            sections[section.id] = "\n".join(line.format(**values) for line in lines)
    return ReportContent(sections, figures)


def demo_sent_at(code: str, period: Period, deadline: date) -> datetime:
    """A plausible sending time: a few days before the deadline, one agency in eight late."""
    rng = random.Random(f"sent/{code}/{period.code}")
    days = rng.randint(3, 5) if rng.random() < 0.125 else -rng.randint(0, 6)
    return datetime.combine(deadline + timedelta(days=days), time(rng.randint(8, 16),
                                                                  rng.randint(0, 59)))


def write_demo_packages(form: Form, out_dir: Path, period: Period, count: int,
                        deadline: date | None = None, communes: bool = False,
                        revision: int = 1, signer=demo_signer) -> list[Path]:
    """Write `count` packages to `out_dir`, each signed by its demo agency's key; returns their
    paths. `revision` > 1: the agencies send again (the next revision of the same reports).
    `signer(code)`: another key (the tests' agencies with keys of their own, as real ones)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    deadline = deadline or period.default_deadline()
    paths = []
    for code, name in demo_agencies(count, communes):
        data = build_package(form=form, agency_code=code, agency_name=name, period=period,
                             report_id=report_id_for(code, period), revision=revision,
                             supersedes=revision - 1 or None,
                             content=demo_content(form, code, name, period, revision),
                             created_at=demo_sent_at(code, period, deadline),
                             signer=signer(code))
        suffix = f"-lan{revision}" if revision > 1 else ""
        path = out_dir / f"{period.code}-{code}{suffix}.ttdn"
        write_bytes_atomic(path, data)
        paths.append(path)
    return paths
