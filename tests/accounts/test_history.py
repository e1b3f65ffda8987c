"""The history pages read as a person would: one clock, translated labels, no bookkeeping."""

import datetime as dt

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from ngvh.accounts.history import _display, field_label, history_entries, tracked_fields

from ..factories import AgencyFactory, TaskFactory

pytestmark = pytest.mark.django_db

HISTORY_MODELS = [m for m in apps.get_models() if hasattr(m, "history") and not m.__name__.startswith("Historical")]


@pytest.mark.parametrize("model", HISTORY_MODELS, ids=lambda m: m.__name__)
def test_every_tracked_field_has_a_translated_label(model):
    # given a model whose changes are shown on a history page
    # when its labels are read in Vietnamese
    with translation.override("vi"):
        labels = {f.name: field_label(f) for f in tracked_fields(model)}
    # then no label is a raw column name, and none is left in English
    raw = [name for name, label in labels.items() if label == name.replace("_", " ")]
    assert raw == []


def test_bookkeeping_fields_are_not_history():
    # given the fields of an agency and a task
    from ngvh.agencies.models import Agency
    from ngvh.plans.models import Task

    # when the history decides what to show
    shown = {f.name for f in tracked_fields(Agency)} | {f.name for f in tracked_fields(Task)}
    # then search keys, timestamps, versions and ids stay out
    assert not shown & {"id", "name_key", "created_at", "search_text", "version", "order"}


def test_a_stored_time_is_shown_on_the_local_clock_only():
    # given a time stored in UTC, 17:30 on 14/11 (00:30 on 15/11 in Hà Nội)
    from ngvh.reporting.models import AnnualReport

    field = AnnualReport._meta.get_field("first_submitted_at")
    value = dt.datetime(2026, 11, 14, 17, 30, tzinfo=dt.UTC)
    # when it is displayed
    # then it reads on the local clock
    assert _display(field, value, {}) == "15/11/2026 00:30"


def test_history_page_shows_labels_not_column_names(client, coordinator):
    # given a task whose title was changed
    task = TaskFactory(title="Tổ chức Lễ hội Hoa Phượng Đỏ")
    task.title = "Tổ chức Lễ hội Hoa Phượng Đỏ năm 2026"
    task.save()
    client.force_login(coordinator)
    # when the coordinator opens its history in Vietnamese
    response = client.get(reverse("accounts:object_history", args=["task", task.pk]), HTTP_ACCEPT_LANGUAGE="vi")
    body = response.content.decode()
    # then the change is there under translated labels, without bookkeeping or a second clock
    assert response.status_code == 200
    assert "Lễ hội Hoa Phượng Đỏ năm 2026" in body
    for raw in ("search text", "search_text", "timeframe start", "version", "UTC", "+00:00"):
        assert raw not in body
    assert len(history_entries(task)) == 2


def test_an_agency_history_hides_its_search_key(client, coordinator):
    # given an agency renamed once
    agency = AgencyFactory(name="Sở Văn hóa và Thể thao")
    agency.name = "Sở Văn hóa, Thể thao và Du lịch"
    agency.save()
    client.force_login(coordinator)
    # when its history is read
    body = client.get(reverse("agencies:history", args=[agency.pk]), HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    # then the name change is shown and the stored key and creation stamp are not
    assert "Sở Văn hóa, Thể thao và Du lịch" in body
    assert "name key" not in body and "created at" not in body
