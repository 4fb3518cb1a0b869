"""``@composite-layouts``: the layouts and widget types available on a page."""
