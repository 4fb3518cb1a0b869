"""Sphinx configuration for the collective.composite documentation (MyST Markdown).

Build with `make docs`; warnings are errors there, so a broken link, a page missing
from the table of contents or a bad directive fails the build.
"""

project = "collective.composite"
author = "collective.composite developers"
copyright = "the collective.composite developers"

extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]

# deflist: the API reference's term/definition lists; colon_fence: ::: directives.
myst_enable_extensions = ["colon_fence", "deflist"]
# Links like [pins](installation.md#updating-the-pins) resolve to headings.
myst_heading_anchors = 3

html_theme = "alabaster"
html_title = "collective.composite"
