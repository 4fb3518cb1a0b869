"""Check the translation catalogs (``make i18n-check``, part of ``make lint``).

Fails when the committed .pot differs from one rebuilt from the sources (its
creation date aside), when a .po lacks a message of the .pot, keeps one the
.pot no longer has, leaves one untranslated or changes its placeholders, and
when a page template has text or attributes without i18n markup.
``make i18n`` rebuilds the .pot and syncs the .po files; then translate.

Usage: python scripts/i18n_check.py
"""

from i18ndude.catalog import MessageCatalog
from pathlib import Path

import re
import subprocess
import sys
import tempfile


ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "collective" / "composite"
DOMAIN = "collective.composite"
POT = PACKAGE / "locales" / f"{DOMAIN}.pot"
I18NDUDE = Path(sys.executable).parent / "i18ndude"
# ${name} for zope.i18n, {name} for the editor's messages.
PLACEHOLDER = re.compile(r"\$?\{(\w+)\}")


def rebuild_pot(target: Path) -> None:
    """Extract the messages of the sources into ``target``, as ``make i18n`` does."""
    subprocess.run(
        [
            str(I18NDUDE),
            "rebuild-pot",
            "--no-line-numbers",
            "--create",
            DOMAIN,
            "--pot",
            str(target),
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
    pot = MessageCatalog(filename=str(POT))
    problems = check_pot()
    for po in sorted(POT.parent.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        problems += check_po(po, pot)
    problems += check_templates()
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
