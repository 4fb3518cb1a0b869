"""Fuzzing ``@composite-history``: the list and its pages, one revision, and
restoring one."""

from fuzzing import fuzz_settings
from hypothesis import given
from hypothesis import strategies as st
from strategies import arrangements
from strategies import encode
from strategies import mutated
from strategies import path_segments
from strategies import query_strings
from strategies import WIDGET_TYPES


def with_history(site, data) -> list[str]:
    """Store two arrangements (so there are revisions to restore).

    :returns: the revision numbers the page keeps, as URL segments.
    """
    for name in ("older", "newer"):
        site.reset(data.draw(arrangements(WIDGET_TYPES, site.uids), name))
    _, _, _, numbers, _ = site.snapshot()
    return [str(number) for number in numbers]


def segment(data, numbers: list[str], label: str) -> str:
    """A revision number the page keeps, or a hostile path segment. (The
    numbers depend on the examples before: what is drawn must not.)"""
    drawn = data.draw(st.integers(0, 49) | path_segments, label)
    return numbers[drawn % len(numbers)] if isinstance(drawn, int) else drawn


@fuzz_settings
@given(data=st.data(), query=query_strings)
def test_reading_the_history_never_fails_nor_writes(fuzz_site, data, query):
    site = fuzz_site
    numbers = with_history(site, data)
    path = [
        segment(data, numbers, f"segment {index}")
        for index in range(data.draw(st.integers(0, 3), "segments"))
    ]
    reader = data.draw(
        st.sampled_from([site.editor, site.bearer, site.reader, site.anonymous]),
        "reader",
    )
    url = "/".join([f"{site.url}/@composite-history", *path]) + query
    before = site.snapshot()
    response = reader.get(url)
    site.check_unchanged(response, before)


# What a client may send as b_start or b_size: numbers around their ranges
# (0 to 999, 1 to 1000), and what is no whole number.
paging_values = st.one_of(
    st.integers(-3, 3),
    st.integers(995, 1005),
    st.integers(-(2**70), 2**70),
    st.sampled_from(
        ["", "x", "1.5", "1e3", "%201", "+1", "%2B1", "0x10", "%C2%B2", "%EF%BC%91"]
    ),
    st.sampled_from(["9" * 5000, "-" + "9" * 30, "%00", "1%00"]),
)
paging_queries = st.lists(
    st.tuples(
        st.sampled_from(["b_start", "b_size", "b_size:list", "b_start:tokens"]),
        paging_values,
    ),
    max_size=3,
).map(lambda pairs: "?" + "&".join(f"{name}={value}" for name, value in pairs))


@fuzz_settings
@given(data=st.data(), query=paging_queries)
def test_a_hostile_page_of_the_history_is_a_page_or_a_400_naming_it(
    fuzz_site, data, query
):
    site = fuzz_site
    numbers = with_history(site, data)
    before = site.snapshot()
    response = site.editor.get(f"{site.url}/@composite-history{query}")
    site.check_unchanged(response, before)
    if response.status_int == 400:
        assert response.json["error"]["field"] in ("b_start", "b_size"), response
        return
    assert response.status_int == 200, response
    body = response.json
    assert body["items_total"] == len(numbers)
    listed = [str(item["number"]) for item in body["items"]]
    # A run of the kept revisions, in their order; the other pages linked.
    start = numbers.index(listed[0]) if listed else 0
    assert listed == numbers[start : start + len(listed)]
    if "batching" in body:
        assert len(listed) < len(numbers)


@fuzz_settings
@given(data=st.data())
def test_a_hostile_restore_is_refused_or_restores_a_valid_arrangement(fuzz_site, data):
    site = fuzz_site
    numbers = with_history(site, data)
    version = site.version()
    number = segment(data, numbers, "number")
    tail = data.draw(st.sampled_from(["/restore"] * 4 + ["", "/restore/x", "/x"]))
    body, _mutations = data.draw(
        mutated(st.just({"version": version})) | st.just(({"version": version}, [])),
        "body",
    )
    sender = data.draw(
        st.sampled_from([site.editor, site.bearer, site.reader, site.anonymous]),
        "sender",
    )
    # A refusal of what the revision holds names its place in the revision.
    shown = site.editor.get(f"{site.url}/@composite-history/{number}")
    revision = shown.json if shown.status_int == 200 else {}
    sent = (
        {**body, "arrangement": revision.get("arrangement")}
        if isinstance(body, dict)
        else body
    )
    before = site.snapshot()
    response = sender.request(
        "POST", f"{site.url}/@composite-history/{number}{tail}", body=encode(body)
    )
    if site.check(response, before, sent):
        assert response.status_int == 200, response.text
        site.check_accepted()
