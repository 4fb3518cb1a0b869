"""``@composite-cards``: the design cards of widgets of an unsaved arrangement."""
