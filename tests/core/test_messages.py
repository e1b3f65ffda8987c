"""Messages are codes with parameters; the words come from gettext where they are shown."""

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy

from ngvh.core.messages import Message, MessageError, exception_text, register, registered

# a code of the documents app, worded in its catalogue: the tests of core need a real one
CODE = "documents.nothing_to_consolidate"
PARAMS = {"plan": "274/KH-UBND", "year": 2026}
VI = (
    "Không có báo cáo nào đã được chấp nhận cho Kế hoạch 274/KH-UBND năm 2026: chưa thể tổng hợp. "
    "Hãy chấp nhận ít nhất một báo cáo của cơ quan, đơn vị trước."
)
EN = "No accepted report for plan 274/KH-UBND in 2026: nothing to consolidate. Accept at least one agency report first."


def test_a_message_is_worded_in_the_language_asked_for_or_the_active_one():
    # given a message: a code and its parameters, no words
    message = Message(CODE, PARAMS)
    # when it is shown in each language, asked for or active
    # then gettext gives the catalogue's words, parameters filled in
    assert message.text("vi") == VI
    assert message.text("en") == EN
    with translation.override("en"):
        assert message.text() == EN and str(message) == EN
        assert message.text("vi") == VI  # asking for a language does not depend on the active one
    with translation.override("vi"):
        assert message.text() == VI


def test_an_unregistered_code_is_a_clear_error():
    # given a code no app registered
    # when it is shown, then the error names the code
    with pytest.raises(LookupError, match="nowhere.unknown"):
        Message("nowhere.unknown").text("vi")


def test_a_code_keeps_one_wording():
    # given a registered code
    template = registered()[CODE]
    # when it is registered again with the same template, or the same words, nothing changes
    register({CODE: template})
    with translation.override("en"):
        register({CODE: gettext_lazy(str(template))})
    assert registered()[CODE] is template
    # when another wording is registered under it, then it is refused
    with pytest.raises(ValueError, match=CODE):
        register({CODE: gettext_lazy("Something else")})
    assert registered()[CODE] is template


def test_an_error_carries_its_message_and_logs_its_code():
    # given an error carrying a message
    exc = MessageError(Message(CODE, PARAMS))
    # then its text is the message's, and str() (for logs) is the code and parameters
    assert exc.text("vi") == VI and exc.text("en") == EN
    assert str(exc) == "documents.nothing_to_consolidate(plan='274/KH-UBND', year=2026)"


def test_exception_text_reads_a_message_error_a_message_or_the_error_itself():
    from ngvh.plans.parsed import PlanParseError

    # given an error with a message, a plans error pointing at a line, and a plain one
    with_message = MessageError(Message(CODE, PARAMS))
    refused = PlanParseError(Message("plans.file.empty"), line=3)
    plain = ValueError("boom")
    # when each is shown, then each gives its words in the active or asked-for language,
    # the plans error with the place it points at
    with translation.override("en"):
        assert exception_text(with_message) == EN
        assert exception_text(refused) == "line 3: The file is empty."
        assert exception_text(refused, "vi") == "dòng 3: Tệp trống."
    with translation.override("vi"):
        assert exception_text(with_message) == VI
        assert exception_text(refused) == "dòng 3: Tệp trống."
        assert exception_text(plain) == "boom"
    # and an error that only looks like the old Vietnamese/English pair is not read as one
    old = ValueError("x")
    old.message_vi, old.message_en = "Tệp rỗng.", "The file is empty."
    assert exception_text(old) == "x"
