"""Rendering widgets: each shipped type, design cards, broken and missing widgets,
items the visitor may not view, one catalog query per page."""

from collective.composite import arrangement
from collective.composite.arrangement.storage import KEY
from collective.composite.interfaces import IWidgetType
from collective.composite.widgets import pictures
from collective.composite.widgets import rendering
from collective.composite.widgets.renderer import WidgetRenderer
from collective.composite.widgets.rendering import render_widget
from collective.composite.widgets.types import WidgetType
from contextlib import contextmanager
from page_fixtures import add
from page_fixtures import as_visitor
from page_fixtures import hide
from page_fixtures import make_image
from page_fixtures import png
from page_fixtures import render
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobImage
from plone.namedfile.picture import get_picture_variants
from Products.CMFPlone.CatalogTool import CatalogTool
from zope.annotation.interfaces import IAnnotations
from zope.component import getGlobalSiteManager
from zope.interface import Interface
from zope.schema import TextLine

import logging
import pytest
import re


ANY = "plone.app.querystring.operation.selection.any"


@pytest.fixture
def doc(portal):
    doc = api.content.create(
        container=portal,
        type="Document",
        id="doc",
        title="Opening hours",
        description="When the library is open.",
    )
    doc.text = RichTextValue("<p>Monday to Friday, nine to five.</p>", "text/html")
    return doc


@pytest.fixture
def picture(portal):
    return make_image(portal)


class TestContent:
    def test_title_display_links_the_item(self, page, doc, http_request):
        add(page, "content", {"uid": doc.UID(), "display": "title"})
        html = render(page, http_request)
        assert f'<a href="{doc.absolute_url()}">Opening hours</a>' in html

    def test_summary_display_shows_the_description(self, page, doc, http_request):
        add(page, "content", {"uid": doc.UID(), "display": "summary"})
        html = render(page, http_request)
        assert "composite-content--summary" in html
        assert "When the library is open." in html

    def test_summary_shows_the_lead_image(self, page, picture, http_request):
        add(page, "content", {"uid": picture.UID(), "display": "summary"})
        assert "@@images/image-" in render(page, http_request)

    def test_full_display_shows_the_text(self, page, doc, http_request):
        add(page, "content", {"uid": doc.UID(), "display": "full"})
        assert "Monday to Friday, nine to five." in render(page, http_request)

    def test_only_full_display_loads_the_item(self, page, doc, http_request):
        add(page, "content", {"uid": doc.UID(), "display": "summary"})
        render(page, http_request)
        items = http_request.__annotations__["collective.composite.items"]
        assert items._objects == {}


class TestText:
    def test_renders_the_html(self, page, http_request):
        add(page, "text", {"text": "<p>Welcome <strong>in</strong></p>"})
        assert "<p>Welcome <strong>in</strong></p>" in render(page, http_request)

    def test_is_filtered_again_on_render(self, page, http_request):
        widget = add(page, "text", {"text": "<p>ok</p>"})
        # Stored data that escaped the filter (an older filter, a migration).
        record = IAnnotations(page)[KEY].widgets[widget.id]
        record.settings = {"text": "<p>ok</p><script>bad()</script>"}
        html = render(page, http_request)
        assert "bad()" not in html
        assert "<p>ok</p>" in html


class TestImage:
    def test_renders_the_scale_with_alt_and_caption(self, page, picture, http_request):
        add(
            page,
            "image",
            {"uid": picture.UID(), "scale": "thumb", "alt": "A teal square"},
        )
        add(page, "image", {"uid": picture.UID(), "caption": "Our colour"})
        html = render(page, http_request)
        assert 'alt="A teal square"' in html
        assert "<figcaption" in html
        assert "Our colour" in html

    def test_alt_defaults_to_the_title(self, page, picture, http_request):
        add(page, "image", {"uid": picture.UID()})
        assert 'alt="A teal picture"' in render(page, http_request)

    def test_empty_alt_marks_a_decorative_image(self, page, picture, http_request):
        add(page, "image", {"uid": picture.UID(), "alt": ""})
        assert 'alt=""' in render(page, http_request)


class TestImagePicture:
    """The image widget's ``<picture>``: Plone's scales and picture variants."""

    @pytest.fixture
    def photo(self, portal):
        photo = make_image(portal, "photo", "A wide photo")
        photo.image = NamedBlobImage(data=png(1000, 500), filename="photo.png")
        photo.reindexObject()
        return photo

    def scale_urls(self, photo) -> dict:
        """:returns: the scale URLs of the photo's ``@@images`` view, by width."""
        images = photo.restrictedTraverse("@@images")
        return {
            width: images.scale("image", name, pre=True).url
            for name, width in (("preview", 400), ("teaser", 600), ("large", 800))
        }

    def img(self, html: str) -> str:
        """:returns: the widget's ``<img>`` tag in ``html``."""
        return re.search(r"<picture>.*?(<img [^>]*>)</picture>", html, re.S).group(1)

    def test_srcset_holds_the_scales_up_to_the_chosen_one(
        self, page, photo, http_request
    ):
        add(page, "image", {"uid": photo.UID(), "scale": "large", "alt": "Wide"})
        html = render(page, http_request)
        picture = re.search(r"<picture>.*?</picture>", html, re.S).group()
        srcset = re.search(r'<source srcset="([^"]*)"', picture).group(1)
        urls = self.scale_urls(photo)
        for width, url in urls.items():
            assert f"{url} {width}w" in srcset
        assert "1000w" not in srcset  # larger than the chosen scale
        img = re.search(r"<img [^>]*>", picture).group()
        assert f'src="{urls[800]}"' in img
        assert 'width="800"' in img
        assert 'height="400"' in img
        assert 'loading="lazy"' in img
        assert 'alt="Wide"' in img

    def test_the_picture_variants_are_read_once_a_request(
        self, page, photo, http_request, monkeypatch
    ):
        reads = []
        monkeypatch.setattr(
            pictures,
            "get_picture_variants",
            lambda: reads.append(1) or get_picture_variants(),
        )
        for scale in ("preview", "large", "teaser"):
            add(page, "image", {"uid": photo.UID(), "scale": scale})
        assert render(page, http_request).count("<picture>") == 3
        assert len(reads) == 1

    def test_a_picture_variant_of_the_scale_gives_the_srcset(
        self, page, photo, http_request
    ):
        # Plone's default "small" variant shows "preview", with "large" and
        # "larger" for wider or denser screens, and its own sizes.
        add(page, "image", {"uid": photo.UID(), "scale": "preview"})
        html = render(page, http_request)
        source = re.search(r"<source [^>]*>", html).group()
        urls = self.scale_urls(photo)
        assert f"{urls[400]} 400w" in source
        assert f"{urls[800]} 800w" in source
        assert "1000w" in source
        assert "600w" not in source
        assert 'sizes="(min-width: 576px) 400px' in source
        assert 'width="400"' in self.img(html)

    def test_an_image_smaller_than_the_scale_is_shown_at_its_size(
        self, page, picture, http_request
    ):
        add(page, "image", {"uid": picture.UID(), "scale": "large"})
        img = self.img(render(page, http_request))
        assert 'width="60"' in img
        assert 'height="40"' in img

    def test_the_caption_is_kept(self, page, photo, http_request):
        add(page, "image", {"uid": photo.UID(), "caption": "At dawn"})
        html = render(page, http_request)
        assert re.search(r"</picture>\s*<figcaption[^>]*>At dawn</figcaption>", html)

    def test_the_image_is_not_loaded(self, page, photo, http_request):
        add(page, "image", {"uid": photo.UID()})
        render(page, http_request)
        items = http_request.__annotations__["collective.composite.items"]
        assert items._objects == {}

    def test_visitors_see_nothing_of_a_private_image(
        self, portal, page, photo, http_request
    ):
        add(page, "image", {"uid": photo.UID(), "caption": "At dawn"})
        hide(photo)
        as_visitor(portal)
        html = render(page, http_request)
        assert "<picture" not in html
        assert "At dawn" not in html
        assert "@@images" not in html


class TestListing:
    def test_lists_the_results_of_a_query(self, page, doc, http_request):
        add(
            page,
            "listing",
            {
                "title": "Pages",
                "query": [
                    {
                        "i": "portal_type",
                        "o": "plone.app.querystring.operation.selection.any",
                        "v": ["Document"],
                    }
                ],
                "display": "titles",
            },
        )
        html = render(page, http_request)
        assert "Pages" in html
        assert f'<a href="{doc.absolute_url()}">Opening hours</a>' in html

    def test_lists_the_results_of_a_collection(self, portal, page, doc, http_request):
        collection = api.content.create(
            container=portal,
            type="Collection",
            id="pages",
            title="All pages",
            query=[
                {
                    "i": "portal_type",
                    "o": "plone.app.querystring.operation.selection.any",
                    "v": ["Document"],
                }
            ],
        )
        add(page, "listing", {"collection": collection.UID(), "display": "cards"})
        html = render(page, http_request)
        assert "Opening hours" in html
        assert f'href="{collection.absolute_url()}"' in html

    def test_summaries_show_localized_dates(self, page, doc, http_request):
        add(
            page,
            "listing",
            {"query": [{"i": "portal_type", "o": ANY, "v": "Document"}]},
        )
        html = render(page, http_request)
        listing = html.split('class="composite-listing"')[1].split("</section>")[0]
        assert "composite-listing__items--summaries" in listing
        assert "When the library is open." in listing
        assert f"{doc.created().year()}</time>" in listing

    def test_limit(self, portal, page, http_request):
        for number in range(4):
            api.content.create(container=portal, type="News Item", title=f"N{number}")
        add(
            page,
            "listing",
            {
                "query": [
                    {
                        "i": "portal_type",
                        "o": "plone.app.querystring.operation.selection.any",
                        "v": ["News Item"],
                    }
                ],
                "limit": 2,
                "display": "titles",
            },
        )
        html = render(page, http_request)
        listing = html.split('class="composite-listing"')[1].split("</section>")[0]
        assert sum(f">N{number}</a>" in listing for number in range(4)) == 2


class TestHTML:
    def test_renders_allowed_markup(self, page, http_request):
        add(page, "html", {"html": '<div class="embed"><em>Map</em></div>'})
        assert '<div class="embed"><em>Map</em></div>' in render(page, http_request)

    def test_is_passed_through_the_filter(self, page, http_request):
        add(page, "html", {"html": "<p>Map</p><script>steal()</script>"})
        html = render(page, http_request)
        assert "steal()" not in html
        assert "<p>Map</p>" in html

    def test_a_designer_without_the_permission_cannot_add_one(self, portal, page):
        from collective.composite.exceptions import WidgetNotAllowed
        from plone.app.testing import setRoles
        from plone.app.testing import TEST_USER_ID

        setRoles(portal, TEST_USER_ID, ["Editor"])
        with pytest.raises(WidgetNotAllowed):
            add(page, "html", {"html": "<p>x</p>"})


class TestDesignCards:
    @pytest.mark.parametrize(
        ("type_name", "expected"),
        [
            ("content", "Opening hours"),
            ("text", "Hello there"),
            ("image", "A teal picture"),
            ("listing", "Opening hours"),
            ("html", "&lt;b&gt;raw&lt;/b&gt;"),
        ],
    )
    def test_each_type_has_a_card(
        self, page, doc, picture, http_request, type_name, expected
    ):
        settings = {
            "content": {"uid": doc.UID()},
            "text": {"text": "<h2>Greeting</h2><p>Hello there</p>"},
            "image": {"uid": picture.UID()},
            "listing": {"query": [{"i": "portal_type", "o": ANY, "v": "Document"}]},
            "html": {"html": "<b>raw</b>"},
        }[type_name]
        add(page, type_name, settings)
        (widget,) = arrangement.get(page).slots["main"]
        html = render_widget(widget, page, http_request, design=True)
        assert f"composite-card--{type_name}" in html
        assert expected in html


class BrokenRenderer(WidgetRenderer):
    def render(self):
        raise RuntimeError("the weather service is down")


class IBrokenSettings(Interface):
    note = TextLine(title="Note", required=False)


@contextmanager
def registered_type(tmp_path, name: str, template_text: str, renderer):
    """A widget type ``name`` whose real and design template is
    ``template_text``, registered for the duration."""
    template = tmp_path / f"{name}.pt"
    template.write_text(template_text)
    widget_type = WidgetType(
        name=name,
        title=name.title(),
        schema=IBrokenSettings,
        template=str(template),
        design_template=str(template),
        renderer=renderer,
    )
    registry = getGlobalSiteManager()
    registry.registerUtility(widget_type, IWidgetType, name)
    try:
        yield widget_type
    finally:
        registry.unregisterUtility(widget_type, IWidgetType, name)


@pytest.fixture
def broken_type(tmp_path):
    with registered_type(tmp_path, "broken", "<p>never</p>", BrokenRenderer) as made:
        yield made


class TestBrokenWidget:
    @pytest.fixture
    def broken_page(self, page, broken_type):
        add(page, "text", {"text": "<p>Before</p>"})
        add(page, "broken", {})
        add(page, "text", {"text": "<p>After</p>"})
        return page

    def test_designers_see_an_error_card_with_the_reason(
        self, broken_page, http_request
    ):
        html = render(broken_page, http_request)
        assert "composite-card--error" in html
        assert "the weather service is down" in html

    def test_the_rest_of_the_page_renders(self, broken_page, http_request):
        html = render(broken_page, http_request)
        assert "<p>Before</p>" in html
        assert "<p>After</p>" in html

    def test_visitors_see_nothing_of_it(self, portal, broken_page, http_request):
        as_visitor(portal)
        html = render(broken_page, http_request)
        assert "composite-card--error" not in html
        assert "weather" not in html
        assert "<p>After</p>" in html

    def test_the_error_is_logged(self, portal, broken_page, http_request, caplog):
        as_visitor(portal)
        with caplog.at_level(logging.ERROR, logger="collective.composite"):
            render(broken_page, http_request)
        assert "the weather service is down" in caplog.text

    def test_an_unregistered_type_is_logged_once_without_a_traceback(
        self, portal, broken_page, broken_type, http_request, caplog, monkeypatch
    ):
        monkeypatch.setattr(rendering, "_RETIRED_LOGGED", set())
        getGlobalSiteManager().unregisterUtility(broken_type, IWidgetType, "broken")
        as_visitor(portal)
        with caplog.at_level(logging.INFO, logger="collective.composite"):
            render(broken_page, http_request)
            render(broken_page, http_request)
        said = [r for r in caplog.records if "failed to render" in r.getMessage()]
        assert said == []
        (record,) = [r for r in caplog.records if "no more" in r.getMessage()]
        assert record.levelno == logging.WARNING
        assert record.exc_info is None
        assert "'broken'" in record.getMessage()

    def test_an_unregistered_type_is_an_error_card(
        self, broken_page, broken_type, http_request
    ):
        getGlobalSiteManager().unregisterUtility(broken_type, IWidgetType, "broken")
        html = render(broken_page, http_request)
        assert "composite-card--error" in html
        assert "broken" in html

    def test_an_image_widget_showing_a_page_is_an_error_card(
        self, page, doc, http_request
    ):
        add(page, "image", {"uid": doc.UID()})
        html = render(page, http_request)
        assert "composite-card--error" in html
        assert "has no image" in html


class TestMissingItem:
    @pytest.fixture
    def orphaned(self, portal, page, doc):
        add(page, "content", {"uid": doc.UID()})
        add(page, "text", {"text": "<p>Still here</p>"})
        api.content.delete(doc, check_linkintegrity=False)  # "Delete anyway"
        return page

    def test_designers_see_a_missing_item_card(self, orphaned, http_request):
        assert "composite-card--missing" in render(orphaned, http_request)

    def test_visitors_see_nothing_of_it(self, portal, orphaned, http_request):
        as_visitor(portal)
        html = render(orphaned, http_request)
        assert "composite-card--missing" not in html
        assert "composite-widget-content" not in html

    def test_the_rest_of_the_page_renders(self, portal, orphaned, http_request):
        as_visitor(portal)
        assert "<p>Still here</p>" in render(orphaned, http_request)

    def test_the_widget_is_kept(self, orphaned):
        assert [w.type for w in arrangement.get(orphaned).slots["main"]] == [
            "content",
            "text",
        ]


class TestPrivateItems:
    def test_visitors_do_not_see_items_they_may_not_view(
        self, portal, page, doc, http_request
    ):
        add(page, "content", {"uid": doc.UID(), "display": "title"})
        hide(doc)
        as_visitor(portal)
        assert "Opening hours" not in render(page, http_request)

    def test_managers_still_see_them(self, page, doc, http_request):
        add(page, "content", {"uid": doc.UID(), "display": "title"})
        hide(doc)
        assert "Opening hours" in render(page, http_request)


class TestOneCatalogQuery:
    def test_all_referenced_items_in_one_query(
        self, portal, page, doc, picture, http_request, monkeypatch
    ):
        other = api.content.create(container=portal, type="Document", title="Other")
        add(page, "content", {"uid": doc.UID()}, slot="main")
        add(page, "content", {"uid": other.UID(), "display": "title"})
        add(page, "image", {"uid": picture.UID()})
        add(page, "content", {"uid": "f" * 32})  # refers to nothing
        arrangement.set_layout(page, "two-columns")
        add(page, "content", {"uid": doc.UID(), "display": "full"}, slot="sidebar")
        queries = []
        original = CatalogTool.searchResults

        def counting(self, *args, **kw):
            query = dict(args[0]) if args and isinstance(args[0], dict) else {}
            query.update(kw)
            if "UID" in query:
                queries.append(query["UID"])
            return original(self, *args, **kw)

        monkeypatch.setattr(CatalogTool, "searchResults", counting)
        monkeypatch.setattr(CatalogTool, "__call__", counting)
        html = render(page, http_request)
        assert "Opening hours" in html
        assert len(queries) == 1
        assert set(queries[0]) == {doc.UID(), other.UID(), picture.UID(), "f" * 32}


@pytest.fixture
def failing_template_type(tmp_path):
    """The widget type ``failing``, whose template divides by zero."""
    template = '<p tal:content="python: 1 / 0">never</p>'
    with registered_type(tmp_path, "failing", template, WidgetRenderer) as made:
        yield made


@pytest.mark.parametrize("design", [False, True], ids=["real view", "design mode"])
def test_a_failing_template_s_card_says_the_error_not_the_template_engine_s_report(
    page, failing_template_type, http_request, design
):
    add(page, "failing", {})
    (widget,) = arrangement.get(page).slots["main"]
    html = render_widget(widget, page, http_request, design=design)
    assert "composite-card--error" in html
    assert "ZeroDivisionError: division by zero" in html
    assert "failing.pt" not in html
    assert "Expression" not in html
