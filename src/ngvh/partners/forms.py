"""Forms for the partner registry: thin, they turn posted text into service arguments."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ngvh.activities.forms import DATE_FORMATS, DateInput
from ngvh.core.countries import country_choices

from .models import RelationshipKind


class RelationshipForm(forms.Form):
    name = forms.CharField(label=_("Partner's name"), max_length=255, help_text=_("For example Kitakyushu, Incheon"))
    country = forms.ChoiceField(label=_("Country"))
    kind = forms.ChoiceField(label=_("Kind of relationship"), choices=RelationshipKind.choices)
    established_on = forms.DateField(
        label=_("Established on"), input_formats=DATE_FORMATS, widget=DateInput(), help_text=_("For example 15/05/2025")
    )
    lead_agency = forms.ModelChoiceField(label=_("Agency in charge"), queryset=None, required=False)
    notes = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, agencies, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—")] + country_choices()
        self.fields["lead_agency"].queryset = agencies
        if editing:
            for name in ("name", "country", "kind"):
                del self.fields[name]


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500, help_text=_("For example: Memorandum of understanding on cultural cooperation"))
    number = forms.CharField(label=_("Number"), max_length=100, required=False)
    signed_on = forms.DateField(label=_("Signed on"), input_formats=DATE_FORMATS, widget=DateInput())
    signatories = forms.CharField(
        label=_("Signatories"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One per line: name, office, side.")
    )
