"""The worked example of docs/widgets.md: a *quote* widget type.

The docs include these very files; tests/test_widget_docs_example.py loads them.
"""
