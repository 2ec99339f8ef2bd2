"""The user's guide in the «Trợ giúp» menu: it speaks to both roles, names the shortcuts, and
goes to a heading asked for."""


def test_guide_in_the_help_menu_for_both_roles(qtbot, agency_window):
    agency_window.guide_action.trigger()
    guide = agency_window.guide
    assert guide.isVisible()
    text = guide.browser.toPlainText()
    for words in ("Cán bộ cơ quan, đơn vị thành viên", "Cơ quan thường trực", "Xuất gói gửi",
                  "Gửi đề nghị báo cáo", "Ctrl+F"):
        assert words in text
    assert guide.go_to("phim-tat")
    assert guide.browser.textCursor().block().text() == "Phím tắt"
    menu_texts = [a.text() for a in agency_window.menuBar().actions()[-1].menu().actions()]
    assert "&Hướng dẫn sử dụng" in menu_texts
