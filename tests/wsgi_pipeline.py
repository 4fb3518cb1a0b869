"""The WSGI pipeline ``make start`` serves, for tests: the ``zope.ini`` that
scripts/write_instance.py writes, and its filters put in front of a stand-in
for Zope."""

from configparser import ConfigParser
from paste.deploy import loadfilter
from pathlib import Path

import importlib.util


ROOT = Path(__file__).resolve().parent.parent


def write_zope_ini(var: Path) -> Path:
    """Write the instance configuration under ``var`` as ``make start`` does.

    :returns: the path of its ``zope.ini``.
    """
    spec = importlib.util.spec_from_file_location(
        "write_instance", ROOT / "scripts" / "write_instance.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.write_instance(var, "127.0.0.1", "8765").with_name("zope.ini")


def pipeline(ini: Path, app):
    """The filters of the ini's main pipeline in front of ``app``, which
    stands in for its last member (Zope)."""
    parser = ConfigParser(interpolation=None)
    parser.read(ini)
    *filters, last = parser["pipeline:main"]["pipeline"].split()
    assert last == "zope"
    for name in reversed(filters):
        if name.startswith("egg:"):
            app = loadfilter(name)(app)
        else:
            app = loadfilter(f"config:{ini}", name=name)(app)
    return app
