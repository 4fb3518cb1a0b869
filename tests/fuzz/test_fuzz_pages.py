"""Fuzzing the pages: the visitor's view, design mode, the layouts' preview
images, the page's content with ``?expand=composite``, Site Setup's layout
gallery, and Plone's *Revert to this revision* (``revertversion``), with
hostile paths, query strings and form fields. Reading never fails nor
writes; a revert to what is no version of the page is refused (400 naming
``version_id``) and changes nothing."""

from fuzzing import fuzz_settings
from hypothesis import given
from hypothesis import strategies as st
from lxml import html as lxml_html
from strategies import arrangements
from strategies import form_body
from strategies import hostile_strings
from strategies import LAYOUTS
from strategies import path_segments
from strategies import query_strings
from strategies import WIDGET_TYPES
from strategies import zope_forms
from ZPublisher.HTTPRequest import FORM_MEMORY_LIMIT

import re


HTML = {"Accept": "text/html"}
FORM = {**HTML, "Content-Type": "application/x-www-form-urlencoded"}
readers = st.sampled_from(["editor", "bearer", "reader", "anonymous"])
suffixes = st.just("") | path_segments.map(lambda segment: f"/{segment}")
pages = st.one_of(
    st.sampled_from(["@@composite-view", "@@composite-design", ""]).flatmap(
        lambda page: suffixes.map(lambda suffix: f"{page}{suffix}")
    ),
    st.sampled_from(sorted(LAYOUTS)).map(
        lambda name: f"@@composite-layout-preview/{name}"
    ),
    path_segments.map(lambda name: f"@@composite-layout-preview/{name}"),
    suffixes.map(lambda suffix: f"@@composite-layout-preview{suffix}"),
)
# Revision numbers the page lacks (the fuzz site's page keeps a few).
ABSENT = re.compile(r"[0-9]{1,18}\Z")
version_ids = st.one_of(
    st.integers(1000, 10**18 - 1).map(str),
    hostile_strings.filter(lambda value: not ABSENT.match(value)),
    path_segments.filter(lambda value: not ABSENT.match(value)),
)


@fuzz_settings
@given(data=st.data(), page=pages, query=query_strings)
def test_reading_the_pages_never_fails_nor_writes(fuzz_site, data, page, query):
    site = fuzz_site
    site.reset(data.draw(arrangements(WIDGET_TYPES, site.uids), "stored"))
    reader = getattr(site, data.draw(readers, "reader"))
    accept = data.draw(st.sampled_from([HTML, {}]), "accept")
    if not page:
        query = f"?expand=composite&{query.lstrip('?')}"
    before = site.snapshot()
    response = reader.get(f"{site.url}/{page}{query}", headers=accept)
    site.check_unchanged(response, before)


@fuzz_settings
@given(
    data=st.data(),
    suffix=suffixes,
    query=query_strings,
    sender=st.sampled_from(["manager", "editor", "anonymous"]),
)
def test_the_layout_gallery_never_fails_nor_writes(
    fuzz_site, data, suffix, query, sender
):
    site = fuzz_site
    client = site.anonymous if sender == "anonymous" else site.client(sender)
    before = site.snapshot()
    response = client.get(
        f"{site.portal.absolute_url()}/@@composite-layout-gallery{suffix}{query}",
        headers=HTML,
    )
    site.check_unchanged(response, before)


@fuzz_settings
@given(data=st.data(), version_id=version_ids)
def test_a_revert_to_no_version_of_the_page_is_refused(fuzz_site, data, version_id):
    site = fuzz_site
    site.reset(data.draw(arrangements(WIDGET_TYPES, site.uids), "stored"))
    sender = data.draw(st.sampled_from(["editor", "manager", "reader", "anonymous"]))
    client = site.client(sender) if sender in ("editor", "manager") else None
    client = client or getattr(site, sender)
    fields = {"version_id": version_id}
    if data.draw(st.booleans(), "as a Zope form"):
        fields = data.draw(zope_forms(fields), "fields")
    body = form_body(fields)
    before = site.snapshot()
    if data.draw(st.booleans(), "GET"):
        url = f"{site.url}/revertversion?{body.decode()}"
        response = client.request("GET", url, headers=HTML)
    else:
        url = f"{site.url}/revertversion"
        response = client.request("POST", url, body=body, headers=FORM)
    site.check_unchanged(response, before)
    if len(body) > FORM_MEMORY_LIMIT:
        return  # Zope refuses a form over its memory limit itself
    if response.status_int == 400:
        (message,) = lxml_html.fromstring(response.body).cssselect(
            ".statusmessage-error"
        )
        assert "version_id" in message.text_content(), message.text_content()
    else:
        # Who may not revert is sent to log in, or refused.
        assert response.status_int in (302, 401, 403), response.status
        assert sender in ("reader", "anonymous") or response.status_int == 403
