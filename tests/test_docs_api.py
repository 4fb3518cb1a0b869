"""docs/api.md runs: its examples are a doctest, as plone.api's narrative
documentation is."""

from collective.composite import arrangement
from page_fixtures import make_image
from pathlib import Path

import doctest
import re


DOCS = Path(__file__).parent.parent / "docs" / "api.md"
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def test_the_examples_of_the_api_documentation_run(portal, page):
    """Every ``>>>`` example of docs/api.md, in order, on the page the
    documentation speaks of (a Composite Page, as a Manager) and an Image."""
    parser = doctest.DocTestParser()
    globs = {"page": page, "image": make_image(portal)}
    test = parser.get_doctest(DOCS.read_text(), globs, DOCS.name, str(DOCS), 0)
    report = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test, out=report.append)
    assert test.examples, "docs/api.md has no examples"
    assert runner.failures == 0, "".join(report)


def test_every_public_name_of_the_api_is_documented():
    text = DOCS.read_text()
    undocumented = [
        name
        for name in arrangement.__all__
        if not re.search(rf"`(arrangement\.)?{name}\b", text)
    ]
    assert undocumented == []
