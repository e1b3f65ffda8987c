"""The person form: every personal field shows why it is kept (its purpose)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ngvh.activities.forms import DATE_FORMATS, DateInput
from ngvh.core.countries import country_choices

from .models import PURPOSES, ConsentMethod, PersonCategory
from .services import PersonData


class PersonForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=PersonCategory.choices)
    owner_agency = forms.ModelChoiceField(label=_("Owning agency"), queryset=None)
    full_name = forms.CharField(label=_("Full name"), max_length=200, help_text=PURPOSES["full_name"])
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False, help_text=PURPOSES["email"])
    phone = forms.CharField(label=_("Telephone"), max_length=40, required=False, help_text=PURPOSES["phone"])
    languages = forms.CharField(label=_("Languages"), max_length=255, required=False, help_text=PURPOSES["languages"])
    skills = forms.CharField(label=_("Skills"), widget=forms.Textarea(attrs={"rows": 2}), required=False, help_text=PURPOSES["skills"])
    course = forms.CharField(label=_("Training course"), max_length=255, required=False, help_text=PURPOSES["course"])
    country = forms.ChoiceField(label=_("Country of residence"), required=False, help_text=PURPOSES["country"])
    association = forms.CharField(label=_("Association"), max_length=255, required=False, help_text=PURPOSES["association"])
    field = forms.CharField(label=_("Field of work"), max_length=255, required=False, help_text=PURPOSES["field"])
    consent_date = forms.DateField(label=_("Consent given on"), input_formats=DATE_FORMATS, widget=DateInput())
    consent_scope = forms.CharField(
        label=_("Scope of the consent"), widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("What the person agreed to: which data, for which purposes."),
    )
    consent_method = forms.ChoiceField(label=_("How consent was given"), choices=ConsentMethod.choices)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_agency"].queryset = agencies
        self.fields["country"].choices = [("", "—")] + country_choices()

    def data_object(self) -> PersonData:
        c = dict(self.cleaned_data)
        agency = c.pop("owner_agency")
        return PersonData(owner_agency_id=agency.pk, **c)
