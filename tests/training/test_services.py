"""Training courses: recorded by the organiser, trainees linked from its own registry, one activity."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from ngvh.people import services as people_services
from ngvh.training import services
from tests.activities.factories import small_plan
from tests.people.factories import NAME, person_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(agency_a, agency_b):
    return small_plan(lead_agency=agency_a, other_agency=agency_b)[0]


def _course(user, plan, agency, **kw):
    values = dict(title="Lớp bồi dưỡng ngoại giao văn hóa", organiser=agency, start_date=dt.date(2025, 4, 1),
                  end_date=dt.date(2025, 4, 3), trainee_count=30, task=plan.tasks.get(code="I.1"))
    values.update(kw)
    return services.course_create(user=user, plan=plan, **values)


def test_organiser_records_a_course_and_others_cannot(plan, reporter_a, reporter_b, leader, agency_a):
    c = _course(reporter_a, plan, agency_a)
    assert c.history.get().history_user == reporter_a
    for user in (reporter_b, leader):
        with pytest.raises(PermissionDenied):
            _course(user, plan, agency_a)
        with pytest.raises(PermissionDenied):
            services.course_activity_create(user=user, course=c)
    with pytest.raises(ValidationError):
        _course(reporter_a, plan, agency_a, end_date=dt.date(2025, 3, 1))


def test_trainees_come_only_from_the_organisers_own_trainee_records(plan, reporter_a, reporter_b, agency_a, agency_b):
    c = _course(reporter_a, plan, agency_a, trainee_count=0)
    mine = people_services.person_create(user=reporter_a, data=person_data(agency=agency_a, category="trainee"))
    collaborator = people_services.person_create(user=reporter_a, data=person_data(agency=agency_a))
    theirs = people_services.person_create(user=reporter_b, data=person_data(agency=agency_b, category="trainee"))
    services.course_trainee_add(user=reporter_a, course=c, person=mine)
    c.refresh_from_db()
    assert list(c.trainees.all()) == [mine] and c.trainee_count == 1
    with pytest.raises(ValidationError):
        services.course_trainee_add(user=reporter_a, course=c, person=collaborator)
    with pytest.raises(PermissionDenied):
        services.course_trainee_add(user=reporter_a, course=c, person=theirs)


def test_the_course_becomes_one_training_activity(plan, reporter_a, agency_a):
    c = _course(reporter_a, plan, agency_a)
    a = services.course_activity_create(user=reporter_a, course=c)
    assert (a.kind, a.status, a.agency, a.participants_total, list(a.tasks.values_list("code", flat=True))) == (
        "training", "done", agency_a, 30, ["I.1"]
    )
    with pytest.raises(ValidationError):
        services.course_activity_create(user=reporter_a, course=c)


def test_course_page_shows_counts_never_trainee_names(client, plan, reporter_a, reporter_b, agency_a):
    c = _course(reporter_a, plan, agency_a, trainee_count=0)
    person = people_services.person_create(user=reporter_a, data=person_data(agency=agency_a, category="trainee"))
    client.force_login(reporter_a)
    assert client.post(reverse("training:trainee_add", args=[c.pk]), {"person": person.pk}).status_code == 302
    client.force_login(reporter_b)
    body = client.get(reverse("training:detail", args=[c.pk])).content.decode()
    assert "1 học viên, trong đó 1 người có hồ sơ" in body
    assert NAME not in body


def test_list_pins_its_queries(client, plan, reporter_a, agency_a, django_assert_num_queries):
    for i in range(3):
        _course(reporter_a, plan, agency_a, title=f"Lớp {i}")
    client.force_login(reporter_a)
    with django_assert_num_queries(7):
        body = client.get(reverse("training:list") + f"?plan={plan.pk}").content.decode()
    assert all(f"Lớp {i}" in body for i in range(3))
