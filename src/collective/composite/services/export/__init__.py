"""``@composite-export`` and ``@composite-import``: an arrangement as a JSON file."""
