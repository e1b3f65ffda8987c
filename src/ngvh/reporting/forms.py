"""Forms of the reporting pages. They validate input only; services decide everything else."""

from __future__ import annotations

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from ngvh.activities.models import ActivityKind

from .models import AmendmentAction, TaskStatus

TEXTAREA = {"rows": 4}


class FastSelect(forms.Select):
    """A plain ``<select>`` written in Python, same markup as Django's.

    The report page has a status select per line and three selects per planned row; the
    template renderer includes a template per ``<option>``, which made these selects a
    large share of the page's render on deadline day. No option groups are used here.
    """

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        wanted = self.format_value(value)
        chosen = None
        for option_value, _label in self.choices:
            text = "" if option_value is None else str(option_value)
            if text in wanted:
                chosen = text
                break
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (text, " selected" if text == chosen else "", label)
                for text, label in (("" if v is None else str(v), label) for v, label in self.choices)
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


class OpenYearForm(forms.Form):
    plan = forms.ModelChoiceField(queryset=None, label=_("Plan"), empty_label=None)
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        help_text=_("The deadline and data cut-off come from the plan's settings."),
        error_messages={"required": _("Enter the year to open, for example 2026.")},
    )

    def __init__(self, *args, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        from ngvh.plans.models import Plan

        self.fields["plan"].queryset = plans if plans is not None else Plan.objects.all()


class ReportHeaderForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    difficulties = forms.CharField(
        label=_("Difficulties and obstacles"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    recommendations = forms.CharField(
        label=_("Recommendations and proposals"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )


class LineForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        widget=FastSelect,
        choices=[("", _("— choose —")), *TaskStatus.choices],
        help_text=_("“Did not arise this period” is for tasks carried out as events arise: it does not count against you."),
    )
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        required=False,
        error_messages={
            "min_value": _("Progress is a percentage from 0 to 100."),
            "max_value": _("Progress is a percentage from 0 to 100."),
            "invalid": _("Progress is a whole number from 0 to 100."),
        },
    )
    results = forms.CharField(label=_("Results"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    activities = forms.TypedMultipleChoiceField(
        label=_("Activities of the year for this task"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Your agency's activities recorded for this task within the year's data cut-off. Untick any that do not belong."),
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].choices = [(a.id, a.title) for a in candidates]


class PlannedForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    title = forms.CharField(label=_("Planned activity"), required=False, max_length=500)
    task = forms.TypedChoiceField(label=_("Task"), required=False, coerce=int, empty_value=None, widget=FastSelect)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "—"), *ActivityKind.choices], widget=FastSelect)
    expected_month = forms.TypedChoiceField(
        label=_("Expected month"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=FastSelect,
        choices=[("", "—")] + [(m, f"{m:02d}") for m in range(1, 13)],
    )
    delete = forms.BooleanField(label=_("Remove"), required=False)

    def __init__(self, *args, tasks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].choices = [("", "—")] + [(t.id, f"{t.code} {t.title[:80]}") for t in tasks]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning the report"),
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("The agency sees this reason. Say what to correct or complete."),
        error_messages={"required": _("Say why the report is returned: the agency sees this reason.")},
    )


class ReopenForm(forms.Form):
    reopen_reason = forms.CharField(
        label=_("Reason for reopening"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The report goes back to the agency for changes; it sees this reason."),
        error_messages={"required": _("Say why the report is reopened: the agency sees this reason.")},
    )


class AmendmentForm(forms.Form):
    plan = forms.ModelChoiceField(queryset=None, label=_("Plan"), empty_label=None)
    action = forms.ChoiceField(label=_("What do you propose?"), choices=AmendmentAction.choices, widget=forms.RadioSelect)
    task = forms.ModelChoiceField(
        queryset=None,
        label=_("Task to change or remove"),
        required=False,
        help_text=_("Leave empty when proposing a new task."),
    )
    group = forms.ModelChoiceField(
        queryset=None, label=_("Task group for a new task"), required=False
    )
    title = forms.CharField(
        label=_("Content of the task as it should read"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Not needed when proposing to remove a task."),
    )
    timeframe_text = forms.CharField(
        label=_("Timeframe"), required=False, max_length=255, help_text=_("As in the plan, e.g. “Hằng năm” or “2026-2030”.")
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for the proposal.")},
    )

    def __init__(self, *args, plans=None, **kwargs):
        super().__init__(*args, **kwargs)
        from ngvh.plans.models import Plan, Task, TaskGroup

        plans = plans if plans is not None else Plan.objects.all()
        self.fields["plan"].queryset = plans
        self.fields["task"].queryset = Task.objects.filter(plan__in=plans, retired_on__isnull=True).order_by("plan_id", "order")
        self.fields["task"].label_from_instance = lambda t: f"{t.code} {t.title[:90]}"
        self.fields["group"].queryset = TaskGroup.objects.filter(plan__in=plans).order_by("plan_id", "order")


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept: the plan gets a new version")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose to accept or reject the proposal.")},
    )
    effective_from = forms.DateField(
        label=_("Effective from"),
        required=False,
        input_formats=["%d/%m/%Y"],
        help_text=_("dd/mm/yyyy — needed when accepting."),
        error_messages={"invalid": _("Enter the date as dd/mm/yyyy, for example 01/01/2027.")},
    )
    decision_reason = forms.CharField(
        label=_("Reason for the decision"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Give the reason for the decision: the agency sees it.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "accept" and not data.get("effective_from") and "effective_from" not in self.errors:
            self.add_error("effective_from", _("Give the date from which the amendment applies."))
        return data


class DocumentAmendmentForm(forms.Form):
    """Recording an amended plan document (from the import review page)."""

    effective_from = forms.DateField(
        label=_("Effective from"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={
            "required": _("Give the date from which the amendment applies."),
            "invalid": _("Enter the date as dd/mm/yyyy, for example 01/01/2027."),
        },
    )
    reason = forms.CharField(
        label=_("Reason"),
        error_messages={"required": _("Give the reason for the amendment (for example the decision that issued the document).")},
    )
