"""The widget types shipped with collective.composite (see configure.zcml)."""
