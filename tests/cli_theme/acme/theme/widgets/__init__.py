"""The fixture theme's widget type (its schema is named, never imported)."""
