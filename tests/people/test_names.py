import unicodedata

from people.names import fold, modern_tones, name_key, slug_for


def test_old_tone_placement_is_moved_to_the_new_one():
    assert modern_tones("Thành uỷ") == "Thành ủy"
    assert modern_tones("hoà bình, khoá XIII, Thuỷ") == "hòa bình, khóa XIII, Thủy"


def test_tone_placement_is_left_alone_where_both_styles_agree():
    # A final consonant or a following vowel keeps the mark in place; "qu" is a consonant.
    assert modern_tones("hoàn thành") == "hoàn thành"
    assert modern_tones("khuỷu tay") == "khuỷu tay"
    assert modern_tones("quý") == "quý"


def test_name_key_keeps_diacritics_that_make_different_names():
    assert name_key("Nguyễn Văn Phong") != name_key("Nguyễn Văn Phòng")
    assert name_key("NGUYỄN  VĂN\u00a0PHONG") == name_key("Nguyễn Văn Phong")


def test_name_key_is_the_same_for_nfd_and_nfc():
    nfd = unicodedata.normalize("NFD", "Lê Thị Thu Hằng")
    assert name_key(nfd) == name_key("Lê Thị Thu Hằng")


def test_fold_drops_diacritics_and_turns_d_bar_into_d():
    assert fold("Đinh Tiến Dũng") == "dinh tien dung"
    assert fold("ĐINH TIẾN DŨNG") == "dinh tien dung"
    assert fold("Thành uỷ") == fold("Thành ủy") == "thanh uy"


def test_slug_is_ascii():
    assert slug_for("Bùi Thị Minh Hoài") == "bui-thi-minh-hoai"
