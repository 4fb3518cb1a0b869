"""``@composite``: read and change the arrangement of a composite page."""
