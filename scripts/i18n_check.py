"""Check the translation catalogs (``make i18n-check``, part of ``make lint``).

Fails when the committed .pot differs from one rebuilt from the sources (its
creation date aside), when a message of the editor (``design/messages.json``)
has no msgid with its English default in the .pot, when a .po lacks a message
of the .pot, keeps one the .pot no longer has, leaves one untranslated or
changes its placeholders, and when a page template has text or attributes
without i18n markup. ``make i18n`` rebuilds the .pot (``--rebuild``) and syncs
the .po files; then translate.

The .pot comes from i18ndude, which reads page templates, Python and ZCML but
not the editor's messages: those are written into a partial .pot from their
JSON and merged in (``i18ndude rebuild-pot --merge``).

Usage: python scripts/i18n_check.py [--rebuild]
"""

from i18ndude.catalog import MessageCatalog
from i18ndude.catalog import POWriter
from pathlib import Path

import argparse
import json
import re
import subprocess
import sys
import tempfile


ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "collective" / "composite"
DOMAIN = "collective.composite"
POT = PACKAGE / "locales" / f"{DOMAIN}.pot"
EDITOR_MESSAGES = PACKAGE / "design" / "messages.json"
I18NDUDE = Path(sys.executable).parent / "i18ndude"
# ${name} for zope.i18n, {name} for the editor's messages.
PLACEHOLDER = re.compile(r"\$?\{(\w+)\}")


def editor_messages() -> dict[str, str]:
    """:returns: the editor's English defaults by message key (the msgid)."""
    return json.loads(EDITOR_MESSAGES.read_text(encoding="utf-8"))


def write_editor_pot(target: Path) -> None:
    """Write the editor's messages into ``target`` as a .pot of their own.

    :param target: where the partial .pot goes
    """
    catalog = MessageCatalog(domain=DOMAIN)
    reference = str(EDITOR_MESSAGES.relative_to(PACKAGE.parent.parent))
    for key, default in editor_messages().items():
        # As i18ndude writes a Python message: the default becomes its comment.
        catalog.add(key, msgstr=default, references=[reference])
    with target.open("w", encoding="utf-8") as pot:
        POWriter(pot, catalog).write(sort=True, msgstrToComment=True)


def rebuild_pot(target: Path) -> None:
    """Extract the messages of the sources into ``target``, as ``make i18n`` does.

    :param target: the .pot to write
    """
    with tempfile.TemporaryDirectory() as folder:
        editor_pot = Path(folder) / "editor.pot"
        write_editor_pot(editor_pot)
        subprocess.run(
            [
                str(I18NDUDE),
                "rebuild-pot",
                "--no-line-numbers",
                "--create",
                DOMAIN,
                "--pot",
                str(target),
                "--merge",
                str(editor_pot),
                str(PACKAGE),
            ],
            check=True,
            capture_output=True,
        )


def without_date(path: Path) -> list[str]:
    return [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith('"POT-Creation-Date:')
    ]


def check_pot() -> list[str]:
    """:returns: a problem when the committed .pot is not what the sources give."""
    with tempfile.TemporaryDirectory() as folder:
        fresh = Path(folder) / POT.name
        rebuild_pot(fresh)
        if without_date(fresh) != without_date(POT):
            return [f"{POT.relative_to(ROOT)} is out of date: run make i18n."]
    return []


def check_editor_messages(pot: MessageCatalog) -> list[str]:
    """:returns: the editor's messages the .pot lacks or gives another default."""
    name = POT.relative_to(ROOT)
    problems = []
    for key, default in editor_messages().items():
        if key not in pot:
            problems.append(f"{name}: no msgid for the editor message {key!r}")
        # The .pot quotes the default as i18ndude writes it.
        elif pot[key].getDefault() != default.replace('"', '\\"'):
            problems.append(f"{name}: another default for the editor message {key!r}")
    return problems


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def check_po(po: Path, pot: MessageCatalog) -> list[str]:
    """:returns: the problems of one .po file against the .pot."""
    name = po.relative_to(ROOT)
    catalog = MessageCatalog(filename=str(po))
    wanted = {msgid for msgid in pot if msgid}
    have = {msgid for msgid in catalog if msgid}
    problems = [f"{name}: missing {msgid!r}" for msgid in sorted(wanted - have)]
    problems += [f"{name}: obsolete {msgid!r}" for msgid in sorted(have - wanted)]
    for msgid in sorted(wanted & have):
        translation = catalog[msgid].msgstr
        english = pot[msgid].getDefault() or msgid
        if not translation:
            problems.append(f"{name}: untranslated {msgid!r}")
        elif placeholders(translation) != placeholders(english):
            problems.append(f"{name}: placeholders differ in {msgid!r}")
    return problems


def check_templates() -> list[str]:
    """:returns: a problem when i18ndude finds untranslated template text."""
    templates = sorted(str(path) for path in PACKAGE.rglob("*.pt"))
    result = subprocess.run(
        [str(I18NDUDE), "find-untranslated", "-n", *templates],
        capture_output=True,
        text=True,
    )
    if result.returncode:
        return [result.stdout.strip(), "Templates have untranslated text."]
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rebuild", action="store_true", help="rebuild the .pot instead of checking"
    )
    if parser.parse_args().rebuild:
        rebuild_pot(POT)
        return 0
    pot = MessageCatalog(filename=str(POT))
    problems = check_pot()
    problems += check_editor_messages(pot)
    for po in sorted(POT.parent.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        problems += check_po(po, pot)
    problems += check_templates()
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
