"""The design-mode editor's messages, translated on the server.

Their one source is ``messages.json`` beside this module: each key with its
English default, in the order the editor's bundle holds them
(``resources/src/messages.js`` imports the same file). The key is the msgid;
``make i18n`` writes them into the .pot (``scripts/i18n_check.py``), as
i18ndude does not read JSON. The editor fills in the ``{placeholders}``
itself, so they pass through translation untouched.
"""

from collective.composite import _
from pathlib import Path
from zope.i18n import translate
from zope.i18nmessageid import Message

import json


SOURCE = Path(__file__).with_name("messages.json")


def load_messages(path: Path = SOURCE) -> dict[str, Message]:
    """Read the editor's messages.

    :param path: a JSON object from message key to English default
    :returns: a translatable message per key (msgid the key), in file order
    """
    english = json.loads(path.read_text(encoding="utf-8"))
    return {key: _(key, default=default) for key, default in english.items()}


EDITOR_MESSAGES = load_messages()


def editor_messages(request) -> dict[str, str]:
    """:returns: every editor message translated for ``request``, by key."""
    return {
        key: translate(msg, context=request) for key, msg in EDITOR_MESSAGES.items()
    }
