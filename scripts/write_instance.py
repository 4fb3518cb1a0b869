"""Write the Zope instance configuration for `make start` under var/.

Usage: python scripts/write_instance.py VAR_DIR HOST PORT
"""

from pathlib import Path

import sys


def write_instance(var: Path, host: str, port: str) -> Path:
    """Render instance/*.in into VAR/instance/etc and create the data folders.

    :param var: the folder that holds the instance and its data.
    :param host: the host name waitress listens on.
    :param port: the port waitress listens on.
    :returns: the path of the written zope.conf.
    """
    var = var.resolve()
    templates = Path(__file__).resolve().parent.parent / "instance"
    etc = var / "instance" / "etc"
    for folder in (etc, var / "filestorage", var / "blobstorage", var / "log"):
        folder.mkdir(parents=True, exist_ok=True)
    values = {
        "instance": str(var / "instance"),
        "var": str(var),
        "host": host,
        "port": port,
        "debug_mode": "off",
    }
    for name in ("zope.conf", "zope.ini"):
        text = (templates / f"{name}.in").read_text(encoding="utf-8")
        (etc / name).write_text(text.format(**values), encoding="utf-8")
    return etc / "zope.conf"


if __name__ == "__main__":
    var_dir, host, port = sys.argv[1:4]
    print(write_instance(Path(var_dir), host, port))
