"""Layouts: the registry of named template pairs, the shipped pairs, their
fuzzy-text helpers, preview images and vocabulary."""
