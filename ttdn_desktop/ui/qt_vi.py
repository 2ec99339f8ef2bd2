"""Vietnamese for the words Qt draws itself: context menus of text fields, dialog buttons, the
file, print and page-setup dialogs. Qt ships no Vietnamese translation of its own strings
(there is no qtbase_vi.qm), so the app brings this one, installed at start by install().

Kept as a Python table rather than a .ts/.qm pair: nothing to build at install, nothing
generated in git, and a test can read it. Keys are Qt's source strings; contexts are the Qt
classes that call tr(). A string asked for in a context not listed here falls back to the
shared table, then to Qt's English."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QKeySequence

# The same words in every context that asks for them.
COMMON = {
    # text fields (QLineEdit, QWidgetTextControl for QTextEdit/QPlainTextEdit)
    "&Undo": "&Hoàn tác",
    "&Redo": "&Làm lại",
    "Cu&t": "&Cắt",
    "&Copy": "&Sao chép",
    "&Paste": "&Dán",
    "Delete": "&Xóa",
    "Select All": "Chọn &tất cả",
    "&Select All": "Chọn &tất cả",
    "Copy &Link Location": "Sao chép địa chỉ &liên kết",
    "&Step up": "&Tăng",
    "Step &down": "&Giảm",
    "Insert Unicode control character": "Chèn ký tự điều khiển Unicode",
    "LRM Left-to-right mark": "LRM Dấu trái sang phải",
    "RLM Right-to-left mark": "RLM Dấu phải sang trái",
    "ZWJ Zero width joiner": "ZWJ Nối không độ rộng",
    "ZWNJ Zero width non-joiner": "ZWNJ Không nối, không độ rộng",
    "ZWSP Zero width space": "ZWSP Khoảng trắng không độ rộng",
    "LRE Start of left-to-right embedding": "LRE Bắt đầu nhúng trái sang phải",
    "RLE Start of right-to-left embedding": "RLE Bắt đầu nhúng phải sang trái",
    "LRO Start of left-to-right override": "LRO Bắt đầu ép trái sang phải",
    "RLO Start of right-to-left override": "RLO Bắt đầu ép phải sang trái",
    "PDF Pop directional formatting": "PDF Kết thúc định hướng",
    "LRI Left-to-right isolate": "LRI Cô lập trái sang phải",
    "RLI Right-to-left isolate": "RLI Cô lập phải sang trái",
    "FSI First strong isolate": "FSI Cô lập theo ký tự mạnh đầu tiên",
    "PDI Pop directional isolate": "PDI Kết thúc cô lập",
    # standard buttons (QPlatformTheme, QDialogButtonBox, QMessageBox)
    "OK": "Đồng ý",
    "&OK": "Đồng ý",
    "Save": "Lưu",
    "&Save": "&Lưu",
    "Save All": "Lưu tất cả",
    "Open": "Mở",
    "&Open": "&Mở",
    "&Yes": "&Có",
    "Yes": "Có",
    "Yes to &All": "Có với &tất cả",
    "&No": "&Không",
    "No": "Không",
    "N&o to All": "Không với tất &cả",
    "Abort": "Hủy bỏ",
    "Retry": "Thử lại",
    "Ignore": "Bỏ qua",
    "Close": "Đóng",
    "&Close": "Đó&ng",
    "Cancel": "Hủy",
    "&Cancel": "&Hủy",
    "Discard": "Bỏ thay đổi",
    "Close without Saving": "Đóng không lưu",
    "Help": "Trợ giúp",
    "Apply": "Áp dụng",
    "Reset": "Đặt lại",
    "Restore Defaults": "Khôi phục mặc định",
    "Show Details...": "Xem chi tiết…",
    "Hide Details...": "Ẩn chi tiết…",
    "What's This?": "Đây là gì?",
    "Enter a value:": "Nhập giá trị:",
    # file dialog and the file system model behind it
    "Look in:": "Tìm trong:",
    "&Look in:": "Tìm t&rong:",
    "Files of &type:": "&Loại tệp:",
    "File &name:": "&Tên tệp:",
    "File name:": "Tên tệp:",
    "Files of type:": "Loại tệp:",
    "Directory:": "Thư mục:",
    "&Choose": "&Chọn",
    "Back": "Quay lại",
    "Forward": "Tiến tới",
    "Go back": "Quay lại",
    "Go forward": "Tiến tới",
    "Parent Directory": "Thư mục cha",
    "Go to the parent directory": "Lên thư mục cha",
    "Create New Folder": "Tạo thư mục mới",
    "Create a New Folder": "Tạo một thư mục mới",
    "New Folder": "Thư mục mới",
    "&New Folder": "Thư mục &mới",
    "List View": "Xem dạng danh sách",
    "Detail View": "Xem chi tiết",
    "Change to list view mode": "Chuyển sang xem dạng danh sách",
    "Change to detail view mode": "Chuyển sang xem chi tiết",
    "Sidebar": "Thanh bên",
    "List of places and bookmarks": "Danh sách nơi thường dùng và dấu trang",
    "Recent Places": "Nơi mở gần đây",
    "My Computer": "Máy tính",
    "Computer": "Máy tính",
    "Files": "Tệp",
    "Directories": "Thư mục",
    "Find Directory": "Chọn thư mục",
    "Save As": "Lưu thành",
    "All Files (*)": "Mọi tệp (*)",
    "All files (*)": "Mọi tệp (*)",
    "&Rename": "Đổi &tên",
    "&Delete": "&Xóa",
    "Remove": "Bỏ khỏi danh sách",
    "Show &hidden files": "Hiện các tệp &ẩn",
    "Show ": "Hiện ",
    "Drive": "Ổ đĩa",
    "File Folder": "Thư mục",
    "Folder": "Thư mục",
    "Shortcut": "Lối tắt",
    "Alias": "Bí danh",
    "File": "Tệp",
    "%1 File": "Tệp %1",
    "Unknown": "Không rõ",
    "Name": "Tên",
    "Size": "Kích thước",
    "Type": "Loại",
    "Kind": "Loại",
    "Date Modified": "Ngày sửa",
    "Invalid filename": "Tên tệp không hợp lệ",
    '<b>The name "%1" cannot be used.</b><p>Try using another name, with fewer characters or '
    'no punctuation marks.':
        "<b>Không dùng được tên «%1».</b><p>Hãy đặt tên khác, ngắn hơn hoặc không có dấu "
        "câu.",
    "%1 already exists.\nDo you want to replace it?": "Đã có tệp %1.\nGhi đè lên tệp đó?",
    "%1 already exists.\nDo you want to overwrite it?": "Đã có tệp %1.\nGhi đè lên tệp đó?",
    "%1\nFile not found.\nPlease verify the correct file name was given.":
        "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp.",
    "%1\nDirectory not found.\nPlease verify the correct directory name was given.":
        "%1\nKhông tìm thấy thư mục.\nHãy kiểm tra lại tên thư mục.",
    "'%1' is write protected.\nDo you want to delete it anyway?":
        "«%1» đang được bảo vệ chống ghi.\nVẫn xóa?",
    "Are you sure you want to delete '%1'?": "Xóa «%1»?",
    "Could not delete directory.": "Không xóa được thư mục.",
    "%1 is a directory.\nPlease choose a different file name.":
        "%1 là một thư mục.\nHãy chọn tên tệp khác.",
    "File %1 is not writable.\nPlease choose a different file name.":
        "Không ghi được vào tệp %1.\nHãy chọn tên tệp khác.",
    # printing: print dialog, preview, page setup
    "Print": "In",
    "&Print": "&In",
    "Print Preview": "Xem trước khi in",
    "Printer": "Máy in",
    "&Name:": "&Tên:",
    "Location:": "Vị trí:",
    "Type:": "Loại:",
    "P&roperties": "&Thuộc tính",
    "Output &file:": "&Tệp kết quả:",
    "...": "…",
    "Preview": "Xem trước",
    "Form": "Biểu mẫu",
    "&Options >>": "&Tùy chọn >>",
    "&Options <<": "&Tùy chọn <<",
    "Print to File (PDF)": "In ra tệp (PDF)",
    "Print To File ...": "In ra tệp…",
    "Write PDF file": "Ghi tệp PDF",
    "Local file": "Tệp trên máy",
    "All Pages": "Mọi trang",
    "Odd Pages": "Trang lẻ",
    "Even Pages": "Trang chẵn",
    "Invalid Pages Definition": "Khoảng trang không hợp lệ",
    "The 'From' value cannot be greater than the 'To' value.":
        "Trang «Từ» không được lớn hơn trang «Đến».",
    "%1 does not follow the correct syntax. Please use ',' to separate ranges and pages, '-' to "
    "define ranges and make sure ranges do not intersect with each other.":
        "«%1» viết chưa đúng. Dùng dấu phẩy để ngăn cách các trang và khoảng trang, dấu gạch "
        "ngang cho một khoảng, và các khoảng không được chồng lên nhau.",
    "Options 'Pages Per Sheet' and 'Page Set' cannot be used together.\nPlease turn one of those "
    "options off.": "Không dùng cùng lúc «Số trang mỗi tờ» và «Nhóm trang».\nHãy tắt một trong "
                    "hai.",
    "Duplex Settings Conflicts": "Thiết lập in hai mặt xung đột",
    "There are conflicts in duplex settings. Do you want to fix them?":
        "Thiết lập in hai mặt đang xung đột. Sửa lại?",
    "Left to Right, Top to Bottom": "Trái sang phải, trên xuống dưới",
    "Left to Right, Bottom to Top": "Trái sang phải, dưới lên trên",
    "Right to Left, Bottom to Top": "Phải sang trái, dưới lên trên",
    "Right to Left, Top to Bottom": "Phải sang trái, trên xuống dưới",
    "Bottom to Top, Left to Right": "Dưới lên trên, trái sang phải",
    "Bottom to Top, Right to Left": "Dưới lên trên, phải sang trái",
    "Top to Bottom, Left to Right": "Trên xuống dưới, trái sang phải",
    "Top to Bottom, Right to Left": "Trên xuống dưới, phải sang trái",
    "Copies": "Số bản",
    "Copies:": "Số bản:",
    "Collate": "In theo bộ",
    "Reverse": "In ngược",
    "Options": "Tùy chọn",
    "Output Settings": "Thiết lập in",
    "Print range": "Phạm vi in",
    "Print all": "In tất cả",
    "Pages from": "Các trang từ",
    "to": "đến",
    "Pages": "Các trang",
    "Current Page": "Trang hiện tại",
    "Selection": "Phần đang chọn",
    "Page Set:": "Nhóm trang:",
    "Specify pages or ranges separated by commas. Ranges are specified by two numbers separated "
    "by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.":
        "Ghi các trang hoặc khoảng trang, ngăn cách bằng dấu phẩy; một khoảng là hai số nối "
        "bằng dấu gạch ngang. Ví dụ: 3,5-7,9 in các trang 3, 5, 6, 7 và 9.",
    "Color Mode": "Chế độ màu",
    "Color": "Màu",
    "Grayscale": "Thang xám",
    "Double Sided Printing": "In hai mặt",
    "Off": "Tắt",
    "Long side binding": "Đóng gáy cạnh dài",
    "Short side binding": "Đóng gáy cạnh ngắn",
    "Printer Properties": "Thuộc tính máy in",
    "Job Options": "Tùy chọn lệnh in",
    "Page Setup Conflicts": "Thiết lập trang xung đột",
    "There are conflicts in page setup options. Do you want to fix them?":
        "Thiết lập trang đang xung đột. Sửa lại?",
    "Advanced Option Conflicts": "Tùy chọn nâng cao xung đột",
    "There are conflicts in some advanced options. Do you want to fix them?":
        "Một số tùy chọn nâng cao đang xung đột. Sửa lại?",
    "There are conflicts in some options. Please fix them.":
        "Một số tùy chọn đang xung đột. Hãy sửa lại.",
    "Advanced": "Nâng cao",
    "Page": "Trang",
    "Job": "Lệnh in",
    "Job Control": "Điều khiển lệnh in",
    "Scheduled printing:": "Hẹn giờ in:",
    "Print Immediately": "In ngay",
    "Hold Indefinitely": "Giữ lại, chưa in",
    "Day (06:00 to 17:59)": "Ban ngày (06:00 đến 17:59)",
    "Night (18:00 to 05:59)": "Ban đêm (18:00 đến 05:59)",
    "Second Shift (16:00 to 23:59)": "Ca hai (16:00 đến 23:59)",
    "Third Shift (00:00 to 07:59)": "Ca ba (00:00 đến 07:59)",
    "Weekend (Saturday to Sunday)": "Cuối tuần (thứ Bảy, Chủ nhật)",
    "Specific Time": "Giờ cụ thể",
    "Billing information:": "Thông tin thanh toán:",
    "Job priority:": "Mức ưu tiên:",
    "Banner Pages": "Trang bìa lệnh in",
    "Start:": "Đầu:",
    "End:": "Cuối:",
    "None": "Không",
    "Standard": "Tiêu chuẩn",
    "Unclassified": "Không mật",
    "Confidential": "Mật",
    "Classified": "Hạn chế",
    "Secret": "Tối mật",
    "Top Secret": "Tuyệt mật",
    "Authentication Needed": "Cần đăng nhập",
    "Authentication needed to use %1.": "Cần đăng nhập để dùng %1.",
    "Authentication needed to use %1 on %2.": "Cần đăng nhập để dùng %1 trên %2.",
    "Username:": "Tên người dùng:",
    "Password:": "Mật khẩu:",
    "Page Setup": "Thiết lập trang",
    "Page setup": "Thiết lập trang",
    "Paper": "Giấy",
    "Page size:": "Khổ giấy:",
    "Width:": "Rộng:",
    "Height:": "Cao:",
    "Paper source:": "Khay giấy:",
    "Orientation": "Hướng giấy",
    "Portrait": "Giấy dọc",
    "Landscape": "Giấy ngang",
    "Reverse landscape": "Giấy ngang, lật ngược",
    "Reverse portrait": "Giấy dọc, lật ngược",
    "Margins": "Lề",
    "top margin": "lề trên",
    "bottom margin": "lề dưới",
    "left margin": "lề trái",
    "right margin": "lề phải",
    "Page Layout": "Bố cục trang",
    "Pages per sheet:": "Số trang mỗi tờ:",
    "Pages &per sheet:": "Số &trang mỗi tờ:",
    "Page order:": "Thứ tự trang:",
    "Page &order:": "Thứ tự tr&ang:",
    "Page &Set:": "&Nhóm trang:",
    "Millimeters (mm)": "Mi-li-mét (mm)",
    "Points (pt)": "Point (pt)",
    "Inches (in)": "Inch (in)",
    "Custom": "Tùy chỉnh",
    "Automatic": "Tự động",
    "First page": "Trang đầu",
    "Previous page": "Trang trước",
    "Next page": "Trang sau",
    "Last page": "Trang cuối",
    "Fit width": "Vừa chiều rộng",
    "Fit page": "Vừa trang",
    "Zoom in": "Phóng to",
    "Zoom out": "Thu nhỏ",
    "Show single page": "Xem từng trang",
    "Show facing pages": "Xem hai trang đối diện",
    "Show overview of all pages": "Xem tổng quan mọi trang",
    "Export to PDF": "Xuất ra PDF",
    # undo history (QUndoStack, QUndoGroup, QUndoView)
    "Undo": "Hoàn tác",
    "Redo": "Làm lại",
    "Undo %1": "Hoàn tác %1",
    "Redo %1": "Làm lại %1",
    "<empty>": "<trống>",
    # scroll bars' context menu, tab bars, combo boxes
    "Scroll here": "Cuộn đến đây",
    "Left edge": "Mép trái",
    "Top": "Đầu",
    "Right edge": "Mép phải",
    "Bottom": "Cuối",
    "Page left": "Sang trái một trang",
    "Page up": "Lên một trang",
    "Page right": "Sang phải một trang",
    "Page down": "Xuống một trang",
    "Scroll left": "Cuộn sang trái",
    "Scroll up": "Cuộn lên",
    "Scroll right": "Cuộn sang phải",
    "Scroll down": "Cuộn xuống",
    "Scroll Left": "Cuộn sang trái",
    "Scroll Right": "Cuộn sang phải",
    "Open the combo box selection popup": "Mở danh sách chọn",
    "True": "Đúng",
    "False": "Sai",
    # key names, as menus show shortcuts ("Ctrl+S" stays as printed on keyboards)
    "Del": "Del",
    "Press shortcut": "Bấm tổ hợp phím",
}

# Where one English word needs a different Vietnamese one.
BY_CONTEXT = {
    ("QFileDialog", "Open"): "Mở",
    ("QFileDialog", "Delete"): "&Xóa",
    ("QPrintDialog", "OK"): "Đồng ý",
    ("QPrintSettingsOutput", "Pages"): "Các trang",
    ("QPrintPropertiesWidget", "Page"): "Trang",
    ("QPrintPreviewDialog", "Print"): "In",
    ("QPageSetupWidget", "Custom"): "Tùy chỉnh",
}

# Qt classes whose strings users see in this app; the shared table applies to them.
CONTEXTS = frozenset({
    "QLineEdit", "QWidgetTextControl", "QAbstractSpinBox", "QUnicodeControlCharacterMenu",
    "QPlatformTheme", "QDialogButtonBox", "QMessageBox", "QGnomeTheme", "QDialog", "QInputDialog",
    "QFileDialog", "QFileSystemModel", "QAbstractFileIconProvider", "QFileIconProvider",
    "QSideBar", "QFileDialogPrivate", "QPrintDialog", "QPrintPreviewDialog", "QPageSetupWidget",
    "QPageSetupDialog", "QPrintSettingsOutput", "QPrintWidget", "QPrintPropertiesWidget",
    "QPrintPropertiesDialog", "QCupsJobWidget", "QCupsPrinterSupport", "QUnixPrintWidget",
    "QUnixPrintWidgetPrivate", "QPrintDialogPrivate", "QUndoStack", "QUndoGroup", "QUndoModel",
    "QScrollBar", "QTabBar", "QComboBox", "QKeySequenceEdit", "QErrorMessage",
    "Print Device Input Slot", "Print Device Output Bin",
})


def lookup(context: str, source: str) -> str | None:
    """The Vietnamese for a Qt string, or None where Qt's own should stay."""
    text = BY_CONTEXT.get((context, source))
    if text is None and context in CONTEXTS:
        text = COMMON.get(source)
    return text


class VietnameseQt(QTranslator):
    """Answers Qt's tr() calls from the tables above."""

    def translate(self, context, source_text, disambiguation=None, n=-1):
        if not context or not source_text:
            return None
        return lookup(context, source_text)

    def isEmpty(self) -> bool:
        return False


# Qt leaves a key out of a text field's menu when a window action owns the same keys: the main
# window's Hoàn tác and Làm lại own Ctrl+Z and Ctrl+Y, so those two alone showed none.
_MENU_KEYS = {"edit-undo": QKeySequence.StandardKey.Undo, "edit-redo": "Ctrl+Y"}


def show_menu_keys(menu):
    """The keys beside Hoàn tác / Làm lại in a text field's own menu, as beside the others."""
    for action in menu.actions():
        keys = _MENU_KEYS.get(action.objectName())
        if keys is not None and "\t" not in action.text():
            native = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
            action.setText(f"{action.text()}\t{native}")
    return menu


_installed: list[VietnameseQt] = []


def install(app) -> VietnameseQt:
    """Vietnamese for Qt's own words and Vietnamese conventions for dates and numbers, before
    the first window is built (widgets take their texts when they are made). Once per app."""
    if _installed and _installed[0].parent() is app:
        return _installed[0]
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    translator = VietnameseQt(app)
    QCoreApplication.installTranslator(translator)
    _installed[:] = [translator]
    return translator
