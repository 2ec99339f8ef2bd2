"""What an IMAP server says, read without a server (exchange/imap_structure.py): FETCH
responses with literals, BODYSTRUCTURE as Outlook's and Thunderbird's mail give it, the parts
worth downloading, folder names in modified UTF-7. The whole path against a real server is in
test_mail_fetch.py."""

import email

from ttdn_desktop.exchange import imap_structure as s

# Dovecot's answer for an Outlook mail (text, then a .ttdn with an encoded-word name) and a
# forwarded message, the file name of the second part sent as a literal
FETCH = [
    (b'1 (UID 7 RFC822.SIZE 5120 BODYSTRUCTURE (("text" "plain" ("charset" "utf-8") NIL NIL '
     b'"base64" 60 1 NIL NIL NIL NIL)("application" "octet-stream" ("name" {34}',
     b'=?utf-8?B?QsOhbyBjw6FvIFNOR1YudHRkbg==?='),
    (b') NIL NIL "base64" 4000 NIL ("attachment" ("filename" "x.ttdn" "size" "2900")) NIL NIL)'
     b'("message" "rfc822" NIL NIL NIL "7bit" 900 ("Tue" "Fwd" NIL NIL NIL NIL NIL NIL NIL NIL) '
     b'("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 10 1 NIL NIL NIL NIL) 20 NIL '
     b'("attachment" NIL) NIL NIL)("image" "png" ("name" "logo.png") "<l@x>" NIL "base64" 500 '
     b'NIL ("inline" ("filename" "logo.png")) NIL NIL) "mixed" ("boundary" "b") NIL NIL NIL) '
     b'BODY[HEADER.FIELDS (MESSAGE-ID)] {21}', b'Message-ID: <a@b>\r\n\r\n'),
    b')',
]


def test_a_fetch_response_with_literals():
    [message] = s.parse_fetch(FETCH)
    assert message["UID"] == "7" and message["RFC822.SIZE"] == "5120"
    assert message["BODY[HEADER.FIELDS (MESSAGE-ID)]"] == b"Message-ID: <a@b>\r\n\r\n"
    tree = s.structure(message["BODYSTRUCTURE"])
    parts = s.leaves(tree)
    assert [(p.section, p.ctype) for p in parts] == [
        ("1", "text/plain"), ("2", "application/octet-stream"), ("3", "message/rfc822"),
        ("4", "image/png")]
    assert parts[1].name == "x.ttdn" and parts[1].attachment and parts[1].size == 4000
    assert parts[0].is_text_body and not parts[3].is_text_body
    assert [s.readable(p) for p in parts] == [False, True, True, False]


def test_a_single_part_mail_is_its_section_1():
    tree = s.structure(["application", "pdf", ["name", b"bc.pdf"], None, None, "base64", "900",
                        None, None, None, None])
    assert isinstance(tree, s.Part) and tree.section == "1" and s.readable(tree)


def test_the_rebuilt_mail_holds_what_was_downloaded_and_names_what_was_not():
    tree = s.Tree("mixed", [s.Part("1", "text/plain", None, False, 10),
                            s.Part("2", "image/png", "logo.png", False, 500)])
    header = (b"From: a@b\r\nSubject: x\r\nContent-Type: multipart/mixed;\r\n boundary=old\r\n"
              b"Content-Transfer-Encoding: 7bit\r\n\r\n")
    data = s.rebuild(header, tree, {"1": (b"Content-Type: text/plain\r\n\r\n", b"Xin chao"),
                                    "2": (b"Content-Type: image/png; name=logo.png\r\n\r\n",
                                          b"")})
    message = email.message_from_bytes(data)
    assert message["Subject"] == "x" and b"boundary=old" not in data
    parts = message.get_payload()
    assert parts[0].get_payload() == "Xin chao" and parts[1].get_filename() == "logo.png"
    assert parts[1].get_payload() == ""


def test_subjects_about_reports():
    assert s.about_reports("FW: Báo cáo TTĐN 6 tháng")
    assert s.about_reports("BAO CAO CONG TAC THONG TIN DOI NGOAI")
    assert not s.about_reports("Thư mời họp giao ban")


def test_folder_names_in_modified_utf7():
    assert s.imap_utf7("INBOX") == "INBOX"
    assert s.imap_utf7("Báo cáo") == "B&AOE-o c&AOE-o"
    assert s.imap_utf7("A&B") == "A&-B"
