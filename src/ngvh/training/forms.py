from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ngvh.activities.forms import DATE_FORMATS, DateInput


class CourseForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=500)
    task = forms.ModelChoiceField(label=_("Task of the plan"), queryset=None, required=False)
    organiser = forms.ModelChoiceField(label=_("Organiser"), queryset=None)
    start_date = forms.DateField(label=_("Start date"), input_formats=DATE_FORMATS, widget=DateInput(), help_text=_("For example 15/05/2025"))
    end_date = forms.DateField(label=_("End date"), input_formats=DATE_FORMATS, widget=DateInput(), required=False)
    place_name = forms.CharField(label=_("Place"), max_length=255, required=False)
    trainee_count = forms.IntegerField(label=_("Number of trainees"), min_value=0, required=False)

    def __init__(self, *args, tasks, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = tasks
        self.fields["task"].label_from_instance = lambda t: f"{t.code} {t.title[:80]}"
        self.fields["organiser"].queryset = agencies


class TraineeForm(forms.Form):
    person = forms.IntegerField(
        label=_("Trainee record number"), min_value=1,
        help_text=_("The number (#) of the trainee's record on the People pages of your agency."),
    )
