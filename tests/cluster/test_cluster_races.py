"""Editors and scripts at the very same moment, through two Zope instances on
one RelStorage database: what is stored afterwards, the arrangement and its
history, not only the answers.

Each race is a bounded number of rounds of two requests let go together (a
barrier), so a round may or may not overlap on 2 shared cores: every
assertion holds whichever way the requests interleave, none is about time.
"""

# pytest puts this folder on sys.path (rootdir-relative "prepend" imports).
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from test_cluster import JSON
from test_cluster import TIMEOUT

import pytest
import requests
import threading
import uuid


pytestmark = pytest.mark.cluster

ROUNDS = 6
PASSWORD = "secret-editor-1"


def _token(site: str, login: str, password: str) -> dict:
    response = requests.post(
        f"{site}/@login",
        json={"login": login, "password": password},
        headers=JSON,
        timeout=TIMEOUT,
    )
    response.raise_for_status()
    return {**JSON, "Authorization": f"Bearer {response.json()['token']}"}


@pytest.fixture(scope="module")
def admin(cluster) -> dict:
    return _token(cluster.urls[0], "admin", "secret")


@pytest.fixture(scope="module")
def editors(cluster, admin) -> dict[str, dict]:
    """Two Editors, ``jane`` and ``john``: their JSON headers, by name."""
    for name in ("jane", "john"):
        response = requests.post(
            f"{cluster.urls[0]}/@users",
            json={
                "username": name,
                "email": f"{name}@example.org",
                "password": PASSWORD,
                "roles": ["Editor"],
            },
            headers=admin,
            timeout=TIMEOUT,
        )
        assert response.status_code == 201, response.text
    return {name: _token(cluster.urls[1], name, PASSWORD) for name in ("jane", "john")}


def create(site: str, headers: dict, type_: str, title: str) -> str:
    """A published item of ``type_`` in ``site``; its URL (on that instance)."""
    name = f"{title.lower().replace(' ', '-')}-{uuid.uuid4().hex[:6]}"
    response = requests.post(
        site,
        json={"@type": type_, "id": name, "title": title},
        headers=headers,
        timeout=TIMEOUT,
    )
    assert response.status_code == 201, response.text
    response = requests.post(
        f"{site}/{name}/@workflow/publish", headers=headers, timeout=TIMEOUT
    )
    assert response.status_code == 200, response.text
    return f"{site}/{name}"


@pytest.fixture
def page(cluster, admin) -> str:
    """A new published composite page; its path below the site."""
    url = create(cluster.urls[0], admin, "Composite Page", "Page")
    return url.removeprefix(cluster.urls[0] + "/")


def on_both(cluster, path: str) -> list[str]:
    return [f"{site}/{path}" for site in cluster.urls]


def read(url: str, headers: dict) -> dict:
    response = requests.get(f"{url}/@composite", headers=headers, timeout=TIMEOUT)
    assert response.status_code == 200, response.text
    return response.json()


def history(url: str, headers: dict) -> list[dict]:
    response = requests.get(
        f"{url}/@composite-history", headers=headers, timeout=TIMEOUT
    )
    assert response.status_code == 200, response.text
    return response.json()["items"]


def texts(url: str, headers: dict) -> list[str]:
    return [w["settings"]["text"] for w in read(url, headers)["slots"]["main"]]


def appended(current: dict, text: str) -> dict:
    """The PATCH body adding a text widget at the end of ``main``."""
    kept = [
        {key: w[key] for key in ("id", "type", "settings")}
        for w in current["slots"]["main"]
    ]
    widget = {"type": "text", "settings": {"text": f"<p>{text}</p>"}}
    return {"version": current["version"], "slots": {"main": [*kept, widget]}}


def patch(url: str, headers: dict, body: dict) -> requests.Response:
    return requests.patch(
        f"{url}/@composite", json=body, headers=headers, timeout=TIMEOUT
    )


def together(*calls):
    """Run the calls in threads let go at once; :returns: their results."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return [future.result() for future in [pool.submit(run, c) for c in calls]]


def test_two_scripts_saving_until_done_lose_nothing_and_history_lists_each_save(
    cluster, editors, page
):
    """Each client reads, appends its widget and saves, again on a 409; every
    accepted save is in the arrangement and is one revision, in order."""
    urls = on_both(cluster, page)
    accepted = []  # (version, label, user)
    statuses = []
    lock = threading.Lock()

    def client(url: str, user: str):
        headers = editors[user]
        for round_ in range(ROUNDS):
            label = f"{user} {round_}"
            while True:
                response = patch(url, headers, appended(read(url, headers), label))
                with lock:
                    statuses.append(response.status_code)
                if response.status_code == 200:
                    with lock:
                        accepted.append((int(response.json()["version"]), label, user))
                    break
                assert response.status_code == 409, response.text
                assert response.json()["error"]["type"] == "StaleVersion"

    together(partial(client, urls[0], "jane"), partial(client, urls[1], "john"))
    assert set(statuses) <= {200, 409}, statuses
    accepted.sort()
    assert [version for version, _label, _user in accepted] == list(
        range(1, 2 * ROUNDS + 1)
    )
    for url in urls:
        assert texts(url, editors["jane"]) == [
            f"<p>{label}</p>" for _v, label, _u in accepted
        ]
        revisions = history(url, editors["john"])
        assert [(r["number"], r["user"]["id"]) for r in revisions] == [
            (version, user) for version, _label, user in reversed(accepted)
        ]
        assert all(r["changes"] == {"added": 1} for r in revisions[:-1])


def test_saves_of_the_same_version_at_once_give_one_200_and_one_409(
    cluster, editors, page
):
    urls = on_both(cluster, page)
    kept = []
    for round_ in range(ROUNDS):
        current = read(urls[0], editors["jane"])
        labels = [f"round {round_} by {user}" for user in ("jane", "john")]
        answers = together(
            partial(patch, urls[0], editors["jane"], appended(current, labels[0])),
            partial(patch, urls[1], editors["john"], appended(current, labels[1])),
        )
        statuses = sorted(a.status_code for a in answers)
        assert statuses == [200, 409], [a.text for a in answers]
        winner = next(a for a in answers if a.status_code == 200)
        assert winner.json()["version"] == str(int(current["version"]) + 1)
        kept.append(labels[answers.index(winner)])
    numbers = [r["number"] for r in history(urls[1], editors["jane"])]
    assert numbers == list(range(ROUNDS, 0, -1))
    assert texts(urls[1], editors["john"]) == [f"<p>{label}</p>" for label in kept]


def test_saves_of_two_pages_at_once_never_refuse_each_other(cluster, editors, admin):
    """Different pages share nothing an editor can be refused for: a ZODB
    conflict in what they share (the catalog) is retried, never a 409 or 5xx."""
    site_a, site_b = cluster.urls
    first = create(site_a, admin, "Composite Page", "First")
    second = create(site_b, admin, "Composite Page", "Second").replace(site_b, site_a)
    first_b, second_b = (url.replace(site_a, site_b) for url in (first, second))
    for round_ in range(ROUNDS):
        # Words new to the catalog on every round, so both reindex its text.
        words = [f"zephyr{uuid.uuid4().hex[:8]} {round_}" for _ in range(2)]
        bodies = [
            appended(read(url, editors[user]), word)
            for url, user, word in zip(
                (first, second_b), ("jane", "john"), words, strict=True
            )
        ]
        answers = together(
            partial(patch, first, editors["jane"], bodies[0]),
            partial(patch, second_b, editors["john"], bodies[1]),
        )
        assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
    for url in (first_b, second):
        assert len(texts(url, editors["jane"])) == ROUNDS
        assert [r["number"] for r in history(url, editors["jane"])] == list(
            range(ROUNDS, 0, -1)
        )


def saved_between(url: str, headers: dict, text: str) -> dict:
    """Save ``text`` alone (so that a restore or import after it changes
    something: one that changes nothing is no save); :returns: the page's
    ``@composite`` after it."""
    current = read(url, headers)
    body = {
        "version": current["version"],
        "slots": {"main": [{"type": "text", "settings": {"text": f"<p>{text}</p>"}}]},
    }
    response = patch(url, headers, body)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_restore_racing_a_save_of_the_same_version(cluster, editors, page):
    """One of them is refused each round; the history has each accepted one."""
    urls = on_both(cluster, page)
    jane, john = editors["jane"], editors["john"]
    saved_between(urls[0], jane, "first")
    actions = ["replace"]
    for round_ in range(ROUNDS):
        current = saved_between(urls[1], john, f"between {round_}")
        actions.append("replace")
        answers = together(
            partial(
                requests.post,
                f"{urls[0]}/@composite-history/1/restore",
                json={"version": current["version"]},
                headers=jane,
                timeout=TIMEOUT,
            ),
            partial(patch, urls[1], john, appended(current, f"saved {round_}")),
        )
        statuses = [a.status_code for a in answers]
        assert sorted(statuses) == [200, 409], [a.text for a in answers]
        actions.append("restore" if statuses[0] == 200 else "replace")
    revisions = history(urls[1], jane)
    assert [r["number"] for r in revisions] == list(range(len(actions), 0, -1))
    assert [r["action"] for r in reversed(revisions)] == actions
    expected = ["<p>first</p>"]
    if actions[-1] == "replace":
        expected = [f"<p>between {ROUNDS - 1}</p>", f"<p>saved {ROUNDS - 1}</p>"]
    assert texts(urls[0], john) == expected


def test_an_import_racing_a_save_of_the_same_version(cluster, editors, page):
    """One of them is refused each round; the history has each accepted one."""
    urls = on_both(cluster, page)
    jane, john = editors["jane"], editors["john"]
    saved_between(urls[0], jane, "exported")
    exported = requests.get(
        f"{urls[0]}/@composite-export", headers=jane, timeout=TIMEOUT
    ).json()
    actions = ["replace"]
    for round_ in range(ROUNDS):
        current = saved_between(urls[0], john, f"between {round_}")
        actions.append("replace")
        answers = together(
            partial(
                requests.post,
                f"{urls[1]}/@composite-import",
                json={"version": current["version"], "arrangement": exported},
                headers=jane,
                timeout=TIMEOUT,
            ),
            partial(patch, urls[0], john, appended(current, f"saved {round_}")),
        )
        statuses = [a.status_code for a in answers]
        assert sorted(statuses) == [200, 409], [a.text for a in answers]
        actions.append("import" if statuses[0] == 200 else "replace")
    revisions = history(urls[0], john)
    assert [r["number"] for r in revisions] == list(range(len(actions), 0, -1))
    assert [r["action"] for r in reversed(revisions)] == actions


def test_the_design_lock_is_seen_at_once_on_the_other_instance(cluster, editors, page):
    (lock_a, lock_b) = (f"{url}/@composite-lock" for url in on_both(cluster, page))
    jane, john = editors["jane"], editors["john"]

    def lock(url, headers, method="GET", **body):
        response = requests.request(
            method, url, json=body or None, headers=headers, timeout=TIMEOUT
        )
        return response.status_code, response.json()

    status, taken = lock(lock_a, jane, "POST")
    assert status == 200
    assert taken["mine"]
    status, seen = lock(lock_b, john)
    assert (seen["locked"], seen["mine"], seen["creator"]["id"]) == (
        True,
        False,
        "jane",
    )
    assert lock(lock_b, john, "POST")[0] == 409
    status, renewed = lock(lock_a, jane, "POST")
    assert status == 200
    assert lock(lock_b, john)[1]["time"] == renewed["time"]
    status, took = lock(lock_b, john, "POST", takeover=True)
    assert status == 200
    assert took["mine"]
    status, seen = lock(lock_a, jane)
    assert (seen["mine"], seen["creator"]["id"]) == (False, "john")
    page_a = lock_a.removesuffix("/@composite-lock")
    refused = patch(page_a, jane, appended(read(page_a, jane), "Jane's"))
    assert refused.status_code == 409
    assert refused.json()["error"]["type"] == "Locked"
    assert lock(lock_a, jane, "DELETE")[0] == 409
    assert lock(lock_b, john, "DELETE")[0] == 200
    assert lock(lock_a, jane)[1]["locked"] is False
    assert texts(page_a, john) == []


def test_two_editors_taking_the_lock_at_once_through_both_instances(
    cluster, editors, page
):
    """Exactly one of them gets it, each round; the other is told who has it."""
    urls = [f"{url}/@composite-lock" for url in on_both(cluster, page)]
    for _round in range(ROUNDS):
        answers = together(
            partial(requests.post, urls[0], headers=editors["jane"], timeout=TIMEOUT),
            partial(requests.post, urls[1], headers=editors["john"], timeout=TIMEOUT),
        )
        statuses = [a.status_code for a in answers]
        assert sorted(statuses) == [200, 409], [a.text for a in answers]
        holder = ("jane", "john")[statuses.index(200)]
        other = ("john", "jane")[statuses.index(200)]
        assert (
            answers[statuses.index(409)].json()["error"]["lock"]["creator"]["id"]
            == holder
        )
        for url in urls:
            seen = requests.get(url, headers=editors[other], timeout=TIMEOUT).json()
            assert (seen["creator"]["id"], seen["mine"]) == (holder, False)
        response = requests.delete(urls[0], headers=editors[holder], timeout=TIMEOUT)
        assert response.status_code == 200


def test_a_save_racing_a_move_of_the_page(cluster, editors, admin):
    """The save either reaches the page (found at its new place, by its new
    words, and nowhere else) or is refused; never a 5xx."""
    site_a, site_b = cluster.urls
    for round_ in range(ROUNDS):
        folder = create(site_b, admin, "Folder", f"Folder {round_}")
        page = create(site_a, admin, "Composite Page", f"Moving {round_}")
        word = f"quokka{uuid.uuid4().hex[:10]}"
        current = read(page, editors["jane"])
        answers = together(
            partial(patch, page, editors["jane"], appended(current, word)),
            partial(
                requests.post,
                f"{folder}/@move",
                json={"source": page.replace(site_a, site_b)},
                headers=admin,
                timeout=TIMEOUT,
            ),
        )
        saved, moved = answers
        assert moved.status_code == 200, moved.text
        assert saved.status_code in (200, 404), saved.text
        new_url = f"{folder}/{page.rsplit('/', 1)[1]}"
        stored = texts(new_url.replace(site_b, site_a), editors["john"])
        found = requests.get(
            f"{site_a}/@search",
            params={"SearchableText": word},
            headers=admin,
            timeout=TIMEOUT,
        ).json()["items"]
        if saved.status_code == 200:
            assert stored == [f"<p>{word}</p>"]
            assert [item["@id"] for item in found] == [new_url.replace(site_b, site_a)]
        else:
            assert stored == []
            assert found == []


def test_an_edit_of_a_shown_item_racing_a_save_of_the_page(cluster, editors, admin):
    """Search finds the page by the item's new title and by the saved words."""
    site_a, site_b = cluster.urls
    item = create(site_a, admin, "Document", "Shown item")
    uid = requests.get(item, headers=admin, timeout=TIMEOUT).json()["UID"]
    page = create(site_a, admin, "Composite Page", "Showing")
    widget = {"type": "content", "settings": {"uid": uid, "display": "summary"}}
    first = patch(page, admin, {"version": "0", "slots": {"main": [widget]}})
    assert first.status_code == 200, first.text
    for _round in range(ROUNDS):
        title = f"wombat{uuid.uuid4().hex[:10]}"
        word = f"numbat{uuid.uuid4().hex[:10]}"
        current = read(page, editors["jane"])
        answers = together(
            partial(patch, page, editors["jane"], appended(current, word)),
            partial(
                requests.patch,
                item.replace(site_a, site_b),
                json={"title": title},
                headers=admin,
                timeout=TIMEOUT,
            ),
        )
        assert [a.status_code for a in answers] == [200, 204], [a.text for a in answers]
        for query in (title, word):
            found = requests.get(
                f"{site_b}/@search",
                params={"SearchableText": query, "portal_type": "Composite Page"},
                headers=admin,
                timeout=TIMEOUT,
            ).json()["items"]
            assert [i["@id"] for i in found] == [page.replace(site_a, site_b)], query


def test_a_revert_to_a_content_version_racing_a_save(cluster, editors, admin, page):
    """A revert stores a new arrangement in place of the one a save writes:
    the two conflict, so a save answered 200 is never lost with it."""
    urls = on_both(cluster, page)
    jane, john = editors["jane"], editors["john"]
    assert patch(urls[0], jane, appended(read(urls[0], jane), "versioned")).ok
    # An edit of the page's fields makes a content version, arrangement included.
    edited = requests.patch(
        urls[0], json={"title": "Versioned"}, headers=admin, timeout=TIMEOUT
    )
    assert edited.status_code == 204, edited.text
    content_version = requests.get(
        f"{urls[0]}/@history", headers=admin, timeout=TIMEOUT
    ).json()[0]
    accepted = []
    for round_ in range(ROUNDS):
        current = read(urls[1], john)
        answers = together(
            partial(
                requests.patch,
                f"{urls[1]}/@history",
                json={"version": content_version["version"]},
                headers=admin,
                timeout=TIMEOUT,
            ),
            partial(patch, urls[0], john, appended(current, f"saved {round_}")),
        )
        reverted, saved = answers
        assert reverted.status_code == 200, reverted.text
        assert saved.status_code in (200, 409), saved.text
        if saved.status_code == 200:
            accepted.append(int(saved.json()["version"]))
    revisions = history(urls[1], jane)
    numbers = [r["number"] for r in revisions]
    assert numbers == list(range(numbers[0], 0, -1))
    by_number = {r["number"]: (r["action"], r["user"]["id"]) for r in revisions}
    for version in accepted:
        assert by_number[version] == ("replace", "john")
    assert [r["action"] for r in revisions].count("revert") == ROUNDS


def test_the_lock_holders_save_racing_a_takeover(cluster, editors, page):
    """The holder's save is kept, or refused as locked when the takeover came
    first; the new holder, who read the page before, is then told whether it
    is stale. Nothing is lost either way."""
    urls = on_both(cluster, page)
    jane, john = editors["jane"], editors["john"]
    for round_ in range(ROUNDS):
        taken = requests.post(
            f"{urls[0]}/@composite-lock", headers=jane, timeout=TIMEOUT
        )
        assert taken.status_code == 200, taken.text
        current = read(urls[1], john)
        saved, took = together(
            partial(patch, urls[0], jane, appended(current, f"jane {round_}")),
            partial(
                requests.post,
                f"{urls[1]}/@composite-lock",
                json={"takeover": True},
                headers=john,
                timeout=TIMEOUT,
            ),
        )
        assert took.status_code == 200, took.text
        assert saved.status_code in (200, 409), saved.text
        seen = requests.get(
            f"{urls[0]}/@composite-lock", headers=jane, timeout=TIMEOUT
        ).json()
        assert (seen["creator"]["id"], seen["mine"]) == ("john", False)
        after = patch(urls[1], john, appended(current, f"john {round_}"))
        if saved.status_code == 200:
            assert after.status_code == 409, after.text
            assert after.json()["error"]["type"] == "StaleVersion"
            assert texts(urls[1], john)[-1] == f"<p>jane {round_}</p>"
        else:
            assert saved.json()["error"]["type"] == "Locked"
            assert after.status_code == 200, after.text
            assert texts(urls[0], jane)[-1] == f"<p>john {round_}</p>"
        released = requests.delete(
            f"{urls[1]}/@composite-lock", headers=john, timeout=TIMEOUT
        )
        assert released.status_code == 200, released.text
    users = [r["user"]["id"] for r in history(urls[0], jane)]
    assert len(users) == ROUNDS
    assert [r["number"] for r in history(urls[0], jane)] == list(range(ROUNDS, 0, -1))


def test_a_save_racing_a_deletion_of_the_page(cluster, editors, admin):
    """Whichever comes first, the page is gone and search finds nothing of
    it; the save is answered 200 (before) or 404 (after), never a 5xx."""
    site_a, site_b = cluster.urls
    for round_ in range(ROUNDS):
        page = create(site_a, admin, "Composite Page", f"Deleted {round_}")
        word = f"dugong{uuid.uuid4().hex[:10]}"
        current = read(page, editors["jane"])
        saved, deleted = together(
            partial(patch, page, editors["jane"], appended(current, word)),
            partial(
                requests.delete,
                page.replace(site_a, site_b),
                headers=admin,
                timeout=TIMEOUT,
            ),
        )
        assert deleted.status_code == 204, deleted.text
        assert saved.status_code in (200, 404), saved.text
        for site in cluster.urls:
            found = requests.get(
                f"{site}/@search",
                params={"SearchableText": word},
                headers=admin,
                timeout=TIMEOUT,
            ).json()["items"]
            assert found == [], found
            gone = requests.get(
                page.replace(site_a, site), headers=admin, timeout=TIMEOUT
            )
            assert gone.status_code == 404
