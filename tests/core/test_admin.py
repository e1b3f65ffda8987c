"""The admin reads the app's models but never writes them: writes go through services."""

import pytest
from django.contrib import admin
from django.test import RequestFactory

from tests.factories import UserFactory

# Django's own models stay editable (groups are not written by any service).
SERVICE_APPS = {"accounts", "agencies", "plans", "activities", "reporting", "documents", "dashboard", "api",
                "public", "outbox", "core"}


def _service_admins():
    return [(model, model_admin) for model, model_admin in admin.site._registry.items()
            if model._meta.app_label in SERVICE_APPS]


def test_the_apps_models_are_registered():
    # the iteration below is not vacuous
    assert len(_service_admins()) >= 10


@pytest.mark.parametrize("model, model_admin", _service_admins(), ids=lambda v: getattr(v, "__name__", ""))
def test_admin_is_read_only_even_for_a_superuser(db, model, model_admin):
    # given a superuser in the admin
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    # then the model and its inlines can be viewed but not added, changed or deleted
    assert model_admin.has_view_permission(request)
    for target in [model_admin, *model_admin.get_inline_instances(request)]:
        assert not target.has_add_permission(request)
        assert not target.has_change_permission(request)
        assert not target.has_delete_permission(request)


def test_admin_change_page_offers_no_save(admin_client_ngvh):
    client, user = admin_client_ngvh
    # when a superuser opens an account in the admin
    response = client.get(f"/admin/accounts/user/{user.pk}/change/")
    # then it is shown without a save button, and a POST changes nothing
    assert response.status_code == 200
    assert 'name="_save"' not in response.content.decode()
    assert client.post(f"/admin/accounts/user/{user.pk}/change/", {"username": "changed"}).status_code == 403
    user.refresh_from_db()
    assert user.username != "changed"


@pytest.fixture
def admin_client_ngvh(client, db):
    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return client, user
