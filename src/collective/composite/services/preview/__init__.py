"""``@composite-preview``: the real page for an unsaved arrangement."""
