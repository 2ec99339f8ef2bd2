"""The demo's members (`ttdn demo`, tests, benchmarks): here, below everything, because whether
a key is a demo key (core/signer.py) depends on them as much as the demo does."""

from __future__ import annotations

# The eight agencies of seed 001, then more members and communes for larger demos.
SEED_AGENCIES = [
    ("SNGV", "Sở Ngoại vụ"),
    ("STTTT", "Sở Thông tin và Truyền thông"),
    ("TTTT", "Trung tâm Truyền thông tỉnh"),
    ("BXTDT", "Ban Xúc tiến và Hỗ trợ đầu tư tỉnh"),
    ("LDLD", "Liên đoàn Lao động tỉnh"),
    ("CAT", "Công an tỉnh"),
    ("BINHLIEU", "Huyện Bình Liêu"),
    ("BQLKKT", "Ban Quản lý Khu kinh tế tỉnh"),
]
MORE_AGENCIES = [
    ("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("BDBP", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh"),
    ("BCHQS", "Bộ Chỉ huy Quân sự tỉnh"),
    ("SCT", "Sở Công Thương"),
    ("STC", "Sở Tài chính"),
    ("SGDDT", "Sở Giáo dục và Đào tạo"),
    ("SNV", "Sở Nội vụ"),
    ("STP", "Sở Tư pháp"),
    ("BAOTINH", "Báo và Phát thanh, Truyền hình tỉnh"),
    ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("HLHPN", "Hội Liên hiệp Phụ nữ tỉnh"),
    ("TINHDOAN", "Tỉnh đoàn"),
    ("LHHN", "Liên hiệp các tổ chức hữu nghị tỉnh"),
]
COMMUNES = [
    "Hạ Long", "Bãi Cháy", "Hồng Gai", "Cẩm Phả", "Uông Bí", "Móng Cái", "Đông Triều",
    "Quảng Yên", "Vân Đồn", "Cô Tô", "Tiên Yên", "Đầm Hà", "Hải Hà", "Ba Chẽ", "Bình Liêu",
    "Hoành Bồ", "Quảng Hà", "Đường Hoa", "Quảng Tân", "Hải Sơn", "Hải Hòa", "Trà Cổ",
    "Vĩnh Thực", "Quan Lạn", "Minh Châu", "Thắng Lợi", "Đông Ngũ", "Hải Lạng", "Đồng Rui",
    "Lục Hồn", "Hoành Mô", "Đồng Văn", "Kỳ Thượng", "Đồn Đạc", "Lương Minh", "Đông Mai",
    "Hiệp Hòa", "Phong Cốc", "Liên Hòa", "Mạo Khê", "Hoàng Quế", "Bình Khê", "An Sinh",
    "Vàng Danh", "Yên Tử", "Quang Trung", "Mông Dương", "Cửa Ông", "Quang Hanh", "Hà Tu",
]


def demo_agencies(count: int, communes: bool = False) -> list[tuple[str, str]]:
    """`communes`: only communes (the members of a province reporting since July 2025)."""
    agencies = [] if communes else SEED_AGENCIES + MORE_AGENCIES
    for n, name in enumerate(COMMUNES):
        agencies.append((f"XA{n + 1:02d}", f"UBND xã {name}"))
    n = len(agencies)
    while len(agencies) < count:
        n += 1
        agencies.append((f"DV{n:03d}", f"Đơn vị thành viên số {n}"))
    return agencies[:count]
