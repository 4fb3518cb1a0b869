"""Design mode behind an https proxy that mounts the site at a sub path
(``https://<host>/cms``, a ``_vh_`` prefix of Zope's VirtualHostMonster), as
production sites run behind nginx."""

from browsing import close_settled
from browsing import login
from collections.abc import Iterator
from design_pages import add_text_widget
from design_pages import button
from design_pages import make_page
from design_pages import open_design
from design_pages import save
from design_pages import settings_form
from design_pages import stored
from https_proxy import HTTPSProxy
from https_proxy import self_signed_certificate
from page_fixtures import make_image
from playwright.sync_api import Browser
from playwright.sync_api import expect
from playwright.sync_api import Page
from plone import api
from Products.SiteAccess.VirtualHostMonster import manage_addVirtualHostMonster

import pytest
import transaction


@pytest.fixture(scope="session")
def certificate(tmp_path_factory):
    return self_signed_certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def proxy(acceptance, acceptance_portal, certificate) -> Iterator[HTTPSProxy]:
    """The https proxy in front of the test server, which gets a
    VirtualHostMonster as production sites have (committed)."""
    app = acceptance["app"]
    if "virtual_hosting" not in app.objectIds():
        manage_addVirtualHostMonster(app, "virtual_hosting")
        transaction.commit()
    proxy = HTTPSProxy((acceptance["host"], acceptance["port"]), certificate)
    yield proxy
    proxy.stop()


@pytest.fixture
def public_page(browser: Browser, proxy: HTTPSProxy) -> Iterator[Page]:
    """A page in a fresh browser context on the public site, which keeps
    the URL of every request the browser sends (``page.sent``)."""
    context = browser.new_context(
        base_url=f"{proxy.url}/",
        ignore_https_errors=True,  # the proxy's certificate is self-signed
        viewport={"width": 1280, "height": 900},
    )
    page = context.new_page()
    page.sent = []
    context.on("request", lambda request: page.sent.append(request.url))
    yield page
    close_settled(context)


def test_designing_behind_the_proxy_stays_on_the_public_site(
    public_page, proxy, jane, composite
):
    login(public_page, *jane)
    open_design(public_page)
    add_text_widget(public_page)
    settings_form(public_page).get_by_role("button", name="Apply").click()
    save(public_page)
    transaction.begin()
    assert len(stored(composite)["main"]) == 3
    elsewhere = [
        url
        for url in public_page.sent
        if url != proxy.url
        and not url.startswith(f"{proxy.url}/")
        and not url.startswith("data:")
    ]
    assert elsewhere == []


@pytest.fixture
def illustrated(acceptance_portal):
    """A page whose text shows a picture and links to a page, as the settings
    dialog's rich-text editor writes them: relative to the page as a folder."""
    with api.env.adopt_roles(["Manager"]):
        picture = make_image(acceptance_portal)
        api.content.create(
            container=acceptance_portal, type="Document", id="target", title="Target"
        )
    markup = (
        f'<p><img src="../resolveuid/{picture.UID()}/@@images/image/thumb" '
        'alt="A teal picture" /> <a href="../target">Target</a></p>'
    )
    widget = {"id": "a", "type": "text", "settings": {"text": markup}}
    return make_page(
        acceptance_portal, {"layout": "two-columns", "slots": {"main": [widget]}}
    )


def in_the_preview(public_page: Page, request) -> Page:
    """The preview design mode opens, as Jane (the ``jane`` fixture)."""
    login(public_page, *request.getfixturevalue("jane"))
    open_design(public_page)
    with public_page.expect_popup() as opened:
        button(public_page, "Preview").click()
    return opened.value


def to_a_visitor(public_page: Page, request) -> Page:
    """The page as a visitor sees it."""
    public_page.goto("page")
    return public_page


@pytest.mark.parametrize(
    "shown",
    [
        pytest.param(in_the_preview, id="design-mode-preview"),
        pytest.param(to_a_visitor, id="visitor"),
    ],
)
def test_behind_the_proxy_the_texts_picture_and_link_show(
    public_page, proxy, illustrated, request, shown
):
    page = shown(public_page, request)
    picture = page.get_by_role("img", name="A teal picture")
    expect(picture).to_be_visible()
    picture.evaluate("img => img.decode().catch(() => null)")
    assert picture.evaluate("img => img.naturalWidth") > 0
    link = page.get_by_role("main").get_by_role("link", name="Target")
    assert link.evaluate("a => a.href") == f"{proxy.url}/target"
