"""Numbers in the messages the server writes for people are written as the
reader's language writes them: "1,048,576" in English, "1.048.576" in
German, "1048576" in Armenian (whose locale groups no digits). JSON members
for programs (``limit``) stay numbers; numbers that name something (a
revision) stay as they are typed.
"""

from collective.composite import _
from collective.composite.arrangement.history import describe
from collective.composite.arrangement.history import Revision
from collective.composite.json_body import MAX_PAYLOAD_RECORD
from collective.composite.localized_numbers import format_number
from collective.composite.localized_numbers import localized
from collective.composite.localized_numbers import translated
from collective.composite.widgets.image_scales import scale_title
from datetime import datetime
from datetime import timezone
from functional_fixtures import post_settings_dialog
from functional_fixtures import text_widget
from lxml import html as lxml_html
from plone import api
from types import SimpleNamespace
from zope.i18n import translate
from zope.i18n.interfaces import IUserPreferredLanguages
from zope.i18n.locales import locales
from zope.interface import implementer

import json
import pytest


pytestmark = pytest.mark.arrangement({"layout": "two-columns", "slots": {}})

# How each language writes 1048576 (zope.i18n's locale data).
WRITTEN = {
    "en": "1,048,576",
    "de": "1.048.576",
    "fr": "1\xa0048\xa0576",
    "hy": "1048576",
}


@implementer(IUserPreferredLanguages)
class Reader:
    """A request's stand-in: a reader of ``language``, its locale's."""

    def __init__(self, language: str):
        self.language = language
        self.locale = locales.getLocale(language)

    def getPreferredLanguages(self) -> list[str]:
        return [self.language]


reader = Reader


class TestFormatting:
    @pytest.mark.parametrize(("language", "written"), WRITTEN.items())
    def test_a_number_is_written_as_the_language_writes_it(self, language, written):
        assert format_number(1048576, reader(language)) == written

    def test_without_a_request_the_digits_are_plain(self):
        assert format_number(1048576, None) == "1048576"
        assert format_number(1048576, SimpleNamespace()) == "1048576"

    def test_numbers_in_nested_messages_are_written_too(self):
        inner = _("At most ${max}.", mapping={"max": 9007199254740991})
        outer = _("${field}: ${reason}", mapping={"field": "x", "reason": inner})
        message = localized(outer, reader("de"))
        assert translate(message) == "x: At most 9.007.199.254.740.991."

    def test_text_and_yes_or_no_are_left_as_they_are(self):
        message = _("${a} ${b}", mapping={"a": "12345", "b": True})
        assert translated(message, reader("de")) == "12345 True"

    def test_the_message_itself_is_not_changed(self):
        message = _("At least ${min}.", mapping={"min": 65536})
        translated(message, reader("de"))
        assert message.mapping == {"min": 65536}


def revision(action: str = "save", **summary) -> Revision:
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    return Revision(1, "editor", when, action, summary)


class TestHistory:
    @pytest.mark.parametrize(
        ("language", "written"), [("en", "1,200"), ("de", "1.200"), ("hy", "1200")]
    )
    def test_the_counts_of_a_revision_are_written_for_the_reader(
        self, language, written
    ):
        text = describe(revision(added=1200), reader(language))
        assert text.endswith(f": {written}")

    def test_the_number_of_a_restored_revision_is_written_as_typed(self):
        text = describe(revision("restore", restored=1234), reader("de"))
        assert "1234" in text


class TestImageSizes:
    def test_a_width_is_written_for_the_reader(self):
        title = scale_title("huge", 1600, 65536, reader("de"))
        assert translate(title) == "Huge (1.600 pixels wide)"

    def test_a_box_is_written_for_the_reader(self):
        title = scale_title("thumb", 1280, 1280, reader("en"))
        assert translate(title) == "Thumbnail (1,280 × 1,280 pixels)"


class TestRefusals:
    @pytest.mark.parametrize(
        ("language", "message"),
        [
            ("en", "The request body is larger than 131,072 bytes."),
            ("de", "Der Anfrageinhalt ist größer als 131.072 Bytes."),
            ("hy", "The request body is larger than 131072 bytes."),
        ],
    )
    def test_a_body_too_large(self, editor, arranged, speaking, language, message):
        api.portal.set_registry_record(MAX_PAYLOAD_RECORD, 131072)
        speaking(language)
        body = {"version": "1", "slots": {"main": [text_widget("a", "x" * 131072)]}}
        response = editor.patch(f"{arranged.absolute_url()}/@composite", json=body)
        assert response.status_int == 413, response
        assert response.json["error"]["message"] == message
        # For programs, a number.
        assert response.json["error"]["limit"] == 131072

    @pytest.mark.parametrize(
        ("language", "written"),
        [("en", "9,007,199,254,740,991"), ("de", "9.007.199.254.740.991")],
    )
    def test_a_number_too_large_to_store(
        self, editor, arranged, speaking, language, written
    ):
        speaking(language)
        body = b'{"version": "1", "slots": {}, "x": 99999999999999999999}'
        response = editor.patch(f"{arranged.absolute_url()}/@composite", body=body)
        assert response.status_int == 400, response
        assert written in response.json["error"]["message"]
        assert "99999999999999999999" in response.json["error"]["message"]


class TestStatusMessages:
    @pytest.mark.parametrize(
        ("language", "written"), [("en", "65,536"), ("de", "65.536"), ("hy", "65536")]
    )
    def test_a_settings_dialog_too_large_says_the_limit(
        self, design_client, arranged, speaking, language, written
    ):
        api.portal.set_registry_record(MAX_PAYLOAD_RECORD, 65536)
        speaking(language)
        settings = json.dumps({"text": "x" * 65536})
        response = post_settings_dialog(design_client, arranged, settings)
        assert response.status_int == 413, response
        document = lxml_html.fromstring(response.body)
        (shown,) = document.cssselect(".statusmessage-error")
        assert f" {written} " in " ".join(shown.text_content().split())
