"""Property-based: random sequences of API calls, valid and invalid, on the
shipped layouts and widget types. Whatever is sent, nothing but the API's own
refusals is raised, a refused call changes nothing, and what is stored always
validates against its layout and widget types."""

from AccessControl import Unauthorized
from arrangement_fixtures import check_valid
from arrangement_fixtures import operations_on_one_page
from arrangement_fixtures import rolled_back
from collective.composite import arrangement
from collective.composite.arrangement import history
from collective.composite.exceptions import CompositeError
from hypothesis import given
from hypothesis import strategies as st


LAYOUTS = ["one-column", "two-columns", "three-columns", "landing", "nope", ""]
SLOTS = ["main", "sidebar", "hero", "left", "footer", "nope", ""]
UID = "0123456789abcdef0123456789abcdef"

texts = st.text(max_size=40) | st.sampled_from(
    ["<p>Hi</p>", "<script>alert(1)</script>", "<b onclick='x()'>b</b>"]
)
settings_values = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 200), texts, st.lists(texts, max_size=2)
)
widget_settings = st.one_of(
    st.fixed_dictionaries({"text": texts}),
    st.fixed_dictionaries({"uid": st.sampled_from([UID, "x"]), "display": texts}),
    st.fixed_dictionaries({"html": texts}),
    st.fixed_dictionaries(
        {"title": texts, "limit": st.integers(-1, 150)},
        optional={"display": texts},
    ),
    st.dictionaries(st.sampled_from(["text", "uid", "bogus"]), settings_values),
)
types = st.sampled_from(["text", "content", "html", "listing", "image", "nope", ""])
positions = st.none() | st.integers(-1, 4)
widget_ids = st.sampled_from(["w0", "w1", "w2", "zz"]) | st.text(max_size=5)
replace_widget = st.fixed_dictionaries(
    {"type": types, "settings": widget_settings},
    optional={"id": widget_ids, "slot": st.sampled_from(SLOTS)},
)
replace_data = st.one_of(
    st.fixed_dictionaries(
        {
            "slots": st.dictionaries(
                st.sampled_from(SLOTS), st.lists(replace_widget, max_size=3), max_size=3
            )
        },
        optional={
            "layout": st.sampled_from(LAYOUTS),
            "unplaced": st.lists(replace_widget, max_size=2),
        },
    ),
    st.dictionaries(st.text(max_size=6), settings_values, max_size=3),
    st.none(),
)
versions = st.sampled_from(["current", None, "0", "999", "x"])

operations = st.one_of(
    st.tuples(st.just("set_layout"), st.sampled_from(LAYOUTS), versions),
    st.tuples(
        st.just("add_widget"),
        st.sampled_from(SLOTS),
        types,
        widget_settings,
        positions,
        versions,
    ),
    st.tuples(
        st.just("move_widget"), widget_ids, st.sampled_from(SLOTS), positions, versions
    ),
    st.tuples(st.just("update_widget"), widget_ids, widget_settings, versions),
    st.tuples(st.just("remove_widget"), widget_ids, versions),
    st.tuples(st.just("replace"), replace_data, versions),
    st.tuples(st.just("restore"), st.integers(0, 6), versions),
)


def snapshot(page):
    return arrangement.get(page), [r.number for r in history.get_revisions(page)]


def run(page, operation) -> None:
    name, *args = operation
    version = args.pop()
    current = arrangement.get(page)
    version = current.version if version == "current" else version
    ids = [widget.id for widget in current.widgets]

    def real(widget_id):
        # Often pick a widget the page has, by its index in the name.
        if (
            isinstance(widget_id, str)
            and widget_id[:1] == "w"
            and widget_id[1:].isdigit()
        ):
            index = int(widget_id[1:])
            return ids[index] if index < len(ids) else widget_id
        return widget_id

    if name == "restore":
        history.restore(page, args[0], version)
    elif name == "replace":
        arrangement.save(page, args[0], version)
    elif name in ("move_widget", "update_widget", "remove_widget"):
        getattr(arrangement, name)(page, real(args[0]), *args[1:], version=version)
    else:
        getattr(arrangement, name)(page, *args, version=version)


@operations_on_one_page(max_examples=120)
@given(st.lists(operations, min_size=1, max_size=8))
def test_random_operations_never_break_the_arrangement(page, ops):
    with rolled_back():
        for operation in ops:
            before = snapshot(page)
            try:
                run(page, operation)
            except (CompositeError, Unauthorized):
                assert snapshot(page) == before, operation
            else:
                after = snapshot(page)
                if after[0].version == before[0].version:
                    # A save that changes nothing writes nothing.
                    assert after == before, operation
                else:
                    assert int(after[0].version) == int(before[0].version) + 1
                    assert after[1][0] == int(after[0].version)
            check_valid(page)
