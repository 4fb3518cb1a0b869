"""Two Zope instances on one PostgreSQL database through RelStorage.

The instances run as subprocesses on a throwaway database (see cluster.py
and the ``cluster`` fixture of conftest.py);
the tests talk to them over HTTP through the REST service, as an editor's
browser would.
"""

from concurrent.futures import ThreadPoolExecutor

import pytest
import requests


pytestmark = pytest.mark.cluster

TIMEOUT = 60
JSON = {"Accept": "application/json", "Content-Type": "application/json"}


@pytest.fixture(scope="module")
def headers(cluster) -> dict:
    """An editor's JSON headers, with a token from instance A."""
    response = requests.post(
        f"{cluster.urls[0]}/@login",
        json={"login": "admin", "password": "secret"},
        headers=JSON,
        timeout=TIMEOUT,
    )
    response.raise_for_status()
    return {**JSON, "Authorization": f"Bearer {response.json()['token']}"}


@pytest.fixture
def page_path(cluster, headers, request) -> str:
    """A published composite page, created through instance A; its path."""
    name = request.node.name.replace("_", "-")[:40]
    site = cluster.urls[0]
    response = requests.post(
        site,
        json={"@type": "Composite Page", "id": name, "title": name},
        headers=headers,
        timeout=TIMEOUT,
    )
    assert response.status_code == 201, response.text
    response = requests.post(
        f"{site}/{name}/@workflow/publish", headers=headers, timeout=TIMEOUT
    )
    assert response.status_code == 200, response.text
    return name


def read(url: str, headers: dict) -> dict:
    response = requests.get(f"{url}/@composite", headers=headers, timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    return response.json()


def add_text(url: str, headers: dict, version: str, text: str):
    """PATCH a text widget onto the end of ``main``, from ``version``."""
    current = read(url, headers)["slots"]["main"]
    kept = [{key: w[key] for key in ("id", "type", "settings")} for w in current]
    widget = {"type": "text", "settings": {"text": f"<p>{text}</p>"}}
    return requests.patch(
        f"{url}/@composite",
        json={"version": version, "slots": {"main": [*kept, widget]}},
        headers=headers,
        timeout=TIMEOUT,
    )


def texts(url: str, headers: dict) -> list[str]:
    return [w["settings"]["text"] for w in read(url, headers)["slots"]["main"]]


def test_save_through_a_is_visible_at_once_in_the_real_view_of_b(
    cluster, headers, page_path
):
    a, b = (f"{site}/{page_path}" for site in cluster.urls)
    assert "Saved through A" not in requests.get(b, timeout=TIMEOUT).text
    version = read(a, headers)["version"]
    response = add_text(a, headers, version, "Saved through A")
    assert response.status_code == 200, response.text
    visitor_view = requests.get(b, timeout=TIMEOUT)
    assert visitor_view.status_code == 200
    assert "Saved through A" in visitor_view.text


def test_stale_save_through_b_gets_409_and_changes_nothing(cluster, headers, page_path):
    a, b = (f"{site}/{page_path}" for site in cluster.urls)
    version = read(b, headers)["version"]
    assert add_text(a, headers, version, "First").status_code == 200
    response = add_text(b, headers, version, "Stale")
    assert response.status_code == 409, response.text
    assert response.json()["error"]["type"] == "StaleVersion"
    assert texts(b, headers) == ["<p>First</p>"]


def test_concurrent_saves_through_both_instances_lose_nothing(
    cluster, headers, page_path
):
    urls = [f"{site}/{page_path}" for site in cluster.urls]
    saved = []
    with ThreadPoolExecutor(max_workers=2) as pool:
        for round_ in range(6):
            version = read(urls[0], headers)["version"]
            labels = [f"round {round_} via {name}" for name in "AB"]
            futures = [
                pool.submit(add_text, url, headers, version, label)
                for url, label in zip(urls, labels, strict=True)
            ]
            statuses = [future.result().status_code for future in futures]
            # Both read the same version: exactly one save wins.
            assert sorted(statuses) == [200, 409], statuses
            saved.append(f"<p>{labels[statuses.index(200)]}</p>")
    for url in urls:
        assert texts(url, headers) == saved
