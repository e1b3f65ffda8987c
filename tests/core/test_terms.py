"""One word for one thing: the same English text reads the same in Vietnamese everywhere,
and the documents use the words of the screens."""

import glob
from collections import defaultdict
from pathlib import Path

import polib
import pytest
from django.utils import translation

SRC = Path(__file__).resolve().parents[2] / "src" / "ngvh"

# Words whose Vietnamese depends on what they qualify; each has two proper translations.
CONTEXT_DEPENDENT = {
    "title": "a plan's trích yếu, an activity's name, an article's title",
    "Title": "an activity's name or an article's title",
    "place": "the document's địa danh or an activity's địa điểm",
    "Place": "the document's địa danh or an activity's địa điểm",
    "Name": "a person's name or a token's name",
    "Full name": "a person's họ và tên or an agency's tên đầy đủ",
    "Active": "an account in use or a token in use",
    "Created": "a history entry or a creation date",
    "Done": "an activity held or a task completed",
    "foreign": "foreign funds or foreign participants",
    "by": "by whom, in a sentence or a column",
    "effective from": "a short label or a sentence",
    "number": "a plan's số hiệu or a document's số văn bản",
    "Languages": "the site's languages or a person's foreign languages",
    "Saved": "a column (Lưu, when) or a state (Đã lưu)",
    "recipients": "a document's nơi nhận or a mail's người nhận",
}


def _catalogues():
    terms = defaultdict(dict)
    for path in glob.glob(str(SRC / "*" / "locale" / "vi" / "LC_MESSAGES" / "django.po")):
        app = Path(path).parts[-5]
        for entry in polib.pofile(path):
            if not entry.msgctxt and not entry.obsolete and entry.msgstr:
                terms[entry.msgid][app] = entry.msgstr
    return terms


def test_a_text_shared_by_several_apps_has_one_vietnamese_translation():
    # given every Vietnamese catalogue
    terms = _catalogues()
    # when the texts translated in more than one app are compared
    differing = {
        msgid: apps for msgid, apps in terms.items()
        if len(set(apps.values())) > 1 and msgid not in CONTEXT_DEPENDENT
    }
    # then each reads the same everywhere (history, draft, status, lead, STT, …)
    assert differing == {}


@pytest.mark.parametrize("choices_path", ["ngvh.reporting.models.ReportStatus", "ngvh.reporting.models.TaskStatus"])
def test_the_documents_use_the_status_words_of_the_screens(choices_path):
    # given a status set and the fixed Vietnamese words of the documents
    from django.utils.module_loading import import_string

    from ngvh.documents.vocab import REPORT_STATUS_VI, STATUS_VI

    choices = import_string(choices_path)
    words = REPORT_STATUS_VI if choices.__name__ == "ReportStatus" else STATUS_VI
    # when the screens' labels are read in Vietnamese
    with translation.override("vi"):
        labels = {value: str(label) for value, label in choices.choices}
    # then the .docx and the pages say the same
    assert {value: words[value] for value in labels} == labels
