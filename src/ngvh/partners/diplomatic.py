"""Dates on which Viet Nam established diplomatic relations with other countries.

Reviewed data, from the country pages of the Ministry of Foreign Affairs of Viet Nam
(mofa.gov.vn, "Quan hệ song phương") and the joint communiqués they cite. For countries
that recognised the Democratic Republic of Viet Nam in 1950, the date is the one Viet Nam
celebrates (Russia: the Soviet Union's, 30/01/1950; the Czech Republic: Czechoslovakia's).
Germany: the Federal Republic's (23/09/1975). Add a country only with its source checked.
Pure: no database.
"""

from __future__ import annotations

import datetime as dt

D = dt.date

RELATIONS: dict[str, dt.date] = {
    "AR": D(1973, 10, 25),
    "AT": D(1972, 12, 1),
    "AU": D(1973, 2, 26),
    "BE": D(1973, 3, 22),
    "BG": D(1950, 2, 8),
    "BN": D(1992, 2, 29),
    "BR": D(1989, 5, 8),
    "CA": D(1973, 8, 21),
    "CH": D(1971, 10, 11),
    "CL": D(1971, 3, 25),
    "CN": D(1950, 1, 18),
    "CU": D(1960, 12, 2),
    "CZ": D(1950, 2, 2),
    "DE": D(1975, 9, 23),
    "DK": D(1971, 11, 25),
    "ES": D(1977, 5, 23),
    "FI": D(1973, 1, 25),
    "FR": D(1973, 4, 12),
    "GB": D(1973, 9, 11),
    "HU": D(1950, 2, 3),
    "ID": D(1955, 12, 30),
    "IN": D(1972, 1, 7),
    "IT": D(1973, 3, 23),
    "JP": D(1973, 9, 21),
    "KH": D(1967, 6, 24),
    "KR": D(1992, 12, 22),
    "LA": D(1962, 9, 5),
    "MM": D(1975, 5, 28),
    "MN": D(1954, 11, 17),
    "MX": D(1975, 5, 19),
    "MY": D(1973, 3, 30),
    "NL": D(1973, 4, 9),
    "NO": D(1971, 11, 25),
    "NZ": D(1975, 6, 19),
    "PH": D(1976, 7, 12),
    "PL": D(1950, 2, 4),
    "RO": D(1950, 2, 3),
    "RU": D(1950, 1, 30),
    "SE": D(1969, 1, 11),
    "SG": D(1973, 8, 1),
    "TH": D(1976, 8, 6),
    "US": D(1995, 7, 12),
}


def established(country: str) -> dt.date | None:
    return RELATIONS.get((country or "").upper())
