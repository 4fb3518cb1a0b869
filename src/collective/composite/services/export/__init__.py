"""``@composite-export``: an arrangement as a JSON file."""
