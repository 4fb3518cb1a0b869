"""``@composite-lock``: the design-mode lock of a page."""
