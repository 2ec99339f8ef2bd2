"""A failed read or write is said in Vietnamese, naming the file: never the system's own words
(strerror: English here, the language Windows was installed in elsewhere)."""

import errno
import os

import pytest

from ttdn_desktop.core.errors import TTDNError
from ttdn_desktop.exchange import imap_fetch, smtp_send
from ttdn_desktop.export.template import load_template
from ttdn_desktop.storage import keyfile
from ttdn_desktop.util.storage_errors import os_error_message, os_reason


def _met(action) -> OSError:
    try:
        action()
    except OSError as error:
        return error
    raise AssertionError("no OSError")


def test_a_folder_where_a_file_of_its_name_is(tmp_path):
    taken = tmp_path / "sao-luu"
    taken.write_text("một tệp")
    error = _met(lambda: os.mkdir(taken))
    wanted = taken / "ban-sao.sqlite3"
    message = os_error_message(error, wanted)
    assert f"«{wanted}»" in message  # what was to be written
    assert f"«{taken}»" in message and "cùng tên" in message  # what is in the way
    assert error.strerror not in message


@pytest.mark.parametrize("number", [errno.ENOENT, errno.EACCES, errno.EEXIST, errno.EISDIR,
                                    errno.ENOTDIR, errno.EIO, errno.EBUSY, errno.EMFILE,
                                    errno.EINVAL, errno.ENOTEMPTY])
def test_the_usual_reasons_are_said_in_vietnamese(number):
    reason = os_reason(OSError(number, os.strerror(number)))
    assert os.strerror(number) not in reason and not reason.startswith("mã lỗi")


def test_another_reason_is_given_by_its_code():
    assert os_reason(OSError(errno.ELOOP, os.strerror(errno.ELOOP))) == "mã lỗi ELOOP"
    assert os_reason(OSError("no number")) == "mã lỗi OSError"


def test_a_file_another_program_holds_open_on_windows():
    error = PermissionError(errno.EACCES, "The process cannot access the file because it is "
                                          "being used by another process")
    error.winerror = 32  # what Windows sets for a sharing violation
    assert os_reason(error) == "tệp đang mở trong một chương trình khác"


def test_a_key_file_that_is_a_folder(tmp_path):
    folder = tmp_path / "khoa-ky.ttdnkey"
    folder.mkdir()
    with pytest.raises(TTDNError) as raised:
        keyfile.load(folder)
    assert "đó là một thư mục" in raised.value.message
    assert os.strerror(errno.EISDIR) not in raised.value.message


def test_a_word_template_that_is_a_folder(tmp_path):
    folder = tmp_path / "mau.docx"
    folder.mkdir()
    with pytest.raises(TTDNError) as raised:
        load_template(folder)
    assert "mau.docx" in raised.value.message and "đó là một thư mục" in raised.value.message


def test_a_mail_servers_network_error_is_said_in_vietnamese():
    """What the network answers (an OSError) when sending or fetching mail."""
    for number in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ECONNRESET):
        error = OSError(number, os.strerror(number))
        fetched = imap_fetch._said(imap_fetch.Account("mail.tinh.gov.vn", "btg"), error).message
        sent = smtp_send._said(error)
        assert "mail.tinh.gov.vn" in fetched
        assert os.strerror(number) not in fetched and os.strerror(number) not in sent
        assert os_reason(error) in fetched and sent == os_reason(error)
