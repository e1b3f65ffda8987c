"""Permission rows for every gifts URL (collected by tests/security/test_permission_matrix.py).

Everyone signed in reads the catalogue; coordinators add gifts; the lead agency of a
delegation (A here) or a coordinator records what it gave.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ngvh.delegations import services as delegation_services
from ngvh.gifts import services
from tests.activities.factories import ForeignPartnerFactory, small_plan
from tests.delegations.factories import crew_data
from tests.security.matrix import DENIED, NOT_FOUND, Row, expect

SIGNED_IN = expect(anonymous=DENIED)
FOCAL = expect(anonymous=DENIED, reporter_a=NOT_FOUND, reporter_b=NOT_FOUND, leader=NOT_FOUND)
# B and the leader see the gift but have no delegation of theirs to give it to: the form refuses the choice (400)
GIVE = expect(anonymous=DENIED, reporter_b="status 400", leader="status 400")


def _gift(w):
    return w.once("gift", lambda: services.gift_create(user=w.users["coordinator"], name="Tranh gốm Chu Đậu", price_band="1m-5m"))


def _delegation(w):
    def make():
        plan = small_plan(lead_agency=w.agency_a, other_agency=w.agency_b)[0]
        partner = ForeignPartnerFactory(name="Kitakyushu", country="JP")
        return delegation_services.delegation_register(
            user=w.users["coordinator"], plan=plan, data=crew_data(lead_agency=w.agency_a, kind="incoming", partner_id=partner.pk)
        )

    return w.once("delegation", make)


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "PNG")
    return buffer.getvalue()


def _with_photo(w):
    def make():
        gift = services.gift_create(user=w.users["coordinator"], name="Áo dài lụa", price_band="lt1m")
        return services.gift_photo_set(user=w.users["coordinator"], gift=gift, upload=SimpleUploadedFile("a.png", _png()))

    return w.once("gift_photo", make)


ROWS = [
    Row("gifts:photo", lambda w: reverse("gifts:photo", args=[_with_photo(w).pk]), SIGNED_IN),
    Row("gifts:photo_upload", lambda w: reverse("gifts:photo_upload", args=[_gift(w).pk]), FOCAL, method="POST",
        data=lambda w: {"photo": SimpleUploadedFile("a.png", _png())}),
    Row("gifts:list", lambda w: reverse("gifts:list"), SIGNED_IN),
    Row("gifts:create", lambda w: reverse("gifts:create"), FOCAL),
    Row("gifts:create", lambda w: reverse("gifts:create"), FOCAL, method="POST", data=lambda w: {"name": "Áo dài", "price_band": "lt1m"}),
    Row("gifts:detail", lambda w: reverse("gifts:detail", args=[_gift(w).pk]), SIGNED_IN),
    Row("gifts:detail", lambda w: (_delegation(w), reverse("gifts:detail", args=[_gift(w).pk]))[1], GIVE, method="POST",
        data=lambda w: {"delegation": _delegation(w).pk, "given_on": "05/05/2026"}),
]
