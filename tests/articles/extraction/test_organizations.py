from articles.extraction import extract


def test_organizations_kinds_and_dedup():
    text = ("Sáng 3/4, Ban Thường vụ Thành ủy Hà Nội làm việc với Bộ Nội vụ và Ủy ban Kiểm tra Trung ương. "
            "Dự có đại diện HĐND TP, UBND TP, Ủy ban MTTQ Việt Nam TP và Bộ Chính trị. Thành ủy Hà Nội, Thành uỷ Hà Nội.")
    orgs = {o.name: o.kind for o in extract(text).organizations}
    assert orgs["Ban Thường vụ Thành ủy Hà Nội"] == "party_committee"
    assert orgs["Bộ Nội vụ"] == "ministry"
    assert orgs["Ủy ban Kiểm tra Trung ương"] == "party_committee"
    assert orgs["HĐND TP"] == "peoples_council"
    assert orgs["UBND TP"] == "peoples_committee"
    assert orgs["Bộ Chính trị"] == "party_committee"
    assert any(k == "front" for k in orgs.values())
    assert sum(1 for n in orgs if n.replace("uỷ", "ủy") == "Thành ủy Hà Nội") == 1


def test_organization_stops_before_person_name():
    orgs = [o.name for o in extract("Sáng 3/4, Chủ tịch UBND TP Nguyễn Văn Hải tiếp đoàn.").organizations]
    assert "UBND TP" in orgs and not any("Nguyễn" in o for o in orgs)
