"""``@composite-history``: list, show and restore revisions of an arrangement."""
