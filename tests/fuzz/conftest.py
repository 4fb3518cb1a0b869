"""The fuzz suite's site: a published composite page, items its widgets can
refer to, and the users of ``rest_users`` (an Editor, a Reader, a Manager...)."""

from fuzzing import FuzzSite
from fuzzing import published
from hypothesis import strategies as st
from page_fixtures import composite_document
from page_fixtures import make_image
from plone import api
from strategies import uid

import pytest
import transaction


@pytest.fixture
def fuzz_site(functional_app, functional_portal, rest_users, tmp_path) -> FuzzSite:
    portal = functional_portal
    api.portal.get_tool("portal_workflow").setChainForPortalTypes(
        ["Document"], ["simple_publication_workflow"]
    )
    with api.env.adopt_roles(["Manager"]):
        page = composite_document(portal, "page", "Page")
        target = api.content.create(
            container=portal, type="Document", id="target", title="Target"
        )
        image = make_image(portal)
        for item in (page, target):
            api.content.transition(item, "publish")
        page.reindexObject()
    transaction.commit()
    missing = uid.filter(lambda value: value not in (target.UID(), image.UID()))
    uids = {
        "content": missing | st.sampled_from([target.UID(), image.UID()]),
        "image": missing | st.sampled_from([image.UID()]),
        "listing": missing,
    }
    wsgi = published(functional_app, tmp_path / "var")
    site = FuzzSite(functional_app, wsgi, portal, page, uids)
    site.warm_up()
    return site
