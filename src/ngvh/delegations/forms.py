"""Forms for delegations: thin, they turn posted text into service arguments."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ngvh.activities.forms import DATE_FORMATS, DateInput
from ngvh.activities.models import ForeignPartner
from ngvh.core.countries import country_choices

from .models import DelegationKind
from .services import DelegationData


class DelegationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=DelegationKind.choices)
    title = forms.CharField(label=_("Name of the delegation or crew"), max_length=500)
    country = forms.ChoiceField(label=_("Country"))
    partner = forms.ModelChoiceField(label=_("Foreign partner"), queryset=ForeignPartner.objects.none(), required=False)
    members = forms.IntegerField(label=_("Number of members"), min_value=0, required=False)
    start_date = forms.DateField(label=_("Start date"), input_formats=DATE_FORMATS, widget=DateInput(), help_text=_("For example 15/05/2025"))
    end_date = forms.DateField(label=_("End date"), input_formats=DATE_FORMATS, widget=DateInput(), required=False)
    place_name = forms.CharField(label=_("Place"), max_length=255, required=False)
    purpose = forms.CharField(label=_("Purpose and programme"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    lead_agency = forms.ModelChoiceField(label=_("Lead agency"), queryset=None)

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "—")] + country_choices()
        self.fields["partner"].queryset = ForeignPartner.objects.order_by("name")
        self.fields["lead_agency"].queryset = agencies

    def data_object(self) -> DelegationData:
        c = self.cleaned_data
        return DelegationData(
            kind=c["kind"], title=c["title"], country=c["country"], start_date=c["start_date"], end_date=c["end_date"],
            lead_agency_id=c["lead_agency"].pk, members=c["members"] or 0, place_name=c["place_name"], purpose=c["purpose"],
            partner_id=c["partner"].pk if c["partner"] else None,
        )


class ApproveForm(forms.Form):
    coordination = forms.CharField(
        label=_("Coordination"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Which agencies take part and what each does."),
    )
    police_coordinated = forms.BooleanField(label=_("Coordinated with the city police"), required=False)


class CompleteForm(forms.Form):
    result = forms.CharField(label=_("Result"), widget=forms.Textarea(attrs={"rows": 3}))
