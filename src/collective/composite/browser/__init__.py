"""Browser views of collective.composite."""
