"""Article files as text: UTF-8, a byte-order mark's encoding, a page's charset, else a named error."""

import codecs

import pytest

from bilateral.errors import ExtractError
from bilateral.extract.encoding import decode_article

# Written for these tests (not taken from any outlet): a Russian and a Chinese sentence on a meeting.
RUSSIAN = "Министры России и Китая встретились в Пекине в понедельник."
CHINESE = "中俄两国外长周一在北京会谈。"
HTTP_EQUIV = '<meta http-equiv="Content-Type" content="text/html; charset={}">'


def _page(charset: str, body: str, form: str = '<meta charset="{}">') -> str:
    return f"<html><head>{form.format(charset)}<title>t</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # a Russian outlet's page saved from the browser: windows-1251, as its <meta> says (either form)
        (_page("windows-1251", RUSSIAN).encode("cp1251"), RUSSIAN),
        (_page("windows-1251", RUSSIAN, HTTP_EQUIV).encode("cp1251"), RUSSIAN),
        # GB2312 declared, GB18030 read (as browsers do: a byte GB2312 lacks is still text)
        (_page("gb2312", CHINESE).encode("gb18030"), CHINESE),
        # Notepad's "Unicode" (UTF-16 with its mark) and UTF-8 with a mark: the mark is not text
        (codecs.BOM_UTF16_LE + f"Tokyo and Moscow. {RUSSIAN}".encode("utf-16-le"), "Tokyo and Moscow."),
        (codecs.BOM_UTF8 + b"Tokyo and Moscow.", "Tokyo and Moscow."),
    ],
)
def test_an_article_is_read_in_the_encoding_it_declares(data, expected):
    text = decode_article(data, "page.html")
    assert expected in text and "\ufffd" not in text and not text.startswith("\ufeff")


@pytest.mark.parametrize(
    ("head", "bad", "message"),
    [
        # no declaration (or one of no known charset): named with its line and byte, never read with
        # replacement characters as the extract command did
        ("Talks held.\nCafe owners ", b"\xe9", "not UTF-8 text (line 2, byte {}) and no charset declared"),
        (_page("no-such-charset", "x"), b"\xff", "not UTF-8 text (line 1, byte {}) and no charset declared"),
        # a declaration the bytes do not follow
        (_page("utf-8", "x"), b"\xff", "not UTF-8 text as it declares (line 1, byte {})"),
        (_page("shift_jis", "x"), b"\x81", "not shift_jis text as it declares (line 1, byte {})"),
        (
            codecs.BOM_UTF16_LE.decode("latin-1") + "ab",
            b"c",
            "not UTF-16 text as its byte-order mark says (line 1, byte 4)",
        ),
    ],
)
def test_bytes_that_are_not_text_are_named_with_their_line(head, bad, message):
    data = (head.encode("latin-1") if head.startswith("\xff") else head.encode()) + bad
    expected = f"notes.txt: {message.format(len(head.encode()))}; save it as UTF-8"
    with pytest.raises(ExtractError) as raised:
        decode_article(data, "notes.txt")
    assert str(raised.value) == expected
