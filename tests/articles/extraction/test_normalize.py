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
