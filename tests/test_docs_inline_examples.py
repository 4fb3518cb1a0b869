"""The docs show their examples inline, and each inline copy matches its file.

A code host's file view does not run Sphinx, so a MyST ``{literalinclude}``
shows nothing there: the docs write every example out. The files stay the
source of truth (tests load, render and replay them); a marker comment names
the file a fenced block copies, right above the block:

    <!-- example: tests/rest_examples/composite_get.req -->
    ```http
    GET /Plone/page/@composite HTTP/1.1
    ...
    ```

After changing an example file, paste it into the block below its marker (the
failure shows the difference), or have every block rewritten from its file with
``COMPOSITE_WRITE_DOCS_EXAMPLES=1 pytest tests/test_docs_inline_examples.py``
and review the diff.
"""

from dataclasses import dataclass
from pathlib import Path

import difflib
import os
import pytest
import re


REPOSITORY = Path(__file__).parent.parent
DOCS = REPOSITORY / "docs"
REST_EXAMPLES = REPOSITORY / "tests" / "rest_examples"
MARKER = re.compile(r"^<!-- example: (?P<path>\S+) -->\s*$")
OPENING_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})[^`]*$")
WRITE = os.environ.get("COMPOSITE_WRITE_DOCS_EXAMPLES") == "1"


@dataclass(frozen=True)
class InlineExample:
    """A fenced block of a docs page that copies a file.

    ``block`` is None when no fenced block follows the marker.
    """

    page: Path
    line: int
    path: str
    block: str | None

    @property
    def where(self) -> str:
        """:returns: the marker's place, as ``page.md:line``."""
        return f"{self.page.name}:{self.line}"


def inline_examples(page: Path) -> list[InlineExample]:
    """Find the marked fenced blocks of a Markdown page.

    :param page: the Markdown file.
    :returns: one example per marker, in page order; a marker must be directly
        followed by an opening fence, or its example has no block.
    """
    lines = page.read_text(encoding="utf-8").splitlines()
    examples = []
    for number, line in enumerate(lines):
        marker = MARKER.match(line)
        if marker:
            block = fenced_block(lines, number + 1)
            examples.append(InlineExample(page, number + 1, marker["path"], block))
    return examples


def fenced_block(lines: list[str], start: int) -> str | None:
    """The content of the fenced block opening at ``lines[start]``.

    :param lines: the page's lines.
    :param start: the index of the line that should open the block.
    :returns: the lines between the fences, each ending in a newline; None when
        ``lines[start]`` opens no block or the block is never closed.
    """
    end = closing_fence(lines, start)
    if end is None:
        return None
    return "".join(f"{line}\n" for line in lines[start + 1 : end])


def closing_fence(lines: list[str], start: int) -> int | None:
    """Find the end of the fenced block opening at ``lines[start]``.

    :param lines: the page's lines.
    :param start: the index of the line that should open the block.
    :returns: the index of the closing fence; None when ``lines[start]`` opens
        no block or the block is never closed.
    """
    opening = OPENING_FENCE.match(lines[start]) if start < len(lines) else None
    if not opening:
        return None
    fence = opening["fence"]
    # CommonMark: a closing fence is of the same character, at least as long.
    closing = re.compile(rf"^{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    for end in range(start + 1, len(lines)):
        if closing.match(lines[end]):
            return end
    return None


def with_files(markdown: str, root: Path = REPOSITORY) -> str:
    """Copy each marked block's file into the block.

    :param markdown: a page's text.
    :param root: the folder the markers' paths are relative to.
    :returns: the text with each marked block holding its file's text; markers
        without a block or a file are left as they are, for :func:`drift` to
        report.
    """
    lines = markdown.splitlines()
    written = []
    index = 0
    while index < len(lines):
        written.append(lines[index])
        marker = MARKER.match(lines[index])
        if marker and (root / marker["path"]).is_file():
            end = closing_fence(lines, index + 1)
            if end is not None:
                text = (root / marker["path"]).read_text(encoding="utf-8")
                written += [lines[index + 1], *text.splitlines(), lines[end]]
                index = end
        index += 1
    return "".join(f"{line}\n" for line in written)


def normalized(text: str) -> str:
    """:returns: ``text`` without trailing whitespace on its lines and at its end."""
    return "\n".join(line.rstrip() for line in text.rstrip().splitlines())


def drift(example: InlineExample, root: Path = REPOSITORY) -> str | None:
    """Compare an inline example with the file it copies.

    :param example: the example.
    :param root: the folder the marker's path is relative to.
    :returns: None when the block matches the file (trailing whitespace aside),
        otherwise why not: a missing file or block, or a diff from the file to
        the block.
    """
    source = root / example.path
    if not source.is_file():
        return f"{example.where}: no file {example.path}"
    if example.block is None:
        return f"{example.where}: no fenced block right below the marker"
    expected = normalized(source.read_text(encoding="utf-8"))
    shown = normalized(example.block)
    if expected == shown:
        return None
    diff = difflib.unified_diff(
        expected.splitlines(),
        shown.splitlines(),
        example.path,
        example.where,
        lineterm="",
    )
    return "\n".join(diff)


def all_examples() -> list[InlineExample]:
    """The inline examples of every docs page, first rewritten from their files
    when :data:`WRITE` asks for it.

    :returns: the examples.
    """
    pages = sorted(DOCS.glob("*.md"))
    for page in pages if WRITE else ():
        text = page.read_text(encoding="utf-8")
        page.write_text(with_files(text), encoding="utf-8")
    return [example for page in pages for example in inline_examples(page)]


@pytest.mark.parametrize("example", all_examples(), ids=lambda e: e.where)
def test_inline_example_matches_its_file(example):
    report = drift(example)
    assert report is None, report


def test_docs_include_no_example_by_reference():
    including = [
        page.name
        for page in DOCS.glob("*.md")
        if "{literalinclude}" in page.read_text(encoding="utf-8")
    ]
    assert including == []


def test_every_rest_example_is_shown_in_the_rest_docs():
    shown = {example.path for example in inline_examples(DOCS / "rest.md")}
    files = {f"tests/rest_examples/{path.name}" for path in REST_EXAMPLES.iterdir()}
    assert files - shown == set()


def page_with(tmp_path: Path, markdown: str, example: str = "a\nb\n") -> Path:
    """Write a docs page and the example file ``ex.txt`` it may mark.

    :param tmp_path: the folder for both.
    :param markdown: the page's text.
    :param example: the example file's text.
    :returns: the page's path.
    """
    (tmp_path / "ex.txt").write_text(example, encoding="utf-8")
    page = tmp_path / "page.md"
    page.write_text(markdown, encoding="utf-8")
    return page


def test_a_block_equal_to_its_file_is_no_drift(tmp_path):
    page = page_with(tmp_path, "<!-- example: ex.txt -->\n```text\na\nb\n```\n")
    [example] = inline_examples(page)
    assert drift(example, tmp_path) is None


def test_trailing_whitespace_is_no_drift(tmp_path):
    page = page_with(tmp_path, "<!-- example: ex.txt -->\n```\na  \nb\n\n```\n")
    [example] = inline_examples(page)
    assert drift(example, tmp_path) is None


def test_a_drifted_block_is_reported_with_a_diff(tmp_path):
    page = page_with(tmp_path, "intro\n<!-- example: ex.txt -->\n```\na\nB\n```\n")
    [example] = inline_examples(page)
    report = drift(example, tmp_path)
    assert report.splitlines()[:2] == ["--- ex.txt", "+++ page.md:2"]
    assert {"-b", "+B"} <= set(report.splitlines())


def test_a_block_missing_a_line_is_reported(tmp_path):
    page = page_with(tmp_path, "<!-- example: ex.txt -->\n```\na\n```\n")
    [example] = inline_examples(page)
    assert "-b" in drift(example, tmp_path).splitlines()


def test_a_marker_without_a_block_below_is_reported(tmp_path):
    page = page_with(tmp_path, "<!-- example: ex.txt -->\n\n```\na\nb\n```\n")
    [example] = inline_examples(page)
    assert drift(example, tmp_path) == (
        "page.md:1: no fenced block right below the marker"
    )


def test_an_unclosed_block_is_reported(tmp_path):
    page = page_with(tmp_path, "<!-- example: ex.txt -->\n```\na\nb\n")
    [example] = inline_examples(page)
    assert "no fenced block" in drift(example, tmp_path)


def test_a_marker_naming_a_missing_file_is_reported(tmp_path):
    page = page_with(tmp_path, "<!-- example: gone.txt -->\n```\na\n```\n")
    [example] = inline_examples(page)
    assert drift(example, tmp_path) == "page.md:1: no file gone.txt"


def test_a_longer_fence_holds_a_shorter_one(tmp_path):
    text = "```\nb\n```\n"
    page = page_with(tmp_path, f"<!-- example: ex.txt -->\n````md\n{text}````\n", text)
    [example] = inline_examples(page)
    assert drift(example, tmp_path) is None


def test_writing_copies_the_file_into_a_drifted_block(tmp_path):
    markdown = "intro\n<!-- example: ex.txt -->\n```text\nold\n```\nafter\n"
    page_with(tmp_path, markdown, "a\nb\nc\n")
    written = with_files(markdown, tmp_path)
    assert written == "intro\n<!-- example: ex.txt -->\n```text\na\nb\nc\n```\nafter\n"


def test_writing_leaves_unmarked_blocks_and_missing_files_alone(tmp_path):
    markdown = "```\nx\n```\n<!-- example: gone.txt -->\n```\ny\n```\n"
    assert with_files(markdown, tmp_path) == markdown
