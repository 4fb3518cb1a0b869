"""The SearchableText of composite pages: widget text and referenced items."""

from Acquisition import aq_base
from collective.composite import arrangement
from collective.composite.arrangement.storage import find
from collective.composite.catalog.indexers import page_text
from page_fixtures import add
from page_fixtures import as_manager
from page_fixtures import composite_documents
from page_fixtures import hide
from plone import api
from plone.app.textfield.value import RichTextValue
from Products.CMFCore.indexing import processQueue

import pytest


def words(obj) -> list[str]:
    catalog = api.portal.get_tool("portal_catalog")
    catalog(portal_type="nothing")  # process the indexing queue
    path = "/".join(obj.getPhysicalPath())
    return catalog.getIndexDataForUID(path)["SearchableText"]


def found(word: str) -> list[str]:
    return [brain.getId for brain in api.content.find(SearchableText=word)]


class TestSearchableText:
    def test_keeps_the_pages_own_title(self, page):
        assert "library" in words(page)

    def test_text_widget_words_are_found(self, page):
        add(page, "text", {"text": "<p>Silent <strong>atrium</strong></p>"})
        assert found("atrium") == ["page"]

    def test_tags_are_not_indexed(self, page):
        add(page, "text", {"text": "<p>Silent <strong>atrium</strong></p>"})
        assert "strong" not in words(page)

    def test_html_widget_text_is_found(self, page):
        add(page, "html", {"html": "<div>Interactive floorplan</div>"})
        assert "floorplan" in words(page)

    def test_image_alt_and_caption_are_found(self, portal, page):
        from page_fixtures import make_image

        picture = make_image(portal)
        add(page, "image", {"uid": picture.UID(), "alt": "Lamp", "caption": "Brass"})
        assert {"lamp", "brass"} <= set(words(page))

    def test_listing_heading_is_found(self, page):
        add(
            page,
            "listing",
            {
                "title": "Acquisitions",
                "query": [
                    {
                        "i": "portal_type",
                        "o": "plone.app.querystring.operation.selection.any",
                        "v": ["News Item"],
                    }
                ],
            },
        )
        assert "acquisitions" in words(page)

    def test_referenced_title_and_description_are_found(self, portal, page):
        doc = api.content.create(
            container=portal,
            type="Document",
            id="doc",
            title="Manuscripts",
            description="Rare vellum",
        )
        processQueue()  # the item is catalogued before the page refers to it
        add(page, "content", {"uid": doc.UID()})
        assert {"manuscripts", "rare", "vellum"} <= set(words(page))

    def test_titles_of_items_visitors_may_not_view_are_left_out(self, portal, page):
        secret = api.content.create(
            container=portal, type="Document", id="secret", title="Embargoed"
        )
        hide(secret)
        processQueue()
        add(page, "content", {"uid": secret.UID()})
        assert "embargoed" not in words(page)

    def test_unplaced_widgets_are_left_out(self, page):
        arrangement.set_layout(page, "two-columns")
        add(page, "text", {"text": "<p>Marginalia</p>"}, slot="sidebar")
        arrangement.set_layout(page, "one-column")
        assert "marginalia" not in words(page)


class TestReindexing:
    def test_updating_a_widget_reindexes(self, page):
        widget = add(page, "text", {"text": "<p>Before</p>"})
        arrangement.update_widget(page, widget.id, {"text": "<p>Afterwards</p>"})
        assert "afterwards" in words(page)
        assert "before" not in words(page)

    def test_removing_a_widget_reindexes(self, page):
        widget = add(page, "text", {"text": "<p>Ephemeral</p>"})
        arrangement.remove_widget(page, widget.id)
        assert found("Ephemeral") == []


class TestSavesThatKeepTheText:
    """Saves that change no word leave the catalog alone: the full-text index
    rewrites a page's whole word list on every reindex."""

    @pytest.fixture
    def catalog(self, page):
        return api.portal.get_tool("portal_catalog")

    @pytest.fixture
    def two_widgets(self, page):
        first = add(page, "text", {"text": "<p>Orchard</p>"})
        second = add(page, "text", {"text": "<p>Meadow</p>"})
        processQueue()
        return first, second

    def test_the_text_does_not_depend_on_where_widgets_are(self, page, two_widgets):
        before = page_text(page)
        arrangement.move_widget(page, two_widgets[1].id, "main", 0)
        assert page_text(page) == before

    def test_moving_a_widget_does_not_reindex(self, page, catalog, two_widgets):
        counter = catalog.getCounter()
        arrangement.move_widget(page, two_widgets[1].id, "main", 0)
        processQueue()
        assert catalog.getCounter() == counter

    def test_a_setting_that_shows_no_words_does_not_reindex(
        self, portal, page, catalog
    ):
        doc = api.content.create(container=portal, type="Document", id="doc")
        widget = add(page, "content", {"uid": doc.UID(), "display": "summary"})
        processQueue()
        counter = catalog.getCounter()
        arrangement.update_widget(
            page, widget.id, {"uid": doc.UID(), "display": "full"}
        )
        processQueue()
        assert catalog.getCounter() == counter

    def test_changing_words_reindexes(self, page, catalog, two_widgets):
        counter = catalog.getCounter()
        arrangement.update_widget(page, two_widgets[0].id, {"text": "<p>Hedge</p>"})
        processQueue()
        assert catalog.getCounter() > counter

    def test_unplacing_widgets_by_switching_layout_reindexes(self, page):
        arrangement.set_layout(page, "two-columns")
        add(page, "text", {"text": "<p>Marginalia</p>"}, slot="sidebar")
        assert "marginalia" in words(page)
        arrangement.set_layout(page, "one-column")
        assert "marginalia" not in words(page)

    @pytest.fixture
    def reindexed(self, page, monkeypatch) -> list:
        """The indexes each reindex of a page is asked for, as lists."""
        asked = []
        cls = type(aq_base(page))
        reindex = cls.reindexObject

        def spy(obj, idxs=None, *args, **kwargs):
            if aq_base(obj) is aq_base(page):
                asked.append(list(idxs or []))
            return reindex(obj, idxs, *args, **kwargs)

        monkeypatch.setattr(cls, "reindexObject", spy)
        return asked

    def test_changing_words_reindexes_the_text_alone(
        self, page, two_widgets, reindexed
    ):
        arrangement.update_widget(page, two_widgets[0].id, {"text": "<p>Hedge</p>"})
        assert reindexed == [["SearchableText"]]

    def test_showing_another_item_of_the_same_words_reindexes_the_references_alone(
        self, portal, page, reindexed
    ):
        # Neither item has a title or description: the page's text stays.
        doc = api.content.create(container=portal, type="Document", id="doc")
        other = api.content.create(container=portal, type="Document", id="other")
        widget = add(page, "content", {"uid": doc.UID()})
        reindexed.clear()
        arrangement.update_widget(page, widget.id, {"uid": other.UID()})
        assert reindexed == [["composite_references"]]

    def test_a_page_indexed_with_one_digest_of_both_is_reindexed_once(
        self, page, catalog, two_widgets, reindexed
    ):
        find(page).indexed_digest = b"\0" * 32  # one digest of both, as kept before
        arrangement.move_widget(page, two_widgets[1].id, "main", 0)
        arrangement.move_widget(page, two_widgets[0].id, "main", 0)
        assert reindexed == [["SearchableText", "composite_references"]]

    def test_a_page_saved_before_the_digest_existed_is_reindexed(
        self, page, catalog, two_widgets
    ):
        find(page).indexed_digest = None  # as a page saved by an earlier release
        counter = catalog.getCounter()
        arrangement.move_widget(page, two_widgets[1].id, "main", 0)
        processQueue()
        assert catalog.getCounter() > counter


class TestOtherTypes:
    def test_a_documents_own_text_is_kept(self, portal):
        as_manager(portal)
        with composite_documents(portal):
            doc = api.content.create(container=portal, type="Document", id="doc")
            doc.text = RichTextValue("<p>Bodytext</p>", "text/html")
            doc.reindexObject()
            add(doc, "text", {"text": "<p>Widgettext</p>"})
            assert {"bodytext", "widgettext"} <= set(words(doc))
