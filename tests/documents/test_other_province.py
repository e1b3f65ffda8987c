"""The city report of another province speaks of that province, never of Hải Phòng."""

import json

import pytest

from ngvh.documents.services import consolidation_build, effective_content
from ngvh.documents.vocab import locality

from .factories import scenario

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("issuer", "place", "province", "unit", "name"),
    [
        ("Ủy ban nhân dân tỉnh Quảng Ngãi", "Quảng Ngãi", "Quảng Ngãi", "tỉnh", "Quảng Ngãi"),
        ("UỶ BAN NHÂN DÂN TỈNH NGHỆ AN", "Nghệ An", "Nghệ An", "tỉnh", "NGHỆ AN"),
        ("Ủy ban nhân dân thành phố Hải Phòng", "Hải Phòng", "Hải Phòng", "thành phố", "Hải Phòng"),
        ("", "", "Thành phố Đà Nẵng", "thành phố", "Đà Nẵng"),
        ("", "Bắc Ninh", "Bắc Ninh", "tỉnh", "Bắc Ninh"),
    ],
)
def test_the_locality_is_read_from_the_issuer_or_the_province(issuer, place, province, unit, name):
    # given a plan's issuer, place and province
    # when the report's locality is read
    where = locality(issuer=issuer, place=place, province=province)
    # then the unit and the name are the province's own
    assert (where.unit, where.name) == (unit, name)


def test_a_province_report_says_tinh_and_its_own_name():
    # given the scenario's plan issued by a province, not by Hải Phòng
    s = scenario()
    s.plan.issuer, s.plan.place = "Ủy ban nhân dân tỉnh Quảng Ngãi", "Quảng Ngãi"
    s.plan.province.name = "Quảng Ngãi"
    s.plan.province.save()
    s.plan.save()
    # when the coordinator builds the year's report
    c = consolidation_build(user=s.coordinator, plan=s.plan, year=s.year)
    content = effective_content(c)
    # then the report's own words (heading, recipients, system passages) name the province's
    # committee and departments, and nothing of Hải Phòng
    system = [p["text"] for p in content["passages"] if not p["report_id"]]
    own_words = json.dumps([content["meta"], c.recipients, system], ensure_ascii=False)
    assert "của Ủy ban nhân dân tỉnh Quảng Ngãi triển khai" in own_words
    assert c.issuing_body == "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" and c.place == "Quảng Ngãi"
    assert "Các sở, ban, ngành tỉnh" in c.recipients
    assert "Hải Phòng" not in own_words and "thành phố" not in own_words
