import unicodedata

from articles.extraction import fold, name_key, normalize_text
from articles.extraction.normalize import retone


def test_normalize_text_nfc_and_odd_spaces():
    nfd = unicodedata.normalize("NFD", "Thành ủy Hà Nội")
    assert normalize_text(nfd) == "Thành ủy Hà Nội"
    assert normalize_text("Bí\u00a0thư\u2009Thành\u200bủy\tHà\ufeffNội") == "Bí thư Thành ủy Hà Nội"
    assert normalize_text("a  \r\nb   c ") == "a\nb c"


def test_normalize_text_keeps_writer_tone_placement():
    assert normalize_text("Thành uỷ hoà bình") == "Thành uỷ hoà bình"


def test_retone_moves_marks_on_oa_oe_uy_only():
    assert retone("Thành uỷ") == "Thành ủy"
    assert retone("hoà khoá thuý khoẻ") == "hòa khóa thúy khỏe"
    assert retone("HOÀ") == "HÒA"
    # Mark placement inside a closed syllable, after "qu", or on other vowels is left alone.
    assert retone("hoàn thuyết quý Sỹ huỳnh") == "hoàn thuyết quý Sỹ huỳnh"


def test_retone_is_length_preserving():
    s = "Uỷ viên Thành uỷ, hoà giải, khoá XIII, Thuý"
    assert len(retone(s)) == len(s)


def test_name_key():
    assert name_key("Thành uỷ  Hà Nội") == name_key("thành ủy hà nội") == "thành ủy hà nội"
    assert name_key("Nguyễn Văn Phong") != name_key("Nguyễn Văn Phòng")
    assert name_key(unicodedata.normalize("NFD", "Lê Thị Thu Hằng")) == "lê thị thu hằng"


def test_fold():
    assert fold("Đinh Tiến Dũng") == "dinh tien dung"
    assert fold("Thành uỷ") == fold("Thành ủy") == "thanh uy"
    assert fold("Ủy ban Kiểm tra Trung ương") == "uy ban kiem tra trung uong"


# ---- extraction.normalize re-exports people.names; the old local copies, kept here as the reference


def _old_retone_table():
    table = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for f in (first, first.upper()):
            for s in (second, second.upper()):
                for tone in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
                    table[f + unicodedata.normalize("NFC", s + tone)] = unicodedata.normalize("NFC", f + tone) + s
    return table


_OLD = _old_retone_table()
_OLD_RE = __import__("re").compile(
    r"(?<![qQ])(" + "|".join(sorted(map(__import__("re").escape, _OLD), key=len, reverse=True)) + r")(?![^\W\d_])"
)


def _old_retone(s):
    return _OLD_RE.sub(lambda m: _OLD[m.group(1)], s)


def _old_name_key(s):
    import re
    odd = chr(0x2000) + chr(0x2001) + "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u202f\u205f\u3000\ufeff\t\x0b\x0c"
    s = unicodedata.normalize("NFC", s or "").translate({ord(c): " " for c in odd})
    s = re.sub(r"\s+", " ", s).strip()
    return unicodedata.normalize("NFC", _old_retone(s).casefold())


def _old_fold(s):
    s = unicodedata.normalize("NFD", _old_name_key(s))
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.replace("đ", "d").replace("Đ", "d").lower()


SAMPLES = [
    "Thành uỷ  Hà Nội", "Nguyễn Văn Phòng", "HOÀ BÌNH", "hoÀ", "Khoẻ", "thuý", "Uỷ viên\u00a0Bộ Chính trị",
    unicodedata.normalize("NFD", "Lê Thị Thu Hằng"), "  Đinh\u200bTiến\tDũng ", "quý Sỹ huỳnh hoàn", "Y Thanh Hà Niê Kđăm",
    "Ksor Phước Hà", "H'Yim", "Bà Rịa - Vũng Tàu", "ĐỖ THỊ HOÀNG OANH", "", "Tôn Nữ Thị Ninh", "Hoà Thuỷ Khoá Loé",
]


def test_extraction_keys_are_people_names_keys():
    from articles.extraction import normalize
    from people import names
    assert normalize.name_key is names.name_key and normalize.fold is names.fold
    assert normalize.retone is names.modern_tones


def test_keys_identical_to_the_former_extraction_implementation():
    for s in SAMPLES:
        assert name_key(s) == _old_name_key(s), s
        assert fold(s) == _old_fold(s), s
        nfc = unicodedata.normalize("NFC", s)
        assert retone(nfc) == _old_retone(nfc), s
        assert len(retone(nfc)) == len(nfc), s
