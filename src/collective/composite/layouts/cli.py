"""The ``composite-layouts`` console script: a theme developer's workbench.

- ``composite-layouts check PATH_OR_PACKAGE...`` runs the pairing checks of
  start-up on the layouts and widget types of ZCML files, folders or packages,
  without starting Zope (for a theme's CI): exit status 1 and Zope's messages
  when something is wrong, 0 and a one-line summary when all is well;
- ``composite-layouts scaffold REAL_TEMPLATE [-o OUTPUT] [--force]`` writes a
  first design template drawn from a real one, to simplify by hand.

Also runs as ``python -m collective.composite.layouts.cli``.
"""

from collections.abc import Sequence
from pathlib import Path

import argparse
import sys
import tempfile
import zipfile


PROGRAM = "composite-layouts"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command the arguments name.

    :param argv: the arguments, without the program name; ``sys.argv``'s when
        None.
    :returns: the exit status: 0 when all is well, 1 for problems found, 2 for
        wrong arguments (argparse's).
    """
    arguments = _parser().parse_args(argv)
    return arguments.run(arguments)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Check and scaffold collective.composite layout pairs.",
    )
    commands = parser.add_subparsers(title="commands", required=True)

    check = commands.add_parser(
        "check",
        help="run the start-up pairing checks without starting Zope",
        description=(
            "Check the composite:layout and composite:widget directives of ZCML "
            "files, folders (every *.zcml below) or packages (their "
            "configure.zcml and overrides.zcml, with what they include), as "
            "Zope would at start-up. Exit status 1 when something is wrong."
        ),
    )
    check.add_argument(
        "targets",
        nargs="+",
        metavar="PATH_OR_PACKAGE",
        help="a folder, a .zcml file, a dotted package name or a theme's .zip",
    )
    check.set_defaults(run=_check)

    scaffold = commands.add_parser(
        "scaffold",
        help="write a first design template from a real template",
        description=(
            "Write a design template drawn from a real one: slots kept in place, "
            "text as fuzzy text, images as colour blocks, in a design page. "
            "Simplify it afterwards."
        ),
    )
    scaffold.add_argument(
        "template", metavar="REAL_TEMPLATE", type=Path, help="the real template"
    )
    scaffold.add_argument(
        "-o",
        "--output",
        help="the file to write, '-' for standard output "
        "(default: NAME_design.pt beside REAL_TEMPLATE)",
    )
    scaffold.add_argument(
        "-n",
        "--name",
        help="the layout's name, for the CSS class composite-design-NAME "
        "(default: from the template's file name)",
    )
    scaffold.add_argument(
        "--force", action="store_true", help="overwrite OUTPUT when it exists"
    )
    scaffold.set_defaults(run=_scaffold)
    return parser


def _check(arguments: argparse.Namespace) -> int:
    """``check``: print the problems (standard error) or the summary."""
    # Imported here: the checks load Zope's page template machinery, which
    # ``scaffold`` and ``--help`` do without.
    from collective.composite.layouts.offline_check import check

    with tempfile.TemporaryDirectory() as scratch:
        try:
            targets, unpacked = _unpack_zips(arguments.targets, Path(scratch))
            report = check(targets)
        except LookupError as error:
            print(f"{PROGRAM}: {error}", file=sys.stderr)
            return 1
        # Name the files by the Zip file they came from, not the scratch copy.
        for folder, archive in unpacked.items():
            report.problems[:] = [
                problem.replace(folder, archive) for problem in report.problems
            ]
    if not report.files and not report.theme_layouts:
        # A mistyped path in a CI script must not pass unnoticed.
        print(
            f"{PROGRAM}: no ZCML file and no theme layout folder found in "
            f"{' '.join(arguments.targets)}.",
            file=sys.stderr,
        )
        return 1
    if report.problems:
        for problem in report.problems:
            print(problem, file=sys.stderr)
        print(
            f"{PROGRAM}: {len(report.problems)} problem(s) in {report.summary}.",
            file=sys.stderr,
        )
        return 1
    print(f"{PROGRAM}: checked {report.summary}: no problems.")
    return 0


def _unpack_zips(targets: Sequence[str], scratch: Path) -> tuple[list, dict]:
    """Unpack each theme's Zip file among the targets, as the theming control
    panel imports one, so that its layout folders are checked.

    :param targets: the command line's targets.
    :param scratch: a folder to unpack into, removed by the caller.
    :returns: the targets with each Zip file replaced by its unpacked folder,
        and each such folder's path to the Zip file's.
    :raises LookupError: for a ``.zip`` target that is not a Zip file.
    """
    checked, unpacked = [], {}
    for index, target in enumerate(targets):
        if not (target.lower().endswith(".zip") and Path(target).is_file()):
            checked.append(target)
            continue
        # Named after the archive: a theme zipped without its folder is named so.
        folder = scratch.resolve() / str(index) / Path(target).stem
        try:
            with zipfile.ZipFile(target) as archive:
                archive.extractall(folder)
        except zipfile.BadZipFile as error:
            raise LookupError(f"{target} is not a Zip file ({error}).") from None
        checked.append(str(folder))
        unpacked[str(folder)] = target
    return checked, unpacked


def _scaffold(arguments: argparse.Namespace) -> int:
    """``scaffold``: write the design template, never over a file unasked."""
    from collective.composite.layouts.scaffold import design_template_path
    from collective.composite.layouts.scaffold import scaffold

    real: Path = arguments.template
    try:
        source = real.read_text(encoding="utf-8")
    except OSError as error:
        print(f"{PROGRAM}: cannot read {real}: {error.strerror}.", file=sys.stderr)
        return 1
    except UnicodeDecodeError as error:
        from collective.composite.layouts.checks import not_utf8

        print(f"{PROGRAM}: {real} {not_utf8(error)}", file=sys.stderr)
        return 1
    name = arguments.name or real.stem.removesuffix("_real").replace("_", "-")
    design = scaffold(source, name)
    if arguments.output == "-":
        sys.stdout.write(design)
        return 0
    output = Path(arguments.output) if arguments.output else design_template_path(real)
    if output.exists() and not arguments.force:
        print(
            f"{PROGRAM}: {output} exists; choose another file with -o, or "
            f"overwrite it with --force.",
            file=sys.stderr,
        )
        return 1
    try:
        output.write_text(design, encoding="utf-8")
    except OSError as error:
        print(f"{PROGRAM}: cannot write {output}: {error.strerror}.", file=sys.stderr)
        return 1
    print(
        f"{PROGRAM}: wrote {output}. Simplify it, register it as the "
        f"design_template of the layout, then run: {PROGRAM} check"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
