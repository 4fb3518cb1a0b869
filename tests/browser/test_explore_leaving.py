"""Leaving design mode by the browser's own ways (reload, back) with
unsaved changes, found in an exploratory session: the browser asks first,
and staying keeps every change, to be saved as usual."""

from design_pages import as_visitor
from design_pages import card_ids
from design_pages import move_with_keys
from design_pages import real_ids
from design_pages import save
from design_pages import stored


def test_reload_or_back_with_unsaved_changes_asks_and_staying_keeps_them(
    designer, composite
):
    move_with_keys(designer, "Alpha", "ArrowRight")
    for leave in ("() => location.reload()", "() => history.back()"):
        with designer.expect_event("dialog") as asked:
            # Later, so that the evaluation returns before the browser asks.
            designer.evaluate(f"() => setTimeout({leave})")
        assert asked.value.type == "beforeunload"
        asked.value.dismiss()
        assert card_ids(designer, "Sidebar") == ["alpha", "gamma"]
    save(designer)
    assert stored(composite)["sidebar"] == ["alpha", "gamma"]
    as_visitor(designer)
    assert real_ids(designer, "sidebar") == ["alpha", "gamma"]
