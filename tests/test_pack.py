"""Packing the database of a site (a ZODB FileStorage, `make start`'s) keeps
every revision a page's history shows and drops only those past the
retention, as a history-free storage would never have kept them.

The demo site is made once for the module by ``scripts/create_site.py``;
``tests/instance_pack.py`` then saves a page, packs and reports, both in
subprocesses (``zconsole run``), on a fresh var/ folder.
"""

from pathlib import Path
from test_instance_site import create_site
from test_instance_site import write_instance
from test_instance_site import ZCONSOLE

import json
import pytest
import subprocess


SCRIPT = Path(__file__).with_name("instance_pack.py")
RETENTION = 10


@pytest.fixture(scope="module")
def packed(tmp_path_factory) -> dict:
    var = tmp_path_factory.mktemp("pack") / "var"
    conf = write_instance(var)
    create_site(conf, "secret")
    result = subprocess.run(
        [str(ZCONSOLE), "run", str(conf), str(SCRIPT)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_history_shows_the_retention(packed):
    assert len(packed["before"]["history"]) == RETENTION


def test_packing_keeps_every_revision_shown(packed):
    assert packed["after"]["history"] == packed["before"]["history"]


def test_the_oldest_revision_shown_is_restored_after_packing(packed):
    oldest = [
        entry for entry in packed["before"]["history"] if entry[0] == packed["oldest"]
    ]
    assert packed["after"]["restored"] == oldest[0][3]


def test_packing_drops_the_revisions_cut_off(packed):
    before, after = packed["before"], packed["after"]
    assert before["stored"] > before["chained"]
    assert after["stored"] == after["chained"] == before["chained"]


def test_at_most_a_fifth_more_than_the_retention_is_kept(packed):
    assert RETENTION <= packed["after"]["page chain"] <= RETENTION + RETENTION // 5
