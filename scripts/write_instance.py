"""Write the Zope instance configuration for `make start` under var/.

Usage: python scripts/write_instance.py VAR_DIR HOST PORT [DEBUG_MODE]
"""

from pathlib import Path

import sys


TEMPLATES = Path(__file__).resolve().parent.parent / "instance"
# Chameleon refuses to start when its cache folder is missing, so it is made here
# along with the data folders.
DATA_FOLDERS = ("filestorage", "blobstorage", "log", "cache")
# zope.conf's own spelling; off unless asked for (`make start DEBUG_MODE=on`).
DEBUG_MODES = ("on", "off")


def write_instance(var: Path, host: str, port: str, debug_mode: str = "off") -> Path:
    """Render instance/*.in into VAR/instance/etc and create the data folders.

    Existing data under VAR is left alone; only the two configuration files are
    rewritten, so HOST, PORT and DEBUG_MODE can change between runs.

    :param var: the folder that holds the instance and its data.
    :param host: the host name waitress listens on.
    :param port: the port waitress listens on.
    :param debug_mode: zope.conf's ``debug-mode``, ``on`` or ``off`` (the
        default): development mode, for theme and layout developers only.
    :returns: the path of the written zope.conf.
    :raises ValueError: when the port is not a number from 1 to 65535, or
        debug_mode neither ``on`` nor ``off``.
    """
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"PORT must be a number from 1 to 65535, not {port!r}")
    if debug_mode not in DEBUG_MODES:
        raise ValueError(f"DEBUG_MODE must be on or off, not {debug_mode!r}")
    var = var.resolve()
    etc = var / "instance" / "etc"
    for folder in (etc, *(var / name for name in DATA_FOLDERS)):
        folder.mkdir(parents=True, exist_ok=True)
    values = {
        "instance": str(var / "instance"),
        "var": str(var),
        "host": host,
        "port": port,
        "debug_mode": debug_mode,
    }
    for name in ("zope.conf", "zope.ini"):
        text = (TEMPLATES / f"{name}.in").read_text(encoding="utf-8")
        (etc / name).write_text(text.format(**values), encoding="utf-8")
    return etc / "zope.conf"


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__.strip().splitlines()[-1])
    var_dir, host, port, *debug_mode = sys.argv[1:]
    try:
        print(write_instance(Path(var_dir), host, port, *debug_mode))
    except ValueError as error:
        sys.exit(str(error))
