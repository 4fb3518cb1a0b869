"""``composite-layouts scaffold``: a first design template from a real one.

Whatever it draws must pass ``composite-layouts check`` with the real template:
on every shipped layout and on ``tests/cli_scaffold/article.pt``, a real
template with headings, text, pictures, expressions and a slot bound by a
``tal:define``; the article's also renders on a page of a Plone site.
"""

from collective.composite.layouts.checks import compile_template
from collective.composite.layouts.cli import main
from collective.composite.layouts.offline_check import check
from collective.composite.layouts.registry import get_layout
from collective.composite.layouts.registry import render_layout
from collective.composite.layouts.scaffold import scaffold
from collective.composite.layouts.zcml_scan import scan
from pathlib import Path
from plone.testing import zca
from Products.Five import BrowserView
from zope.component.hooks import setSite
from zope.configuration import xmlconfig

import pytest


ARTICLE = Path(__file__).parent / "cli_scaffold" / "article.pt"
SHIPPED = {layout.name: layout for layout in scan(["collective.composite"]).layouts}
SLOT = '<composite:slot name="{name}" title="{name}" />'
LAYOUT = """<configure
    xmlns="http://namespaces.zope.org/zope"
    xmlns:composite="http://namespaces.plone.org/composite"
    i18n_domain="acme.sample">
  {include}
  <composite:layout name="scaffolded-{name}" title="T" template="{real}"
      design_template="{design}">
    {slots}
  </composite:layout>
</configure>
"""
META = '<include package="collective.composite" file="meta.zcml" />'


def register(
    folder: Path, name: str, real: Path, design: Path, slots, include: str = ""
) -> Path:
    """:returns: a ZCML file registering the pair, for the check (``include``:
    what Zope needs to load it besides)."""
    path = folder / "configure.zcml"
    path.write_text(
        LAYOUT.format(
            name=name,
            real=real,
            design=design,
            slots="\n".join(SLOT.format(name=slot) for slot in slots),
            include=include,
        )
    )
    return path


@pytest.fixture
def article() -> str:
    return scaffold(ARTICLE.read_text(), "article")


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_every_shipped_real_template_gives_a_design_template_that_passes(
    tmp_path, name
):
    layout = SHIPPED[name]
    design = tmp_path / "design.pt"
    real = layout.path("template")
    assert main(["scaffold", str(real), "-o", str(design)]) == 0
    register(tmp_path, name, real, design, [slot.name for slot in layout.slots])
    assert check([str(tmp_path)]).problems == []


def test_the_article_gives_a_design_template_that_passes(tmp_path):
    design = tmp_path / "article_design.pt"
    assert main(["scaffold", str(ARTICLE), "-o", str(design)]) == 0
    register(tmp_path, "article", ARTICLE, design, ["main", "aside"])
    assert check([str(tmp_path)]).problems == []


def test_the_design_page_has_the_chrome_and_the_layout_class(article):
    assert article.startswith('<div class="composite-design composite-design-article"')
    for helper in ("header", "breadcrumbs", "title", "description", "footer"):
        assert f'tal:replace="structure fuzzy/{helper}"' in article


# What the article's design template keeps of the real template or writes for
# it, per behaviour (the article's words in the comments).
WRITTEN = [
    pytest.param(
        ['i18n:domain="acme.theme"\n>'],
        id="the-i18n-domain-of-the-real-template-is-kept",
    ),
    pytest.param(
        ['<div tal:replace="structure slots/main"></div>'],
        id="elements-writing-slots-stay-as-they-are",
    ),
    pytest.param(
        [
            "aside slots/aside;",
            '<div tal:replace="structure aside"></div>',
            'tal:condition="aside"',
        ],
        id="a-slot-bound-by-a-define-stays-with-its-define",
    ),
    pytest.param(
        ["fuzzy.greek('xxx xxxx', kind='title')"],  # "See also"
        id="headings-become-title-bars-of-the-same-word-lengths",
    ),
    pytest.param(
        ["fuzzy.words(3)"],  # "From our newsroom"
        id="short-text-becomes-as-many-fuzzy-words",
    ),
    pytest.param(
        ['<span tal:replace="structure fuzzy/paragraph"></span>'],
        id="long-text-becomes-a-fuzzy-paragraph",
    ),
    pytest.param(
        [
            '<h1 tal:content="structure fuzzy/title"></h1>',
            'tal:content="structure fuzzy/description"',
            '<span tal:replace="structure fuzzy/line"></span>',
        ],
        id="expressions-become-the-nearest-fuzzy-helper",
    ),
    pytest.param(
        [
            "fuzzy.image('4x3')",  # 800 x 600
            "fuzzy.image('16x9')",  # the <picture>, without sizes
        ],
        id="images-become-picture-blocks-of-their-ratio",
    ),
]
# What it leaves out of the real template, per behaviour.
LEFT_OUT = [
    pytest.param(
        ["newsroom", "stories", "See also", "archive</span>", "a tag"],
        id="no-text-of-the-real-template-is-left",
    ),
    pytest.param(["<img", "<source"], id="no-image-of-the-real-template-is-left"),
    pytest.param(["<script", "classList"], id="scripts-are-left-out"),
    pytest.param(["i18n:translate"], id="translations-of-replaced-text-are-dropped"),
]


@pytest.mark.parametrize("fragments", WRITTEN)
def test_the_article_design_template_has(article, fragments):
    assert [fragment for fragment in fragments if fragment not in article] == []


@pytest.mark.parametrize("fragments", LEFT_OUT)
def test_the_article_design_template_leaves_out(article, fragments):
    assert [fragment for fragment in fragments if fragment in article] == []


def test_by_default_it_writes_name_design_pt_beside_the_real_template(tmp_path, capsys):
    real = tmp_path / "story.pt"
    real.write_text(ARTICLE.read_text())
    assert main(["scaffold", str(real)]) == 0
    assert (
        (tmp_path / "story_design.pt")
        .read_text()
        .startswith('<div class="composite-design composite-design-story"')
    )
    assert "wrote " in capsys.readouterr().out


def test_it_never_overwrites_a_file_without_force(tmp_path, capsys):
    design = tmp_path / "design.pt"
    design.write_text("mine")
    assert main(["scaffold", str(ARTICLE), "-o", str(design)]) == 1
    assert design.read_text() == "mine"
    assert "exists; choose another file with -o" in capsys.readouterr().err


def test_force_overwrites(tmp_path):
    design = tmp_path / "design.pt"
    design.write_text("mine")
    assert main(["scaffold", str(ARTICLE), "-o", str(design), "--force"]) == 0
    assert design.read_text().startswith('<div class="composite-design')


def test_dash_writes_to_standard_output(capsys):
    assert main(["scaffold", str(ARTICLE), "-o", "-", "--name", "my-article"]) == 0
    assert 'class="composite-design composite-design-my-article"' in (
        capsys.readouterr().out
    )


def test_a_real_template_that_does_not_exist_exits_1(tmp_path, capsys):
    assert main(["scaffold", str(tmp_path / "nowhere.pt")]) == 1
    assert "cannot read" in capsys.readouterr().err


def test_tal_elements_keep_slots_and_lose_their_text():
    design = scaffold(
        '<div><tal:t content="context/Title">x</tal:t>'
        '<tal:s replace="structure slots/main" /></div>',
        "t",
    )
    assert '<tal:t content="structure fuzzy/title"></tal:t>' in design
    assert '<tal:s replace="structure slots/main" />' in design


def test_end_tags_keep_the_case_of_their_start_tags():
    design = scaffold(
        '<tal:noAuthor condition="nothing"><p>Gone</p></tal:noAuthor>', "t"
    )
    assert design.count("</tal:noAuthor>") == 1


def test_translation_elements_go_and_their_content_is_fuzzed():
    design = scaffold(
        '<p i18n:translate="">Hello <i18n:span name="who">world</i18n:span></p>', "t"
    )
    assert "i18n:" not in design.replace("i18n:domain", "")
    assert "world" not in design


def test_elements_left_open_are_closed_so_the_template_compiles(tmp_path):
    design = tmp_path / "design.pt"
    design.write_text(scaffold("<ul><li>one<li>two</ul>", "t"))
    compile_template(design)


def test_styles_are_kept_as_they_are():
    design = scaffold("<div><style>.acme { color: red; }</style></div>", "t")
    assert "<style>.acme { color: red; }</style>" in design


def test_the_scaffolded_design_template_renders_on_a_page(
    tmp_path, portal, page, http_request
):
    design = tmp_path / "article_design.pt"
    design.write_text(scaffold(ARTICLE.read_text(), "article"))
    zcml = register(tmp_path, "article", ARTICLE, design, ["main", "aside"], META)
    zca.pushGlobalRegistry()
    try:
        xmlconfig.file(str(zcml))
        view = BrowserView(page, http_request)
        layout = get_layout("scaffolded-article", page, http_request)
        slots = {"main": "<p>main widgets</p>", "aside": "<p>aside widgets</p>"}
        html = render_layout(layout, view, slots, design=True)
    finally:
        zca.popGlobalRegistry()
        setSite(portal)
    assert "<p>main widgets</p>" in html
    assert "<p>aside widgets</p>" in html
    assert "composite-fuzzy-image-4x3" in html
    assert "newsroom" not in html
