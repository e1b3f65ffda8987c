"""The page every Excel import shares: upload → preview (nothing saved) → confirm.

The app gives a ``run(data, commit)`` that checks the workbook (and with ``commit`` saves
every row or none) and returns a :class:`ngvh.core.xlsx.ImportOutcome`. The workbook is
kept in the storage between the preview and the confirmation, under a random key only
the session that previewed it may confirm.
"""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .files import STORAGE_ERRORS
from .xlsx import ImportOutcome, PendingImports, StorageUnavailable


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Filled-in template (.xlsx)"), help_text=gettext_lazy("Every row is checked before anything is saved."))


def import_page(
    request: HttpRequest, *, session_key: str, run: Callable[[bytes, bool], ImportOutcome], context: dict, done_url: str,
    done_message: Callable[[ImportOutcome], str], again_url: str,
) -> HttpResponse:
    """``context`` fills ``core/xlsx_import.html`` (title, crumbs, template_url, steps,
    preview_headers, hidden); ``again_url`` is where an expired confirmation goes."""
    pending = PendingImports(request, session_key)
    context = {"form": UploadForm(), **context}
    template = "core/xlsx_import.html"
    if request.method == "POST" and request.POST.get("confirm"):
        key = request.POST.get("key", "")
        try:
            data = pending.read(key)
        except FileNotFoundError:
            messages.error(request, _("This import has expired. Upload the file again."))
            return redirect(again_url)
        except STORAGE_ERRORS:
            messages.error(request, _("The file store is not answering. Try again in a few minutes."))
            return redirect(again_url)
        outcome = run(data, True)
        if outcome.committed:
            pending.forget(key)
            messages.success(request, done_message(outcome))
            return redirect(done_url)
        return render(request, template, {**context, "outcome": outcome}, status=400)
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        context["form"] = form
        if not form.is_valid():
            return render(request, template, context, status=400)
        upload = form.cleaned_data["file"]
        if upload.size > settings.NGVH_MAX_UPLOAD_BYTES:
            form.add_error("file", _("The file is too large."))
            return render(request, template, context, status=400)
        data = upload.read()
        outcome = run(data, False)
        context["outcome"] = outcome
        headers = [str(h) for h in context.get("preview_headers", [])]
        context["preview_rows"] = [(number, list(zip(headers, values, strict=False))) for number, values in outcome.preview[:50]]
        if outcome.ok and outcome.preview:
            try:
                context["key"] = pending.keep(data)
            except StorageUnavailable as exc:
                form.add_error("file", str(exc))
                return render(request, template, {**context, "outcome": None}, status=503)
        return render(request, template, context, status=200 if outcome.ok else 400)
    return render(request, template, context)
