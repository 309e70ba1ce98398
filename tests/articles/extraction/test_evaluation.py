from articles.extraction.evaluation import format_report, score_file, summarize

GOLD = {"file": "a.txt", "title": "Tỉnh ủy họp", "event_date": None, "chairs": ["Nguyễn Văn Hải"],
        "officials": [{"name": "Nguyễn Văn Hải", "titles": ["Bí thư Tỉnh ủy"]}, {"name": "Lê Thị Thu Hằng", "titles": []}]}


def test_score_file_counts_and_folding():
    pred = {"file": "a.txt", "title": "Tỉnh uỷ  họp", "officials": [
        {"name": "nguyễn văn hải", "titles": ["Bí thư Tỉnh uỷ"]}, {"name": "Trần Quốc Bảo", "titles": []}],
        "events": [{"date": "2024-01-02", "chairs": ["Nguyễn Văn Hải", "Trần Quốc Bảo"]}]}
    s = score_file(pred, GOLD)
    assert s.name_tp == 1 and s.name_fp == ["Trần Quốc Bảo"] and s.name_fn == ["Lê Thị Thu Hằng"]
    assert s.chair_tp == 1 and s.chair_fp == ["Trần Quốc Bảo"]
    assert s.headline_ok and not s.date_ok and s.date_invented
    assert s.title_hits == 1 and s.title_total == 1


def test_summary_micro_average_and_report():
    perfect = {"file": "a.txt", "title": "Tỉnh ủy họp", "officials": GOLD["officials"],
               "events": [{"date": None, "chairs": ["Nguyễn Văn Hải"]}]}
    empty = {"file": "a.txt", "title": None, "officials": [], "events": []}
    summ = summarize([score_file(perfect, GOLD), score_file(empty, GOLD)])
    assert summ.names["tp"] == 2 and summ.names["fn"] == 2
    assert summ.names["precision"] == 1.0 and summ.names["recall"] == 0.5
    assert summ.headline_accuracy == 0.5 and summ.date_accuracy == 1.0 and summ.invented_dates == 0
    text = format_report(summ)
    assert "missed officials: Nguyễn Văn Hải, Lê Thị Thu Hằng" in text and "official names" in text
