"""Decode a page's bytes: trusted codecs first, then the most plausible of the legacy ones.

The order of trust: a byte-order mark, strict UTF-8 (legacy CJK bytes are almost never valid
UTF-8), the charset an HTML ``<meta>`` declares, then strict GB18030 when its text reads as
Chinese. Strict GB18030 accepts most byte strings of the other double-byte encodings (Big5,
Shift-JIS, EUC-KR) and some Latin-1, as mojibake; so a GB18030 text that does not look like
Chinese — few of its Han characters among the 3,755 common ones of GB2312 level 1, or Han
characters set apart by spaces as Korean words are — goes to charset-normalizer, which weighs
every codec by how messy and how coherent (letter frequencies of a language) its text is. When
no reading is plausible the page is still decoded, with a ``doubt`` for the user to see.
UTF-8 and ordinary GBK/GB18030 pages never reach the detector.

>>> decode_bytes("医联体".encode("gb18030"), "a.txt")
('医联体', 'gb18030')
>>> decode_page("衛生".encode("big5") * 20, "a.txt")[1]
'big5'
"""

from __future__ import annotations

import codecs
import re
from functools import cache
from typing import NamedTuple

from .errors import DecodeError

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newline, carriage return and form feed: a file where more
# than a few percent of the characters are these is binary, whatever it decodes as.
_BINARY_CHAR_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BINARY_SHARE = 0.05
# Characters that print nothing: a file of only these and whitespace is empty.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"))
# The charset an HTML page declares: <meta charset="gbk"> or <meta http-equiv=... content="...;
# charset=gb2312">, looked for in the first bytes only. Compiled on first use (re caches it):
# only a file that is not UTF-8 needs it, and compiling it costs every command's start-up.
_DECLARED_CHARSET_RE = rb"(?i)<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)"
_DECLARED_CHARSET_BYTES = 4096
# Declared charsets decoded with a superset codec (pages labelled GB2312/GBK often hold GB18030).
_CHARSET_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}
# What does not tell a script: ASCII, Latin-1 signs, general punctuation and symbols (arrows,
# box drawing, dingbats such as ❶), CJK and full-width punctuation. The rest are "letters": Big5
# read as GB18030 shows kana, Greek and Cyrillic among its Han characters; Chinese pages hardly any.
# This pattern and the next compile on first use (re caches them): classes reaching past U+00FF
# cost ~40 M instructions to compile, more than a whole warm `fjhealth list`.
_NOT_LETTERS = "[\x00-\xbf\xd7\xf7\u2000-\u2bff\u3000-\u303f\uff00-\uffef]+"
# Two Han characters with spaces between them: Chinese sets no spaces between words, Korean
# does, and EUC-KR Hangul read as GB18030 comes out as common Han characters.
_SPACED_HAN = "[\u3400-\u9fff] +(?=[\u3400-\u9fff])"
# A GB18030 text reads as Chinese when this share of its letters are common Han characters (571
# real pages: 95% and more; Big5 read as GB18030 25-50%, Shift-JIS ~0%) ...
_COMMON_HAN_SHARE = 0.9
# ... and at most this share of them is followed by a space and another Han character (real
# pages: up to 2%, a menu page 13%; Korean read as GB18030 ~25%).
_SPACED_HAN_SHARE = 0.05
# A byte that is no UTF-8, as the surrogateescape handler decodes it.
_ESCAPED_BYTE_RE = "[\udc80-\udcff]"
# Valid characters past ASCII for each bad byte in a page read as damaged UTF-8.
_UTF8_EVIDENCE = 20
# Above this mess ratio (charset-normalizer's ``chaos``, 0-1) the detector's reading is doubtful.
_MAX_CHAOS = 0.2


class Decoded(NamedTuple):
    """A page's text, the codec that gave it, and why the text may be garbled (None: it reads
    as text in that encoding)."""

    text: str
    encoding: str
    doubt: str | None = None


def decode_bytes(data: bytes, name: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode a file's bytes (see ``decode_page``): the text and the encoding used."""
    text, used, _ = decode_page(data, name, encoding)
    return text, used


def decode_page(data: bytes, name: str, encoding: str | None = None) -> Decoded:
    """Decode a file's bytes: BOM, strict UTF-8, the charset an HTML ``<meta>`` declares, strict
    GB18030 when it reads as Chinese, else the most plausible reading charset-normalizer finds.

    Args:
        data: the raw file contents.
        name: the file name, for messages.
        encoding: a codec name that overrides detection.

    Returns:
        The text with universal newlines, the encoding used and any doubt about the reading.

    Raises:
        DecodeError: the bytes are empty, binary or not text in any encoding tried.
    """
    if not data.strip():
        raise DecodeError(f"{name}: empty file")
    doubt = None
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError as exc:
            raise DecodeError(f"unknown encoding {encoding!r}") from exc
        except UnicodeDecodeError as exc:
            raise DecodeError(f"{name}: not valid {encoding} (byte {exc.start})") from exc
        except UnicodeError as exc:  # the "undefined" codec
            raise DecodeError(f"cannot decode with {encoding!r}") from exc
    else:
        text, encoding, doubt = _detect(data, name)
        if _looks_binary(text):
            raise DecodeError(f"{name}: binary file, not text")
    if not text.translate(_INVISIBLE).strip():  # only byte-order marks or Unicode spaces
        raise DecodeError(f"{name}: empty file")
    return Decoded(_newlines(text), encoding, doubt)


def _looks_binary(text: str) -> bool:
    """True when decoded text is mostly control characters rather than prose."""
    return len(_BINARY_CHAR_RE.findall(text)) > max(2, len(text) * _BINARY_SHARE)


def _detect(data: bytes, name: str) -> Decoded:
    """Try the encodings in order of trust; the detector only when no trusted codec fits."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(codec), codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"{name}: {codec} byte-order mark, invalid {codec}") from exc
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise DecodeError(f"{name}: binary file, not text")
        return text
    for codec in ("utf-8", _declared_charset(data)):
        try:
            return Decoded(data.decode(codec), codec)  # type: ignore[arg-type]
        except (UnicodeDecodeError, LookupError, TypeError):  # TypeError: no charset declared
            pass
    damaged = _damaged_utf8(data, name)
    if damaged is not None:
        return damaged
    try:
        chinese: str | None = data.decode("gb18030")
    except UnicodeDecodeError:
        chinese = None
    if chinese is not None and reads_as_chinese(chinese):
        return Decoded(chinese, "gb18030")
    try:
        traditional: str | None = data.decode("big5")
    except UnicodeDecodeError:
        traditional = None
    if traditional is not None and reads_as_chinese(traditional, _common_big5_han()):
        return Decoded(traditional, "big5")
    return _most_plausible(data, name, chinese)


def _damaged_utf8(data: bytes, name: str) -> Decoded | None:
    """UTF-8 with a few bytes that are not (a stray byte, a character cut at the end of a
    truncated download): decoded, those bytes shown as U+FFFD, with a doubt. It must hold at
    least ``_UTF8_EVIDENCE`` valid characters past ASCII for each bad byte: a legacy page (GBK,
    Big5, Latin-1) read as UTF-8 holds next to none."""
    text = data.decode("utf-8", "surrogateescape")  # a bad byte: one lone surrogate
    bad = len(data) - len(text.encode("utf-8", "ignore"))  # (counted in C: GBK pages come here)
    good = len(text) - len(text.encode("ascii", "ignore")) - bad
    if good < _UTF8_EVIDENCE * bad:
        return None
    plural = "byte is" if bad == 1 else "bytes are"
    doubt = (f"{name}: the text may be garbled: read as utf-8, but {bad} {plural} not valid "
             "UTF-8 (shown as \ufffd); --encoding NAME sets it")
    return Decoded(re.sub(_ESCAPED_BYTE_RE, "\ufffd", text), "utf-8", doubt)


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 with no byte-order mark (what some exporters and ``iconv -t UTF-16LE`` write: its
    zero bytes are the high bytes of line ends, digits and other ASCII) when it reads as Chinese
    in one byte order, or holds no letters past Latin-1 (English); None for anything else with
    zero bytes: binary data (random bytes read as UTF-16 soon hit an unpaired surrogate, and
    read as no language)."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _looks_binary(text) and (not re.sub(_NOT_LETTERS, "", text)
                                        or reads_as_chinese(text)
                                        or reads_as_chinese(text, _common_big5_han())):
            return Decoded(text, codec)
    return None


def _most_plausible(data: bytes, name: str, chinese: str | None) -> Decoded:
    """charset-normalizer's reading of bytes no trusted codec fits; the GB18030 reading (with
    a doubt) when the detector finds none or only a messy one."""
    from charset_normalizer import from_bytes  # only here: its import costs start-up time

    best = from_bytes(data).best()
    if best is not None and best.encoding is not None and best.chaos <= _MAX_CHAOS:
        return Decoded(str(best), best.encoding)
    if chinese is not None:
        return Decoded(chinese, "gb18030", _doubt(name, "gb18030"))
    if best is None or best.encoding is None:
        raise DecodeError(f"{name}: cannot decode (not UTF-8, GB18030 or a detectable encoding)")
    return Decoded(str(best), best.encoding, _doubt(name, best.encoding))


def _doubt(name: str, codec: str) -> str:
    return (f"{name}: the text may be garbled: read as {codec}, but it does not read well in "
            "any encoding tried (a mixed or unusual encoding?); --encoding NAME sets it")


def reads_as_chinese(text: str, common_han: re.Pattern[str] | None = None) -> bool:
    """Whether text (decoded as GB18030) reads as Chinese: nearly all its letters are common
    Han characters (``common_han``, default GB2312 level 1's), and these are not set apart by
    spaces like words of Korean.

    >>> reads_as_chinese("国家卫生健康委员会发布通知"), reads_as_chinese("瓣產矫ネ胺眃〆穦")
    (True, False)
    >>> reads_as_chinese("衛生福利部發布新聞", _common_big5_han())
    True
    """
    letters = re.sub(_NOT_LETTERS, "", text)
    if not letters:
        return False
    common_han = _common_han() if common_han is None else common_han
    common = len(letters) - len(common_han.sub("", letters))
    spaced = len(re.findall(_SPACED_HAN, text))
    return common >= _COMMON_HAN_SHARE * len(letters) and spaced <= _SPACED_HAN_SHARE * len(letters)


@cache
def _common_han() -> re.Pattern[str]:
    """Runs of the 3,755 common Han characters of GB2312 level 1 (rows 16-55), from the codec
    itself. A character class deletes them ~20x faster than a ``str.translate`` dict, which
    raises and clears a KeyError for every character it does not hold."""
    rows = bytes(b for lead in range(0xB0, 0xD8) for trail in range(0xA1, 0xFF)
                 for b in (lead, trail))
    return re.compile(f"[{re.escape(rows.decode('gb2312', 'ignore'))}]+")


@cache
def _common_big5_han() -> re.Pattern[str]:
    """Runs of the 5,401 frequently used Han characters of Big5 (0xA440-0xC67E), from the codec.
    A Big5 page read as Big5 is made of them; EUC-KR and Shift-JIS bytes are mostly not valid
    Big5 at all, and Latin-1 accents before a letter fall in Big5's less-used range."""
    trails = (*range(0x40, 0x7F), *range(0xA1, 0xFF))
    pairs = bytes(b for lead in range(0xA4, 0xC7) for trail in trails
                  for b in (lead, trail) if (lead, trail) < (0xC6, 0x7F))
    return re.compile(f"[{re.escape(pairs.decode('big5', 'ignore'))}]+")


def _declared_charset(data: bytes) -> str | None:
    """The codec for the charset a page's ``<meta>`` declares, None when it declares none.

    Valid UTF-8 is trusted over a declaration (a page re-saved as UTF-8 keeps its old label);
    the declaration decides between the legacy codecs (GBK vs Big5) that strict GB18030 confuses.
    """
    match = re.search(_DECLARED_CHARSET_RE, data[:_DECLARED_CHARSET_BYTES])
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace").lower()
    return _CHARSET_SUPERSET.get(name, name)


def _newlines(text: str) -> str:
    """CRLF and lone CR line ends become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
