"""The shipped widget types: registry look-ups and ``clean``."""

from collective.composite.exceptions import InvalidSettings
from collective.composite.exceptions import UnknownWidgetType
from collective.composite.widgets.types import get_widget_type
from collective.composite.widgets.types import get_widget_types

import json
import pytest


ANY = "plone.app.querystring.operation.selection.any"


UID = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def clean(portal):
    def clean(type_name, settings):
        return get_widget_type(type_name).clean(settings, portal)

    return clean


def invalid_field(clean, type_name, settings) -> str:
    with pytest.raises(InvalidSettings) as raised:
        clean(type_name, settings)
    return raised.value.field


class TestRegistry:
    def test_the_five_shipped_types_are_registered(self, portal):
        names = [widget_type.name for widget_type in get_widget_types()]
        assert names == ["content", "html", "image", "listing", "text"]

    def test_unknown_type_raises_naming_the_type_field(self, portal):
        with pytest.raises(UnknownWidgetType) as raised:
            get_widget_type("carousel")
        assert raised.value.field == "type"
        assert "carousel" in str(raised.value)

    def test_html_needs_its_own_permission(self, portal):
        assert get_widget_type("html").permission == (
            "collective.composite: Add HTML widgets"
        )

    @pytest.mark.parametrize("name", ["content", "text", "image", "listing"])
    def test_other_types_need_no_extra_permission(self, portal, name):
        assert get_widget_type(name).permission is None

    @pytest.mark.parametrize(
        ("role", "granted"),
        [
            ("Manager", True),
            ("Site Administrator", True),
            ("Editor", False),
            ("Owner", False),
        ],
    )
    def test_html_permission_roles(self, portal, role, granted):
        roles = {
            r["name"]
            for r in portal.rolesOfPermission("collective.composite: Add HTML widgets")
            if r["selected"]
        }
        assert (role in roles) is granted

    def test_references_of_a_content_widget(self, portal):
        assert get_widget_type("content").references({"uid": UID}) == [UID]

    def test_references_of_a_text_widget(self, portal):
        assert get_widget_type("text").references({"text": "<p>x</p>"}) == []


class TestCleanGeneric:
    def test_settings_must_be_a_mapping(self, clean):
        with pytest.raises(InvalidSettings):
            clean("text", ["<p>x</p>"])

    def test_unknown_setting_is_named(self, clean):
        assert invalid_field(clean, "content", {"uid": UID, "colour": "red"}) == (
            "colour"
        )

    def test_missing_required_setting_is_named(self, clean):
        assert invalid_field(clean, "content", {"display": "title"}) == "uid"

    def test_null_counts_as_missing(self, clean):
        assert invalid_field(clean, "content", {"uid": None}) == "uid"

    def test_wrong_type_is_named(self, clean):
        assert invalid_field(clean, "content", {"uid": 42}) == "uid"

    def test_failed_constraint_is_named(self, clean):
        assert invalid_field(clean, "content", {"uid": "not-a-uid"}) == "uid"

    def test_value_outside_a_choice_is_named(self, clean):
        assert invalid_field(clean, "content", {"uid": UID, "display": "huge"}) == (
            "display"
        )

    def test_number_out_of_range_is_named(self, clean):
        settings = {"query": [{"i": "portal_type", "o": ANY, "v": "News Item"}]}
        assert invalid_field(clean, "listing", {**settings, "limit": 1000}) == "limit"

    def test_boolean_is_not_a_number(self, clean):
        settings = {"query": [{"i": "portal_type", "o": ANY, "v": "News Item"}]}
        assert invalid_field(clean, "listing", {**settings, "limit": True}) == "limit"

    def test_message_names_the_setting_and_type(self, clean):
        with pytest.raises(InvalidSettings) as raised:
            clean("content", {"uid": "nope"})
        assert "'uid'" in str(raised.value)
        assert "'content'" in str(raised.value)

    def test_defaults_are_filled_in(self, clean):
        assert clean("content", {"uid": UID}) == {"uid": UID, "display": "summary"}

    def test_input_is_not_changed(self, clean):
        settings = {"uid": UID}
        clean("content", settings)
        assert settings == {"uid": UID}

    def test_result_is_json_compatible(self, clean):
        settings = {
            "title": "News",
            "query": [{"i": "portal_type", "o": ANY, "v": ["News Item"]}],
            "limit": 3,
        }
        cleaned = clean("listing", settings)
        assert json.loads(json.dumps(cleaned)) == cleaned


class TestCleanText:
    def test_script_is_filtered_on_save(self, clean):
        cleaned = clean("text", {"text": "<p>Hi<script>alert(1)</script></p>"})
        assert "script" not in cleaned["text"]
        assert "<p>Hi</p>" in cleaned["text"]

    def test_stored_as_a_string(self, clean):
        assert isinstance(clean("text", {"text": "<p>Hi</p>"})["text"], str)

    def test_text_must_be_a_string(self, clean):
        assert invalid_field(clean, "text", {"text": ["<p>Hi</p>"]}) == "text"


class TestCleanHTML:
    def test_markup_is_kept_as_entered(self, clean):
        markup = '<iframe src="https://example.org/embed"></iframe>'
        assert clean("html", {"html": markup}) == {"html": markup}


class TestCleanImage:
    def test_scale_must_be_a_known_scale(self, clean):
        assert invalid_field(clean, "image", {"uid": UID, "scale": "gigantic"}) == (
            "scale"
        )

    def test_default_scale_is_large(self, clean):
        assert clean("image", {"uid": UID})["scale"] == "large"

    def test_empty_alt_text_is_kept_for_decorative_images(self, clean):
        assert clean("image", {"uid": UID, "alt": ""})["alt"] == ""


class TestCleanListing:
    def test_needs_a_collection_or_a_query(self, clean):
        assert invalid_field(clean, "listing", {"limit": 3}) == "collection"

    def test_collection_alone_is_enough(self, clean):
        assert clean("listing", {"collection": UID})["collection"] == UID

    def test_criterion_needs_index_and_operation(self, clean):
        assert invalid_field(clean, "listing", {"query": [{"v": "x"}]}) == "query"

    def test_criterion_value_must_be_plain_data(self, clean):
        query = [{"i": "Subject", "o": ANY, "v": [{"nested": 1}]}]
        assert invalid_field(clean, "listing", {"query": query}) == "query"

    def test_criterion_index_must_be_offered_by_the_query_builder(self, clean):
        query = [{"i": "shoe_size", "o": ANY, "v": "42"}]
        assert invalid_field(clean, "listing", {"query": query}) == "query"

    def test_criterion_operation_must_suit_the_index(self, clean):
        query = [{"i": "portal_type", "o": "anything.goes", "v": "Document"}]
        with pytest.raises(InvalidSettings, match="selection.any"):
            clean("listing", {"query": query})

    def test_sort_on_must_be_a_catalog_index(self, clean):
        settings = {"collection": UID, "sort_on": "shoe_size"}
        assert invalid_field(clean, "listing", settings) == "sort_on"

    def test_sort_on_a_catalog_index(self, clean):
        settings = {"collection": UID, "sort_on": "effective"}
        assert clean("listing", settings)["sort_on"] == "effective"
