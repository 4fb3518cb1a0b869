"""Composite pages in Plone's link integrity: deleting an item a page shows, or
links to from a widget's markup, warns and lists the page, as for a Document
linking to it; the relations follow each save, the page's copies, edits and
deletion (see collective.composite.catalog.link_integrity)."""

from collective.composite import arrangement
from collective.composite.catalog import link_integrity
from functional_fixtures import arrange
from page_fixtures import as_manager
from page_fixtures import composite_document
from page_fixtures import make_image
from plone import api
from plone.app.iterate.interfaces import ICheckinCheckoutPolicy
from plone.app.linkintegrity.exceptions import LinkIntegrityNotificationException
from plone.app.testing import applyProfile
from plone.app.textfield.value import RichTextValue
from plone.uuid.interfaces import IMutableUUID
from zope.lifecycleevent import modified

import lxml.html
import pytest
import transaction


@pytest.fixture
def site(functional_portal, rest_users):
    as_manager(functional_portal)
    return functional_portal


@pytest.fixture
def item(site):
    """A Document ``/plone/item``, committed."""
    item = api.content.create(
        container=site, type="Document", id="item", title="Manuscripts"
    )
    transaction.commit()
    return item


@pytest.fixture
def page(site):
    """An empty Composite Page ``/plone/page``, committed."""
    page = api.content.create(
        container=site, type="Composite Page", id="page", title="Reading room"
    )
    transaction.commit()
    return page


@pytest.fixture
def showing(page, item):
    """``page`` showing ``item`` in a content widget ``shown``, committed."""
    arrange(page, {"slots": {"main": [content_widget("shown", item)]}})
    return page


def content_widget(widget_id: str, item) -> dict:
    return {"id": widget_id, "type": "content", "settings": {"uid": item.UID()}}


def linking(item) -> list[str]:
    """The titles of the items that Plone's delete confirmation lists as
    linking to ``item``."""
    view = api.content.get_view("delete_confirmation_info", item, item.REQUEST)
    return sorted(
        source["title"]
        for breach in view.get_breaches([item])
        for source in breach["sources"]
    )


def test_deleting_a_shown_item_warns_the_editor_with_the_page(
    showing, item, rest_client
):
    editor = rest_client("editor", auth="basic")
    response = editor.get(
        f"{item.absolute_url()}/delete_confirmation", headers={"Accept": "text/html"}
    )
    assert response.status_int == 200
    document = lxml.html.fromstring(response.text)
    (heading,) = document.xpath("//h2[contains(., 'Potential link breakage')]")
    links = document.xpath("//a[normalize-space(.)='Reading room']/@href")
    assert links == [showing.absolute_url()]


def test_headless_front_ends_are_told_of_the_page(showing, item, rest_client):
    """plone.restapi's ``@linkintegrity``, what Volto's delete dialog reads."""
    editor = rest_client("editor")
    response = editor.get(
        f"{api.portal.get().absolute_url()}/@linkintegrity?uids={item.UID()}"
    )
    assert response.status_int == 200
    (breach,) = response.json
    assert [source["title"] for source in breach["breaches"]] == ["Reading room"]


def test_deleting_a_shown_item_from_a_script_is_refused(showing, item):
    with pytest.raises(LinkIntegrityNotificationException):
        api.content.delete(item)
    assert "item" in api.portal.get()


@pytest.mark.parametrize(
    "kind",
    ["content", "image", "listing", "text", "html"],
)
def test_every_shipped_widget_type_links_to_what_it_shows(site, page, kind):
    image = make_image(site, "picture")
    collection = api.content.create(
        container=site, type="Collection", id="news", title="News"
    )
    target = {"content": image, "image": image, "listing": collection}.get(kind)
    settings = {
        "content": {"uid": image.UID()},
        "image": {"uid": image.UID()},
        "listing": {"collection": collection.UID()},
        "text": {"text": f'<p><a href="../resolveuid/{image.UID()}">See</a></p>'},
        "html": {"html": '<p><img src="/plone/picture/@@images/image/thumb"></p>'},
    }[kind]
    transaction.commit()
    arrange(page, {"slots": {"main": [{"type": kind, "settings": settings}]}})
    assert linking(target or image) == ["Reading room"]


def test_removing_the_widget_removes_the_link(showing, item, rest_client):
    editor = rest_client("editor")
    response = editor.patch(
        f"{showing.absolute_url()}/@composite",
        json={"version": "1", "slots": {"main": []}},
    )
    assert response.status_int == 200
    assert linking(item) == []
    api.content.delete(item)  # no longer refused


def test_moving_a_widget_keeps_the_link_and_rewrites_no_relation(
    showing, item, monkeypatch
):
    renewed = []
    monkeypatch.setattr(link_integrity, "modifiedContent", renewed.append)
    widget = {"id": "shown", "type": "content"}
    arrange(showing, {"layout": "two-columns", "slots": {"sidebar": [widget]}})
    assert (linking(item), renewed) == (["Reading room"], [])


def test_an_unplaced_widget_still_links(site, page, item):
    arrange(
        page,
        {
            "layout": "two-columns",
            "slots": {"sidebar": [content_widget("aside", item)]},
        },
    )
    arrangement.set_layout(page, "one-column")
    transaction.commit()
    assert [widget.id for widget in arrangement.get(page).unplaced] == ["aside"]
    assert linking(item) == ["Reading room"]


def test_deleting_the_page_removes_its_links(showing, item):
    api.content.delete(showing)
    transaction.commit()
    assert linking(item) == []
    api.content.delete(item)


def test_a_documents_own_links_are_kept_beside_its_widgets(site, item):
    """A type with rich text and the composite behavior links to both."""
    other = api.content.create(
        container=site, type="Document", id="other", title="Maps"
    )
    document = composite_document(site, "room", "Study room")
    transaction.commit()
    arrange(document, {"slots": {"main": [content_widget("shown", item)]}})
    document.text = RichTextValue(
        f'<a href="resolveuid/{other.UID()}">Maps</a>', "text/html", "text/html"
    )
    modified(document)  # Plone's own handler asks the add-on's retriever
    transaction.commit()
    assert (linking(item), linking(other)) == (["Study room"], ["Study room"])
    arrange(document, {"slots": {"main": []}})  # a save keeps the text's link
    assert (linking(item), linking(other)) == ([], ["Study room"])


def test_a_copy_of_the_page_links_on_its_own(showing, item):
    copy = api.content.copy(showing, api.portal.get(), "copy")
    transaction.commit()
    assert linking(item) == ["Reading room", "Reading room"]
    arrange(copy, {"slots": {"main": []}})
    assert linking(item) == ["Reading room"]


def test_a_moved_or_renamed_item_is_still_shown_and_linked(site, showing, item):
    folder = api.content.create(container=site, type="Folder", id="archive")
    moved = api.content.move(item, folder)
    renamed = api.content.rename(moved, "manuscripts")
    transaction.commit()
    assert linking(renamed) == ["Reading room"]
    html = showing.restrictedTraverse("@@composite-view")()
    assert f'href="{renamed.absolute_url()}"' in html


def test_an_item_created_after_the_page_is_linked_when_it_comes(site, page):
    """Site imports create a page before the items it shows, then give each
    item the UID it had on the old site."""
    uid = "0123456789abcdef0123456789abcdef"
    arrange(page, {"slots": {"main": [{"type": "content", "settings": {"uid": uid}}]}})
    item = api.content.create(container=site, type="Document", id="late", title="Late")
    IMutableUUID(item).set(uid)
    modified(item)
    transaction.commit()
    assert linking(item) == ["Reading room"]


def test_nothing_is_linked_while_link_integrity_is_off(site, page, item):
    api.portal.set_registry_record("plone.enable_link_integrity_checks", False)
    arrange(page, {"slots": {"main": [content_widget("shown", item)]}})
    api.portal.set_registry_record("plone.enable_link_integrity_checks", True)
    assert linking(item) == []


def test_plones_rebuild_links_pages_saved_before(site, page, item):
    """Site Setup's ``@@updateLinkIntegrityInformation``, for pages saved
    while link integrity was off or before the add-on took part in it."""
    api.portal.set_registry_record("plone.enable_link_integrity_checks", False)
    arrange(page, {"slots": {"main": [content_widget("shown", item)]}})
    api.portal.set_registry_record("plone.enable_link_integrity_checks", True)
    api.content.get_view("updateLinkIntegrityInformation", site, site.REQUEST).update()
    assert linking(item) == ["Reading room"]


def test_the_site_roots_widgets_are_not_linked(site, item):
    """plone.exportimport cannot import a relation from the site root, so a
    composite front page showing items would stop a whole-site import."""
    arrange(site, {"slots": {"main": [content_widget("shown", item)]}})
    assert linking(item) == []


def test_a_working_copy_links_until_it_is_checked_in(site, showing, item):
    """plone.app.iterate: the check-out is a copy, the check-in a save onto
    the baseline and the copy's deletion."""
    applyProfile(site, "plone.app.iterate:default")
    working_copy = ICheckinCheckoutPolicy(showing).checkout(site)
    transaction.commit()
    assert len(linking(item)) == 2
    arrange(working_copy, {"slots": {"main": []}})
    assert len(linking(item)) == 1
    ICheckinCheckoutPolicy(working_copy).checkin("No manuscripts")
    transaction.commit()
    assert linking(item) == []
