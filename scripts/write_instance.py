"""Write the Zope instance configuration for `make start` under var/.

Usage: python scripts/write_instance.py VAR_DIR HOST PORT
"""

from pathlib import Path

import sys


TEMPLATES = Path(__file__).resolve().parent.parent / "instance"
# Chameleon refuses to start when its cache folder is missing, so it is made here
# along with the data folders.
DATA_FOLDERS = ("filestorage", "blobstorage", "log", "cache")


def write_instance(var: Path, host: str, port: str) -> Path:
    """Render instance/*.in into VAR/instance/etc and create the data folders.

    Existing data under VAR is left alone; only the two configuration files are
    rewritten, so HOST and PORT can change between runs.

    :param var: the folder that holds the instance and its data.
    :param host: the host name waitress listens on.
    :param port: the port waitress listens on.
    :returns: the path of the written zope.conf.
    :raises ValueError: when the port is not a number from 1 to 65535.
    """
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"PORT must be a number from 1 to 65535, not {port!r}")
    var = var.resolve()
    etc = var / "instance" / "etc"
    for folder in (etc, *(var / name for name in DATA_FOLDERS)):
        folder.mkdir(parents=True, exist_ok=True)
    values = {
        "instance": str(var / "instance"),
        "var": str(var),
        "host": host,
        "port": port,
        "debug_mode": "off",
    }
    for name in ("zope.conf", "zope.ini"):
        text = (TEMPLATES / f"{name}.in").read_text(encoding="utf-8")
        (etc / name).write_text(text.format(**values), encoding="utf-8")
    return etc / "zope.conf"


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[-1])
    var_dir, host, port = sys.argv[1:]
    try:
        print(write_instance(Path(var_dir), host, port))
    except ValueError as error:
        sys.exit(str(error))
