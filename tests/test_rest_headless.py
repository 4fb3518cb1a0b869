"""What a headless front end needs to show a page, as docs/rest.md tells it
("Showing a page headless"): every recipe run against the published app."""

from functional_fixtures import arrange
from page_fixtures import png
from plone import api
from plone.namedfile.file import NamedBlobImage

import pytest
import transaction


SUBJECT_NEWS = {
    "i": "Subject",
    "o": "plone.app.querystring.operation.selection.any",
    "v": ["news"],
}


@pytest.fixture
def photo(functional_portal):
    with api.env.adopt_roles(["Manager"]):
        image = api.content.create(
            container=functional_portal,
            type="Image",
            id="photo",
            title="Photo",
            image=NamedBlobImage(png(800, 600), filename="photo.png"),
        )
    transaction.commit()
    return image


@pytest.fixture
def news(functional_portal):
    """Three Documents with the subject ``news``, committed."""
    with api.env.adopt_roles(["Manager"]):
        for title in ("Alpha", "Bravo", "Charlie"):
            api.content.create(
                container=functional_portal,
                type="Document",
                title=title,
                subject=["news"],
                # Shown by the listing only, not in the navigation too.
                exclude_from_nav=True,
            )
    transaction.commit()


def only_widget(editor, page) -> dict:
    (widget,) = editor.get(f"{page.absolute_url()}/@composite").json["slots"]["main"]
    return widget


def test_an_image_is_shown_by_its_reference_and_scale(editor, functional_page, photo):
    arrange(
        functional_page,
        {"slots": {"main": [{"type": "image", "settings": {"uid": photo.UID()}}]}},
    )
    widget = only_widget(editor, functional_page)
    reference = widget["references"][widget["settings"]["uid"]]
    response = editor.get(
        f"{reference['@id']}/@@images/image/{widget['settings']['scale']}",
        headers={"Accept": None},
    )
    assert (response.status_int, response.content_type) == (200, "image/png")
    scales = editor.get(reference["@id"]).json["image"]["scales"]
    assert widget["settings"]["scale"] in scales


def test_a_listing_shows_what_querystring_search_finds_with_its_settings(
    editor, functional_page, news
):
    settings = {"query": [SUBJECT_NEWS], "sort_on": "sortable_title"}
    settings |= {"sort_reversed": True, "limit": 2}
    arrange(
        functional_page,
        {"slots": {"main": [{"type": "listing", "settings": settings}]}},
    )
    settings = only_widget(editor, functional_page)["settings"]
    found = editor.request(
        "POST",
        f"{functional_page.absolute_url()}/@querystring-search",
        json={
            "query": settings["query"],
            "sort_on": settings.get("sort_on"),
            "sort_order": "descending" if settings["sort_reversed"] else "ascending",
            "limit": settings["limit"],
            "b_size": settings["limit"],
        },
    )
    titles = [item["title"] for item in found.json["items"]]
    assert titles == ["Charlie", "Bravo"]
    shown = editor.get(
        f"{functional_page.absolute_url()}/@@composite-view", headers={"Accept": None}
    ).text
    assert shown.index("Charlie") < shown.index("Bravo")
    assert "Alpha" not in shown


def test_html_comes_filtered_as_the_page_shows_it(rest_client, functional_page):
    entered = "<p>Hi</p><script>track()</script>"
    arrange(
        functional_page,
        {"slots": {"main": [{"type": "html", "settings": {"html": entered}}]}},
    )
    reader = rest_client("reader")
    html = only_widget(reader, functional_page)["settings"]["html"]
    shown = reader.get(
        f"{functional_page.absolute_url()}/@@composite-view", headers={"Accept": None}
    ).text
    assert html == "<p>Hi</p>"
    assert html in shown
    assert "track()" not in shown


def test_a_collection_listing_shows_what_the_collection_query_finds(
    editor, functional_page, functional_portal, news
):
    with api.env.adopt_roles(["Manager"]):
        collection = api.content.create(
            container=functional_portal,
            type="Collection",
            title="All news",
            query=[SUBJECT_NEWS],
            sort_on="sortable_title",
            exclude_from_nav=True,
        )
    transaction.commit()
    arrange(
        functional_page,
        {
            "slots": {
                "main": [
                    {
                        "type": "listing",
                        "settings": {"collection": collection.UID(), "limit": 2},
                    }
                ]
            }
        },
    )
    widget = only_widget(editor, functional_page)
    reference = widget["references"][widget["settings"]["collection"]]
    own = editor.get(reference["@id"]).json
    found = editor.request(
        "POST",
        f"{reference['@id']}/@querystring-search",
        json={
            "query": own["query"],
            "sort_on": widget["settings"].get("sort_on") or own["sort_on"],
            "sort_order": "descending" if own["sort_reversed"] else "ascending",
            "limit": widget["settings"]["limit"],
            "b_size": widget["settings"]["limit"],
        },
    )
    assert [item["title"] for item in found.json["items"]] == ["Alpha", "Bravo"]
    shown = editor.get(
        f"{functional_page.absolute_url()}/@@composite-view", headers={"Accept": None}
    ).text
    assert shown.index("Alpha") < shown.index("Bravo")
    assert "Charlie" not in shown
