"""The round-anniversary rules and Viet Nam's diplomatic relations data (pure)."""

import datetime as dt

from ngvh.core.countries import is_country
from ngvh.partners import anniversaries, diplomatic
from ngvh.partners.demo import PARTNERS


def test_round_years_are_multiples_of_five():
    # given relationships established on dates written here / when checked for 2027
    # then 5, 10, 35 and 65 years count, 4 and 54 do not, nor a date in the same year
    assert anniversaries.round_years(dt.date(2022, 6, 1), 2027) == 5
    assert anniversaries.round_years(dt.date(2017, 6, 5), 2027) == 10
    assert anniversaries.round_years(dt.date(1992, 12, 22), 2027) == 35
    assert anniversaries.round_years(dt.date(1962, 9, 5), 2027) == 65
    assert anniversaries.round_years(dt.date(2023, 1, 1), 2027) is None
    assert anniversaries.round_years(dt.date(1973, 9, 21), 2027) is None
    assert anniversaries.round_years(dt.date(2027, 1, 1), 2027) is None


def test_milestones_for_2027_are_listed_by_date_and_29_february_falls_on_28():
    # given four subjects
    items = [("a", dt.date(2017, 6, 5)), ("b", dt.date(1992, 12, 22)), ("c", dt.date(2014, 3, 12)), ("d", dt.date(1992, 2, 29))]
    # when the milestones of 2027 are computed
    found = anniversaries.milestones(items, 2027)
    # then the round ones are there, in date order, with the day in 2027
    assert [(m.key, m.years, m.on) for m in found] == [
        ("d", 35, dt.date(2027, 2, 28)), ("a", 10, dt.date(2027, 6, 5)), ("b", 35, dt.date(2027, 12, 22)),
    ]


def test_suggest_task_prefers_the_task_naming_most_words():
    # given three tasks in plan order (ASCII texts)
    tasks = [(1, "dao tao can bo"), (2, "giao luu voi cac thanh pho ket nghia"), (3, "ky niem nam chan thiet lap quan he ngoai giao")]
    # then twinned cities go to task 2, diplomatic anniversaries to task 3, nothing fits an unknown subject
    assert anniversaries.suggest_task(tasks, "twinned") == 2
    assert anniversaries.suggest_task(tasks, "diplomatic") == 3
    assert anniversaries.suggest_task(tasks[:1], "diplomatic") is None


def test_diplomatic_relations_data_covers_the_demo_and_major_partners_with_reviewed_dates():
    # given the shipped data / then every key is a country and the demo partners' countries are there
    assert all(is_country(code) for code in diplomatic.RELATIONS)
    assert {country for _n, country, *_rest in PARTNERS} <= set(diplomatic.RELATIONS)
    for code in ("JP", "KR", "CN", "RU", "LA", "KH", "US", "FR", "DE", "GB", "AU", "IN", "TH", "SG"):
        assert code in diplomatic.RELATIONS
    # and the dates are those the Ministry of Foreign Affairs gives
    assert diplomatic.established("JP") == dt.date(1973, 9, 21)
    assert diplomatic.established("KR") == dt.date(1992, 12, 22)
    assert diplomatic.established("CN") == dt.date(1950, 1, 18)
    assert diplomatic.established("RU") == dt.date(1950, 1, 30)
    assert diplomatic.established("LA") == dt.date(1962, 9, 5)
    assert diplomatic.established("KH") == dt.date(1967, 6, 24)
    assert diplomatic.established("US") == dt.date(1995, 7, 12)
    assert diplomatic.established("fr") == dt.date(1973, 4, 12)
    assert diplomatic.established("ZZ") is None
    assert all(d.year >= 1945 for d in diplomatic.RELATIONS.values())
