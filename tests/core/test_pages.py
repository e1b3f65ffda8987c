"""The helpers the registry pages share: the requested object, a service's errors on a form."""

from types import SimpleNamespace

from django import forms
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from ngvh.core.pages import form_errors, int_or_none, private, requested


def test_requested_is_the_named_object_else_the_first_else_none():
    plans = [SimpleNamespace(pk=3), SimpleNamespace(pk=7)]
    rf = RequestFactory()
    assert requested(rf.get("/", {"plan": "7"}), plans) is plans[1]
    assert requested(rf.post("/", {"plan": "7"}), plans) is plans[1]
    # a pk the user may not read, or no number at all, falls back to the first
    assert requested(rf.get("/", {"plan": "99"}), plans) is plans[0]
    assert requested(rf.get("/", {"plan": "x"}), plans) is plans[0]
    assert requested(rf.get("/"), []) is None
    assert int_or_none("12") == 12 and int_or_none("") is None and int_or_none(None) is None


class _Form(forms.Form):
    name = forms.CharField()


def test_form_errors_go_on_their_field_or_above_the_form():
    form = _Form({"name": "x"})
    assert form.is_valid()
    form_errors(form, ValidationError({"name": ["Tên trùng."], "other": ["Lỗi chung."]}))
    assert form.errors["name"] == ["Tên trùng."] and form.non_field_errors() == ["Lỗi chung."]
    form = _Form({"name": "x"})
    form.is_valid()
    form_errors(form, ValidationError("Không lưu được."))
    assert form.non_field_errors() == ["Không lưu được."]


def test_private_responses_are_not_cached():
    from django.http import HttpResponse

    assert private(HttpResponse())["Cache-Control"] == "no-store, private"
