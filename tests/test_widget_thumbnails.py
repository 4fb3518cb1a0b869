"""The thumbnails of the content and listing widgets (and of their design
cards) are responsive pictures, as the image widget's: a ``srcset`` of the
item's scales, lazy loading, built from the catalog alone."""

from design_markup import unpacked
from page_fixtures import add
from page_fixtures import make_image
from page_fixtures import png
from page_fixtures import render
from plone import api
from plone.namedfile.file import NamedBlobImage

import pytest
import re


ANY = "plone.app.querystring.operation.selection.any"


@pytest.fixture
def news(portal):
    """A News Item with a 1000 × 500 lead image."""
    item = api.content.create(
        container=portal, type="News Item", id="news", title="Open day"
    )
    item.image = NamedBlobImage(data=png(1000, 500), filename="open-day.png")
    item.reindexObject()
    return item


def pictures(html: str) -> list[str]:
    return re.findall(r"<picture>.*?</picture>", html, re.S)


def scale_url(item, name: str) -> str:
    return item.restrictedTraverse("@@images").scale("image", name, pre=True).url


def srcset(picture: str) -> str:
    return re.search(r'<source [^>]*srcset="([^"]*)"', picture).group(1)


def test_a_summary_card_shows_a_picture_with_a_srcset(page, news, http_request):
    add(page, "content", {"uid": news.UID(), "display": "summary"})
    [picture] = pictures(render(page, http_request))
    assert f"{scale_url(news, 'preview')} 400w" in srcset(picture)
    img = re.search(r"<img [^>]*>", picture).group()
    assert 'class="card-img-top"' in img
    assert 'loading="lazy"' in img
    assert 'alt=""' in img
    assert 'width="400"' in img


def test_a_full_display_shows_a_picture_up_to_large(page, news, http_request):
    add(page, "content", {"uid": news.UID(), "display": "full"})
    [picture] = pictures(render(page, http_request))
    assert f"{scale_url(news, 'large')} 800w" in srcset(picture)
    assert 'alt="Open day"' in picture


def test_listing_cards_show_pictures_with_a_srcset(page, news, http_request):
    query = [{"i": "portal_type", "o": ANY, "v": ["News Item"]}]
    add(page, "listing", {"query": query, "display": "cards"})
    [picture] = pictures(render(page, http_request))
    assert f"{scale_url(news, 'preview')} 400w" in srcset(picture)
    assert 'loading="lazy"' in picture


def test_the_design_card_thumbnail_is_a_picture(page, news, http_request):
    add(page, "content", {"uid": news.UID(), "display": "title"})
    html = unpacked(render(page, http_request, view="composite-design"))
    assert any(f"{scale_url(news, 'thumb')} 128w" in srcset(p) for p in pictures(html))


def test_an_item_without_an_image_has_no_picture(page, portal, http_request):
    doc = api.content.create(container=portal, type="Document", id="doc")
    add(page, "content", {"uid": doc.UID(), "display": "summary"})
    assert not pictures(render(page, http_request))


def test_the_item_is_not_loaded(page, news, http_request):
    add(page, "content", {"uid": news.UID(), "display": "summary"})
    render(page, http_request)
    items = http_request.__annotations__["collective.composite.items"]
    assert items._objects == {}


def test_a_small_image_is_shown_at_its_size(page, portal, http_request):
    image = make_image(portal)
    add(page, "content", {"uid": image.UID(), "display": "summary"})
    [picture] = pictures(render(page, http_request))
    assert 'width="60"' in picture
