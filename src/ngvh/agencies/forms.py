from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Agency, AgencyKind, Province, RestructuringKind

DATE_HINT = _("Day/month/year, for example 01/03/2025.")


class VnDateField(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%Y-%m-%d"])
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "class": "input--date"}))
        kwargs.setdefault("help_text", DATE_HINT)
        kwargs.setdefault(
            "error_messages", {"invalid": _("Enter a real date as day/month/year, for example 01/03/2025.")}
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if hasattr(value, "strftime"):
            return value.strftime("%d/%m/%Y")
        return value


class AgencyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name if obj.active_until is None else f"{obj.name} ({_('ceased')} {obj.active_until:%d/%m/%Y})"


class AgencyMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class AgencyForm(forms.Form):
    province = forms.ModelChoiceField(label=_("Province"), queryset=Province.objects.all(), empty_label=None)
    name = forms.CharField(label=_("Full name"), max_length=255, help_text=_("As written in decisions, e.g. Sở Văn hóa, Thể thao và Du lịch."))
    short_name = forms.CharField(label=_("Short name"), max_length=60, required=False, help_text=_("The abbreviation used in recipients lists, e.g. VHTTDL."))
    kind = forms.ChoiceField(label=_("Kind"), choices=AgencyKind.choices)
    parent = AgencyChoiceField(label=_("Part of"), queryset=Agency.objects.none(), required=False, empty_label=_("— none —"),
                               help_text=_("Only for a unit that belongs to another agency."))
    aliases = forms.CharField(
        label=_("Other spellings and abbreviations"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line, e.g. VHTT or Sở Văn hóa & Thể thao. Imports and search recognise them."),
    )
    active_from = VnDateField(label=_("Active from"), required=False)
    active_until = VnDateField(label=_("Active until"), required=False)
    email = forms.EmailField(label=_("Contact email"), required=False)

    def __init__(self, *args, agency: Agency | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Agency.objects.order_by("name")
        if agency is not None:
            qs = qs.exclude(pk=agency.pk)
            del self.fields["province"]
        self.fields["parent"].queryset = qs

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("aliases", "").splitlines() if line.strip()]


class RestructuringForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What happened"), choices=RestructuringKind.choices, widget=forms.RadioSelect,
        help_text=_("Rename: one agency, new name. Merge: several agencies into one. Split: one agency into several, choosing who takes each task. Dissolve: the tasks pass to a named receiver."),
    )
    effective_date = VnDateField(label=_("Effective date"), help_text=_("The first day the successor holds the tasks, as day/month/year. Everything dated before stays with the old agency."))
    predecessors = AgencyMultipleChoiceField(
        label=_("Agencies that cease"), queryset=Agency.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick one, or several for a merger."),
    )
    successors = AgencyMultipleChoiceField(
        label=_("Existing successor agencies"), queryset=Agency.objects.none(), widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("Tick the agency that takes over when it already exists. Leave empty when the successor is new."),
    )
    new_successors = forms.CharField(
        label=_("New successor agencies"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One full name per line, for a successor not in the registry yet, e.g. Sở Văn hóa, Thể thao và Du lịch."),
    )
    decision = forms.CharField(label=_("Decision"), max_length=255, required=False, help_text=_("Number and date of the decision, if known."))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, split_tasks=None, **kwargs):
        super().__init__(*args, **kwargs)
        active = Agency.objects.filter(active_until__isnull=True).order_by("name")
        self.fields["predecessors"].queryset = active
        self.fields["successors"].queryset = active
        self.split_tasks = split_tasks or []

    def new_successor_names(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data.get("new_successors", "").splitlines() if line.strip()]

    def add_split_fields(self, tasks, options: list[tuple[str, str]]) -> None:
        """Second step of a split: one choice per task the agency holds."""
        self.split_tasks = tasks
        for task in tasks:
            self.fields[f"task_{task.pk}"] = forms.ChoiceField(
                label=f"{task.plan.number} · {_('Task')} {task.code}: {task.title[:120]}",
                choices=[("", _("— choose —")), *options], required=True,
            )

    def split_fields(self):
        return [self[f"task_{t.pk}"] for t in self.split_tasks if f"task_{t.pk}" in self.fields]
