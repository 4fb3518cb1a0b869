"""`make start` end to end: it serves the demo site, Ctrl-C stops it, data stays.

Runs the real Makefile target on a fresh var/ folder and a free port, as a new
user would, then sends SIGINT to its process group as a terminal's Ctrl-C does.
"""

from pathlib import Path

import ast
import os
import pytest
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request


ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("localhost", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""


def wait_for(url: str, process: subprocess.Popen, seconds: float = 300) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read()
        try:
            status, body = fetch(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(1)
            continue
        if status == 200:
            return body
        time.sleep(1)
    raise AssertionError(f"{url} did not answer 200 within {seconds} s")


def post_deep_json(url: str) -> int:
    """POST JSON nested 10,000 deep, anonymously; :returns: the status."""
    request = urllib.request.Request(
        url,
        data=b"[" * 10_000 + b"]" * 10_000,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def stop_with_ctrl_c(process: subprocess.Popen) -> int:
    os.killpg(process.pid, signal.SIGINT)
    try:
        return process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Start `make start` twice on the same var/ folder; yield both front pages."""
    var = tmp_path_factory.mktemp("var")
    port = free_port()
    env = dict(os.environ, VAR=str(var), PORT=str(port), ADMIN_PASSWORD="s3cret")
    url = f"http://localhost:{port}/Plone"
    pages, codes, outputs, deep = [], [], [], []
    for _run in range(2):
        process = subprocess.Popen(
            ["make", "start", f"VAR={var}", f"PORT={port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            pages.append(wait_for(url, process))
            deep.append(post_deep_json(url))
        finally:
            codes.append(stop_with_ctrl_c(process))
            outputs.append(process.stdout.read())
    return {
        "pages": pages,
        "codes": codes,
        "outputs": outputs,
        "var": var,
        "url": url,
        "deep": deep,
    }


def test_serves_the_composite_front_page(served):
    assert 'class="composite-layout' in served["pages"][0]


def test_prints_the_admin_login(served):
    assert "s3cret" in served["outputs"][0]


def test_ctrl_c_stops_the_server_cleanly(served):
    # make itself ends by the signal, as it does at a terminal.
    assert served["codes"] == [-signal.SIGINT, -signal.SIGINT]
    assert "Traceback" not in served["outputs"][0]
    with pytest.raises(urllib.error.URLError):
        fetch(served["url"])


def test_second_start_keeps_the_data(served):
    assert "kept with its data" in served["outputs"][1]
    assert 'class="composite-layout' in served["pages"][1]


def test_data_lives_in_the_var_folder(served):
    assert (served["var"] / "filestorage" / "Data.fs").stat().st_size > 0


def test_json_nested_10000_deep_gets_400_before_zope(served):
    # Without the pipeline's filter, plone.restapi's JWT plugin fails on it
    # with RecursionError: a 500 (issue 12).
    assert served["deep"] == [400, 400]


def make_start_profiles() -> list[str]:
    """:returns: the profiles ``scripts/create_site.py`` installs (``EXTENSIONS``)."""
    script = (ROOT / "scripts" / "create_site.py").read_text(encoding="utf-8")
    [profiles] = [
        node.value
        for node in ast.parse(script).body
        if isinstance(node, ast.Assign)
        and [getattr(target, "id", None) for target in node.targets] == ["EXTENSIONS"]
    ]
    return ast.literal_eval(profiles)


@pytest.mark.parametrize("guide", ["installation.md", "integrators.md"])
def test_the_guides_name_every_profile_make_start_installs(guide):
    text = (ROOT / "docs" / guide).read_text(encoding="utf-8")
    profiles = make_start_profiles()
    assert "collective.composite:default" in profiles
    assert [name for name in profiles if f"`{name}`" not in text] == []
