"""Two editors and a Site Administrator working on one composite page at once,
in random sequences, through the published application (a hypothesis state
machine).

The other fuzz tests send one hostile request each; the concurrency tests play
fixed two-editor scenarios. Here hypothesis interleaves, for two Editors on one
page: reading ``@composite``; ``PATCH`` with the version they last read (fresh
or stale) adding a widget of each type they may add, moving one within or
between slots, removing one, changing settings (the whole slots, or by id
with ``widgets``), switching the layout (widgets become unplaced), putting one
aside (sent as unplaced, with any slot's name) and placing an unplaced widget
again; taking, taking over and releasing the design lock
(``@composite-lock``); restoring an earlier revision
(``@composite-history``); the Site Administrator adding or changing an
*HTML embed* widget (a type Editors may not add); and now and then a hostile
body of :mod:`strategies`.

A :class:`Model` holds what the stored arrangement must be: the layout and,
per slot name, the widgets stored there in order (the same data the add-on
keeps); where they show (placed, or unplaced because the layout lacks the
slot or the slot is full) is worked out from it as the add-on documents it.
After every step:

- no answer is a server error; a refusal is the one the model expects (``409
  StaleVersion`` naming the current version, ``409 Locked`` naming the lock's
  holder, ``400`` naming the field) and changes nothing: not the arrangement,
  its version, its history, the lock;
- an accepted change answers with a new version (the same one for a change
  that changes nothing) and exactly the model, and ``GET @composite`` gives
  the model: no widget is lost, placed or unplaced;
- the history gained one revision per accepted save that changed something,
  numbered by its version, and a restore gives back that revision's
  arrangement;
- the visitor's ``@@composite-view`` answers ``200`` and shows every placed
  widget (a text widget's text) and no unplaced one.
"""

from copy import deepcopy
from dataclasses import dataclass
from dataclasses import field
from functional_fixtures import PASSWORD
from fuzzing import describe
from fuzzing import fuzz_settings
from fuzzing import FuzzSite
from hypothesis import event
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import initialize
from hypothesis.stateful import invariant
from hypothesis.stateful import rule
from hypothesis.stateful import RuleBasedStateMachine
from hypothesis.stateful import run_state_machine_as_test
from lxml import html as lxml_html
from strategies import ALL_SLOTS
from strategies import encode
from strategies import LAYOUTS
from strategies import mutated
from strategies import patch_bodies
from strategies import SLOT_MAX

import os
import pytest
import transaction


EDITORS = ("editor", "editor-two")
SITE_ADMINISTRATOR = "siteadmin"
EDITOR_TYPES = ("text", "content", "image", "listing")
QUERY = "plone.app.querystring.operation."

# A sequence of 25 steps makes some 150 requests: a tenth of the other fuzz
# tests' examples keeps the test near a minute in ``make test``. FUZZ_STEPS
# makes the sequences longer (``make fuzz FUZZ_STEPS=100``).
machine_settings = settings(
    fuzz_settings,
    max_examples=max(4, fuzz_settings.max_examples // 10),
    stateful_step_count=int(os.environ.get("FUZZ_STEPS", "25")),
    deadline=None,
)


@pytest.fixture
def editors_site(fuzz_site) -> FuzzSite:
    """:func:`fuzz_site` with a second Editor and a Site Administrator."""
    users = fuzz_site.portal.acl_users
    users.userFolderAddUser("editor-two", PASSWORD, ["Editor"], [])
    users.userFolderAddUser(SITE_ADMINISTRATOR, PASSWORD, ["Site Administrator"], [])
    transaction.commit()
    return fuzz_site


def test_two_editors_and_a_site_administrator_in_random_sequences(editors_site):
    run_state_machine_as_test(
        lambda: TwoEditors(editors_site), settings=machine_settings
    )


# --- the model ---------------------------------------------------------------


def entry(widget: dict) -> dict:
    """A widget as the model keeps it: ``id``, ``type``, ``settings``."""
    return {
        "id": widget.get("id"),
        "type": widget["type"],
        "settings": deepcopy(widget["settings"]),
    }


@dataclass
class Model:
    """What the page's stored arrangement must be.

    :ivar layout: the layout's name.
    :ivar stored: slot name -> the widgets stored in that slot, in order
        (slots the layout lacks too: their widgets are unplaced).
    """

    layout: str
    stored: dict[str, list[dict]] = field(default_factory=dict)

    def copy(self) -> "Model":
        return Model(self.layout, deepcopy(self.stored))

    def key(self) -> tuple:
        """What a save compares to tell whether it changes anything."""
        return (
            self.layout,
            {slot: widgets for slot, widgets in self.stored.items() if widgets},
        )

    def view(self) -> dict:
        """The arrangement as ``GET @composite`` shows it (without its read-only
        members): the layout's slots with the widgets they show, and the
        unplaced ones, first of slots the layout lacks (by slot name), then
        those a full slot has no room for (in the layout's order)."""
        slots, unplaced = {}, []
        for slot in LAYOUTS[self.layout]:
            widgets = self.stored.get(slot, [])
            room = SLOT_MAX.get((self.layout, slot), len(widgets))
            slots[slot] = [entry(widget) for widget in widgets[:room]]
        for slot in sorted(set(self.stored) - set(LAYOUTS[self.layout])):
            unplaced += [{**entry(w), "slot": slot} for w in self.stored[slot]]
        for slot in LAYOUTS[self.layout]:
            widgets = self.stored.get(slot, [])
            room = SLOT_MAX.get((self.layout, slot), len(widgets))
            unplaced += [{**entry(w), "slot": slot} for w in widgets[room:]]
        return {"layout": self.layout, "slots": slots, "unplaced": unplaced}

    def widgets(self) -> dict[str, dict]:
        """Every widget by id, placed or unplaced."""
        return {w["id"]: w for widgets in self.stored.values() for w in widgets}

    @classmethod
    def of(cls, view: dict) -> "Model":
        """The model of an arrangement as ``GET @composite`` shows it (or a
        ``PATCH`` body that sends every member): the placed widgets of a slot
        come first in it, then the unplaced ones of its name."""
        stored = {
            slot: [entry(w) for w in widgets] for slot, widgets in view["slots"].items()
        }
        for widget in view["unplaced"]:
            stored.setdefault(widget["slot"], []).append(entry(widget))
        return cls(view["layout"], stored)


def shown(response_json: dict) -> dict:
    """An answer of ``GET``/``PATCH @composite`` without its read-only members."""
    return {
        "layout": response_json["layout"],
        "slots": {
            slot: [entry(w) for w in widgets]
            for slot, widgets in response_json["slots"].items()
        },
        "unplaced": [
            {**entry(w), "slot": w["slot"]} for w in response_json["unplaced"]
        ],
    }


def outcome(response) -> str:
    """The status of an answer, and the type of a refusal."""
    if response.status_int < 400 or not response.content_type.endswith("json"):
        return str(response.status_int)
    body = response.json if isinstance(response.json, dict) else {}
    error = body.get("error", body)
    kind = error.get("type") if isinstance(error, dict) else None
    return f"{response.status_int} {kind}"


class Refused(Exception):
    """The change the model expects to be refused with ``400``, naming
    ``field`` (a prefix of it)."""

    def __init__(self, field: str):
        self.field = field


@dataclass
class Editor:
    """What one user's client last read: the arrangement and its version."""

    name: str
    client: object
    version: str = ""
    seen: dict = field(default_factory=dict)


# --- the state machine -------------------------------------------------------


class TwoEditors(RuleBasedStateMachine):
    """The editors, the Site Administrator and the :class:`Model` of their page.

    :ivar lock: who holds the page's design lock (None: nobody).
    :ivar revisions: version -> the model that save left, of the revisions
        made in this sequence (and the one it starts from).
    :ivar blind: ids of widgets a hostile body made, whose settings may show
        visitors nothing (their presence is not checked, their absence is).
    """

    def __init__(self, site: FuzzSite):
        super().__init__()
        self.site = site
        self.users = {
            name: Editor(name, site.client(name))
            for name in (*EDITORS, SITE_ADMINISTRATOR)
        }
        self.anonymous = site.anonymous
        self.url = site.url
        self.counter = 0

    # --- helpers ---------------------------------------------------------------

    def fresh_id(self) -> str:
        self.counter += 1
        return f"sm{self.counter}-model"

    def settings_of(self, type_name: str, mark: int) -> dict:
        """Settings a widget of ``type_name`` keeps as they are (already as
        its type cleans them) and shows visitors something by."""
        if type_name == "text":
            return {"text": f"<p>Text {mark}</p>"}
        if type_name == "html":
            return {"html": f"<p>Embed {mark}</p>"}
        if type_name == "content":
            return {
                "uid": self.target_uid,
                "display": ("title", "summary")[mark % 2],
            }
        if type_name == "image":
            return {"uid": self.image_uid, "scale": "thumb", "alt": f"Alt {mark}"}
        if type_name == "listing":
            return {
                "query": [
                    {
                        "i": "portal_type",
                        "o": f"{QUERY}selection.any",
                        "v": ["Document"],
                    }
                ],
                "limit": 1 + mark % 5,
                "display": "summaries",
                "sort_reversed": False,
            }
        raise ValueError(type_name)

    def read(self, who: str) -> Editor:
        user = self.users[who]
        response = user.client.get(f"{self.url}/@composite")
        assert response.status_int == 200, describe(response)
        user.version = response.json["version"]
        user.seen = shown(response.json)
        return user

    def holder_refuses(self, who: str) -> str | None:
        return self.lock if self.lock not in (None, who) else None

    def send(
        self, who: str, method: str, url: str, body, change, sent=None, learn=None
    ):
        """Send a change as ``who`` and check the answer against the model.

        :param body: the JSON document sent (encoded with :func:`encode`).
        :param change: None for a change whose outcome the model cannot tell
            (a hostile body), else a function of the current model that
            returns the model after the change or raises :class:`Refused`.
        :param sent: what a ``400`` may name a field of (default: ``body``).
        :param learn: called with the model after the change and the answer,
            before they are compared: what the model learns from the answer.
        :returns: the answer.
        """
        user = self.users[who]
        site = self.site
        version_sent = body.get("version") if isinstance(body, dict) else None
        before = site.snapshot()
        response = user.client.request(method, url, body=encode(body))
        assert response.status_int < 500, describe(response)
        # What the sequences reached (--hypothesis-show-statistics).
        event(f"{method} {url.rsplit('/', 1)[-1]}: {outcome(response)}")
        holder = self.holder_refuses(who)
        if change is None:
            if site.check(response, before, sent if sent is not None else body):
                assert response.status_int == 200, describe(response)
                assert holder is None, f"saved past {holder}'s lock"
                self.adopt(before)
            return response
        if holder is not None:
            self.expect_refusal(response, before, 409, "Locked")
            assert response.json["error"]["lock"]["creator"]["id"] == holder
            return response
        if version_sent != self.model_version:
            self.expect_refusal(response, before, 409, "StaleVersion")
            assert response.json["error"]["version"] == self.model_version
            return response
        try:
            after, refused = change(self.model.copy()), None
        except Refused as refusal:
            after, refused = None, refusal.field
        if refused is not None:
            self.expect_refusal(response, before, 400, None, sent or body)
            named = response.json["error"]["field"]
            assert named.startswith(refused), (refused, describe(response))
            return response
        assert response.status_int == 200, describe(response)
        answer = response.json
        if learn is not None:
            learn(after, answer)
        if after.key() == self.model.key():
            assert answer["version"] == self.model_version, describe(response)
            assert site.snapshot()[1:4] == before[1:4]
        else:
            assert answer["version"] != self.model_version, describe(response)
            self.model = after
            self.model_version = answer["version"]
            self.saved(before)
        assert shown(answer) == self.model.view(), describe(response)
        user.version, user.seen = answer["version"], shown(answer)
        return response

    def expect_refusal(self, response, before, status, kind, sent=None) -> None:
        assert response.status_int == status, describe(response)
        assert not self.site.check(response, before, sent)
        if kind is not None:
            assert response.json["error"]["type"] == kind, describe(response)

    def saved(self, before) -> None:
        """One revision more, numbered by the new version, with the model."""
        numbers = self.site.snapshot()[3]
        assert str(numbers[0]) == self.model_version, numbers
        assert numbers[1:] == before[3][: len(numbers) - 1], (before[3], numbers)
        self.revisions[self.model_version] = self.model.copy()

    def adopt(self, before) -> None:
        """Take what an accepted hostile body stored as the model."""
        read = self.site.editor.get(f"{self.url}/@composite")
        assert read.status_int == 200, describe(read)
        self.site.check_stored()
        model = Model.of(shown(read.json))
        if read.json["version"] == self.model_version:
            assert model.key() == self.model.key()
            return
        # Its widgets show visitors what hypothesis made of them: no text check.
        self.blind |= set(model.widgets())
        self.model, self.model_version = model, read.json["version"]
        self.saved(before)

    # --- rules -----------------------------------------------------------------

    @initialize(layout=st.sampled_from(sorted(LAYOUTS)))
    def start(self, layout):
        site = self.site
        self.target_uid, self.image_uid = self.uids()
        site.reset({"layout": layout, "slots": {}, "unplaced": []})
        self.lock = None
        self.model = Model(layout)
        self.model_version = site.version()
        self.revisions = {self.model_version: self.model.copy()}
        self.blind: set[str] = set()
        for who in self.users:
            self.read(who)

    def uids(self) -> tuple[str, str]:
        portal = self.site.portal
        transaction.begin()
        return portal["target"].UID(), portal["picture"].UID()

    @rule(who=st.sampled_from(EDITORS))
    def reads(self, who):
        user = self.read(who)
        assert user.version == self.model_version
        assert user.seen == self.model.view()

    @rule(
        who=st.sampled_from(EDITORS),
        fresh=st.booleans(),
        kind=st.sampled_from(EDITOR_TYPES),
        given_id=st.booleans(),
        data=st.data(),
    )
    def add(self, who, fresh, kind, given_id, data):
        user = self.read(who) if fresh else self.users[who]
        body = self.full_body(user)
        slot = data.draw(st.sampled_from(sorted(body["slots"])), "slot")
        position = data.draw(st.integers(0, len(body["slots"][slot])), "position")
        self.counter += 1
        widget = {"type": kind, "settings": self.settings_of(kind, self.counter)}
        wanted = self.fresh_id() if given_id else None
        if wanted:
            widget["id"] = wanted
        body["slots"][slot].insert(position, widget)

        def learn(after: Model, answer: dict) -> None:
            # Sent without id: the answer shows the id it was given.
            given = answer["slots"][slot][position]["id"]
            assert given not in self.model.widgets(), given
            for kept in after.stored[slot]:
                if kept["id"] is None:
                    kept["id"] = given

        before_ids = set(self.model.widgets())
        version = self.model_version
        response = self.send(
            who, "PATCH", f"{self.url}/@composite", body, self.whole(body), learn=learn
        )
        if response.status_int == 200 and self.model_version != version:
            added = set(self.model.widgets()) - before_ids
            assert len(added) == 1, added
            if wanted:
                assert added == {wanted}

    @rule(who=st.sampled_from(EDITORS), fresh=st.booleans(), data=st.data())
    def move(self, who, fresh, data):
        user = self.read(who) if fresh else self.users[who]
        body = self.full_body(user)
        placed = [(s, i) for s, ws in body["slots"].items() for i in range(len(ws))]
        if not placed:
            return
        slot, index = data.draw(st.sampled_from(placed), "widget")
        widget = body["slots"][slot].pop(index)
        target = data.draw(st.sampled_from(sorted(body["slots"])), "to slot")
        position = data.draw(st.integers(0, len(body["slots"][target])), "position")
        body["slots"][target].insert(position, widget)
        self.send(who, "PATCH", f"{self.url}/@composite", body, self.whole(body))

    @rule(who=st.sampled_from(EDITORS), fresh=st.booleans(), data=st.data())
    def remove(self, who, fresh, data):
        user = self.read(who) if fresh else self.users[who]
        body = self.full_body(user)
        places = [(s, i) for s, ws in body["slots"].items() for i in range(len(ws))]
        places += [("unplaced", i) for i in range(len(body["unplaced"]))]
        if not places:
            return
        where, index = data.draw(st.sampled_from(places), "widget")
        (body["unplaced"] if where == "unplaced" else body["slots"][where]).pop(index)
        self.send(who, "PATCH", f"{self.url}/@composite", body, self.whole(body))

    @rule(
        who=st.sampled_from(EDITORS),
        fresh=st.booleans(),
        by_id=st.booleans(),
        data=st.data(),
    )
    def change_settings(self, who, fresh, by_id, data):
        user = self.read(who) if fresh else self.users[who]
        body = self.full_body(user)
        places = {
            f"slots.{slot}.{index}": widget
            for slot, widgets in body["slots"].items()
            for index, widget in enumerate(widgets)
        }
        places.update(
            (f"unplaced.{index}", widget)
            for index, widget in enumerate(body["unplaced"])
        )
        if not places:
            return
        place = data.draw(st.sampled_from(sorted(places)), "widget")
        widget = places[place]
        self.counter += 1
        new_settings = self.settings_of(widget["type"], self.counter)
        widget["settings"] = new_settings
        # Editors may not change an html widget's settings (its permission).
        forbidden = widget["type"] == "html"
        if by_id:
            body = {
                "version": user.version,
                "widgets": {widget["id"]: {"settings": new_settings}},
            }

            def change(model):
                if forbidden:
                    raise Refused(f"widgets.{widget['id']}")
                for stored in model.stored.values():
                    for kept in stored:
                        if kept["id"] == widget["id"]:
                            kept["settings"] = deepcopy(new_settings)
                return model

        else:
            whole = self.whole(body)

            def change(model):
                if forbidden:
                    raise Refused(place)
                return whole(model)

        self.send(who, "PATCH", f"{self.url}/@composite", body, change)
        self.blind.discard(widget["id"])

    @rule(
        who=st.sampled_from(EDITORS),
        fresh=st.booleans(),
        layout=st.sampled_from(sorted(LAYOUTS)),
        with_slots=st.booleans(),
    )
    def switch_layout(self, who, fresh, layout, with_slots):
        user = self.read(who) if fresh else self.users[who]
        if with_slots:
            # As design mode saves it: the new layout's slots, the widgets of
            # the others unplaced (with their slot).
            body = self.full_body(user)
            slots = body["slots"]
            body["layout"] = layout
            body["slots"] = {slot: slots.pop(slot, []) for slot in LAYOUTS[layout]}
            body["unplaced"] = [
                {**widget, "slot": slot}
                for slot, widgets in slots.items()
                for widget in widgets
            ] + body["unplaced"]
            self.send(who, "PATCH", f"{self.url}/@composite", body, self.whole(body))
            return
        body = {"version": user.version, "layout": layout}

        def change(model):
            model.layout = layout
            return model

        self.send(who, "PATCH", f"{self.url}/@composite", body, change)

    @rule(
        who=st.sampled_from(EDITORS),
        fresh=st.booleans(),
        slot=st.sampled_from(ALL_SLOTS),
        data=st.data(),
    )
    def put_aside(self, who, fresh, slot, data):
        """Send a placed widget as unplaced, with any slot's name: shown in
        that slot when the layout has it and it has room, else unplaced."""
        user = self.read(who) if fresh else self.users[who]
        body = self.full_body(user)
        placed = [(s, i) for s, ws in body["slots"].items() for i in range(len(ws))]
        if not placed:
            return
        where, index = data.draw(st.sampled_from(placed), "widget")
        widget = body["slots"][where].pop(index)
        position = data.draw(st.integers(0, len(body["unplaced"])), "position")
        body["unplaced"].insert(position, {**widget, "slot": slot})
        self.send(who, "PATCH", f"{self.url}/@composite", body, self.whole(body))

    @rule(who=st.sampled_from(EDITORS), fresh=st.booleans(), data=st.data())
    def place_unplaced(self, who, fresh, data):
        user = self.read(who) if fresh else self.users[who]
        body = self.full_body(user)
        if not body["unplaced"]:
            return
        index = data.draw(st.integers(0, len(body["unplaced"]) - 1), "unplaced")
        widget = body["unplaced"].pop(index)
        del widget["slot"]
        target = data.draw(st.sampled_from(sorted(body["slots"])), "to slot")
        position = data.draw(st.integers(0, len(body["slots"][target])), "position")
        body["slots"][target].insert(position, widget)
        self.send(who, "PATCH", f"{self.url}/@composite", body, self.whole(body))

    @rule(
        who=st.sampled_from([*EDITORS, SITE_ADMINISTRATOR]),
        action=st.sampled_from(["take", "take over", "release"]),
    )
    def lock_or_release(self, who, action):
        before = self.site.snapshot()
        if action == "release":
            response = self.users[who].client.request(
                "DELETE", f"{self.url}/@composite-lock"
            )
        else:
            response = self.users[who].client.request(
                "POST",
                f"{self.url}/@composite-lock",
                json={"takeover": True} if action == "take over" else None,
            )
        event(f"{action} @composite-lock: {outcome(response)}")
        if self.lock not in (None, who) and action != "take over":
            self.expect_refusal(response, before, 409, "Locked")
            assert response.json["error"]["lock"]["creator"]["id"] == self.lock
            return
        assert response.status_int == 200, describe(response)
        self.lock = None if action == "release" else who
        assert response.json["mine"] is (self.lock == who), describe(response)
        assert self.site.snapshot()[1:4] == before[1:4]

    @rule(who=st.sampled_from(EDITORS), fresh=st.booleans(), data=st.data())
    def restore(self, who, fresh, data):
        user = self.read(who) if fresh else self.users[who]
        numbers = sorted(self.revisions, key=int)
        number = numbers[data.draw(st.integers(0, 49), "revision") % len(numbers)]
        wanted = self.revisions[number]

        def change(model):
            # Restoring an html widget whose settings are not stored as they
            # were adds it: Editors may not.
            current = model.widgets()
            for widget in wanted.widgets().values():
                if widget["type"] == "html" and current.get(widget["id"]) != widget:
                    raise Refused("arrangement.")
            return wanted.copy()

        # A refusal names its place in the revision, under ``arrangement``.
        revision = user.client.get(f"{self.url}/@composite-history/{number}")
        assert revision.status_int == 200, describe(revision)
        body = {"version": user.version}
        self.send(
            who,
            "POST",
            f"{self.url}/@composite-history/{number}/restore",
            body,
            change,
            sent={**body, "arrangement": revision.json["arrangement"]},
        )

    @rule(fresh=st.booleans(), add=st.booleans(), data=st.data())
    def site_administrator_embeds(self, fresh, add, data):
        who = SITE_ADMINISTRATOR
        user = self.read(who) if fresh else self.users[who]
        body = self.full_body(user)
        self.counter += 1
        embeds = [w for ws in body["slots"].values() for w in ws if w["type"] == "html"]
        if add or not embeds:
            slot = data.draw(st.sampled_from(sorted(body["slots"])), "slot")
            position = data.draw(st.integers(0, len(body["slots"][slot])), "position")
            widget = {
                "id": self.fresh_id(),
                "type": "html",
                "settings": self.settings_of("html", self.counter),
            }
            body["slots"][slot].insert(position, widget)
        else:
            widget = data.draw(st.sampled_from(embeds), "embed")
            widget["settings"] = self.settings_of("html", self.counter)
        self.send(who, "PATCH", f"{self.url}/@composite", body, self.whole(body))
        self.blind.discard(widget["id"])

    @rule(who=st.sampled_from(EDITORS), data=st.data())
    def hostile(self, who, data):
        user = self.read(who)
        body, _mutations = data.draw(
            mutated(patch_bodies(user.version, self.site.uids)), "hostile body"
        )
        current = user.client.get(f"{self.url}/@composite").json
        sent = {**current, **body} if isinstance(body, dict) else body
        self.send(who, "PATCH", f"{self.url}/@composite", body, None, sent)

    # --- what every change body is made of --------------------------------------

    def full_body(self, user: Editor) -> dict:
        """The arrangement ``user`` last read, as a ``PATCH`` body to change."""
        seen = deepcopy(user.seen)
        return {"version": user.version, **seen}

    def check_room(self, body: dict) -> None:
        """:raises Refused: for a slot sent more widgets than it may hold."""
        layout = body["layout"]
        for slot, widgets in body["slots"].items():
            most = SLOT_MAX.get((layout, slot))
            if most is not None and len(widgets) > most:
                raise Refused(f"slots.{slot}")

    def whole(self, body: dict):
        """The change of a body that sends every member."""

        def change(model):
            self.check_room(body)
            return Model.of(body)

        return change

    # --- the invariants ----------------------------------------------------------

    @invariant()
    def stored_is_the_model(self):
        if not hasattr(self, "model"):
            return
        read = self.site.editor.get(f"{self.url}/@composite")
        assert read.status_int == 200, describe(read)
        assert read.json["version"] == self.model_version
        assert shown(read.json) == self.model.view()
        locked, creator = self.site.snapshot()[4]
        assert (creator if locked else None) == self.lock, (locked, creator)

    @invariant()
    def visitors_see_the_placed_widgets(self):
        if not hasattr(self, "model"):
            return
        response = self.anonymous.get(
            f"{self.url}/@@composite-view", headers={"Accept": "text/html"}
        )
        assert response.status_int == 200, describe(response)
        page = lxml_html.fromstring(response.body)
        view = self.model.view()
        for widgets in view["slots"].values():
            for widget in widgets:
                if widget["id"] in self.blind:
                    continue
                found = page.xpath("//*[@data-widget-id=$id]", id=widget["id"])
                assert len(found) == 1, (widget, len(found))
                settings = widget["settings"]
                words = settings.get("text") or settings.get("html")
                if words:
                    text = lxml_html.fragment_fromstring(words).text_content()
                    assert text in found[0].text_content(), (widget, text)
        for widget in view["unplaced"]:
            found = page.xpath("//*[@data-widget-id=$id]", id=widget["id"])
            assert not found, f"the unplaced widget {widget['id']} is shown"
