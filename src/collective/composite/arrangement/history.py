"""The history of an arrangement: every save is a revision.

Each save through :mod:`collective.composite.arrangement` records who saved,
when and what changed; this module lists those revisions, shows the
arrangement as one of them left it, and restores it. A restore is a save like
any other: it checks the design permission, the page's lock and the version,
and is itself a new revision. How many revisions a page keeps is the registry
record ``collective.composite.history_retention`` (default 50, at most 1000).
"""

from collections.abc import Mapping
from collective.composite import _
from collective.composite import arrangement
from collective.composite.arrangement import revisions
from collective.composite.arrangement.reading import state_arrangement
from collective.composite.arrangement.reading import state_data
from collective.composite.arrangement.saving import writable
from collective.composite.arrangement.storage import find
from collective.composite.arrangement.storage import version_token
from collective.composite.exceptions import UnknownLayout
from collective.composite.exceptions import UnknownRevision
from collective.composite.layouts.registry import get_layout
from collective.composite.localized_numbers import translated
from dataclasses import dataclass
from datetime import datetime
from datetime import timezone
from zope.i18n import translate
from zope.i18n.locales import LoadLocaleError
from zope.i18n.locales import locales
from zope.i18nmessageid import Message


@dataclass(frozen=True)
class Revision:
    """One saved revision of an arrangement.

    :ivar number: the revision's number, the counter the save left.
    :ivar user: the id of the user who saved.
    :ivar time: when (timezone-aware, UTC).
    :ivar action: what kind of save: ``layout``, ``add``, ``move``,
        ``update``, ``remove``, ``replace``, ``restore``, ``import``,
        ``checkin``, ``revert`` or ``translate`` (a new translation's copy).
    :ivar summary: what changed: counts of ``added``, ``moved``, ``changed``
        and ``removed`` widgets, the new ``layout``; ``restored`` for a
        restore, ``content_version`` for a revert with the content,
        ``source_language`` for a translation's copy.
    :ivar epoch: what follows the number in the version token, None while
        the arrangement was never rewound (see
        :func:`~collective.composite.arrangement.storage.advance`).
    """

    number: int
    user: str
    time: datetime
    action: str
    summary: Mapping
    epoch: str | None = None

    @property
    def version(self) -> str:
        """The version token of the arrangement this revision left."""
        return version_token(self.number, self.epoch)


def get_revisions(context) -> list[Revision]:
    """List the revisions the page keeps, newest first. Never writes.

    :param context: a composite-enabled content object.
    :returns: the revisions; an empty list for a page never saved.
    :raises TypeError: when ``context`` is not composite-enabled.
    """
    arrangement.get(context)  # the same checks as reading the arrangement
    return [_revision(record) for record in revisions.chain(find(context))]


def get_revision(context, number: int) -> tuple[Revision, arrangement.Arrangement]:
    """The arrangement as a revision left it. Never writes.

    :param context: a composite-enabled content object.
    :param number: the revision's number.
    :returns: the revision and its arrangement (whose ``version`` is the
        revision's).
    :raises UnknownRevision: when the page keeps no revision of that number.
    :raises TypeError: when ``context`` is not composite-enabled.
    """
    arrangement.get(context)
    record, state = revisions.state_at(
        find(context), _number(number), arrangement.DEFAULT_LAYOUT
    )
    shown = state_arrangement(
        context, state, version_token(record.number, record.epoch)
    )
    return _revision(record), shown


def restore(context, number: int, version: str | None) -> str:
    """Bring the arrangement back to how a revision left it, as a new revision.

    The restored arrangement is saved with :func:`arrangement.save`:
    widgets are validated against the current layouts and widget types, and
    restoring a widget of a type needing an add permission needs it.

    :param context: a composite-enabled content object.
    :param number: the number of the revision to restore.
    :param version: the version the caller read; None skips the check.
    :returns: the new version.
    :raises MayNotDesign: an ``Unauthorized``, without the design permission
        or *Modify portal content*.
    :raises LockedByOther: while someone else holds the page's lock.
    :raises StaleVersion: when ``version`` is not the current version.
    :raises UnknownRevision: when the page keeps no revision of that number.
    :raises InvalidArrangement: when the old arrangement no longer validates
        (e.g. a widget type was removed).
    """
    # The save's checks come first, as for any write: a refused writer is
    # told why before the revision is looked up.
    storage, _current = writable(context, version)
    number = _number(number)
    _record, state = revisions.state_at(storage, number, arrangement.DEFAULT_LAYOUT)
    return arrangement.save(
        context,
        state_data(context, state),
        version,
        action="restore",
        retype=True,
        restored=number,
    )


def retention() -> int:
    """:returns: how many revisions a page keeps: the registry record
    ``collective.composite.history_retention`` (at least 1, at most
    :data:`~collective.composite.interfaces.MAX_HISTORY_RETENTION`)."""
    return revisions.retention_limit()


def describe(revision: Revision, request=None, context=None) -> str:
    """A one-line summary of what a revision changed, translated.

    :param revision: the revision.
    :param request: the request whose language to use; None: untranslated.
    :param context: the page; with ``request``, a new layout is named by its
        title (as the layout switcher shows it) instead of its name.
    :returns: e.g. "Widgets added: 1; moved: 2".
    """
    summary = revision.summary
    parts: list[Message] = []
    if revision.action == "restore":
        parts.append(
            # A revision's number names it, as in @composite-history/<number>:
            # text, not a quantity written the language's way.
            _(
                "Restored revision ${number}",
                mapping={"number": str(summary["restored"])},
            )
        )
    elif revision.action == "revert":
        parts.append(
            _(
                "Reverted with the page to its version ${number}",
                mapping={"number": str(summary.get("content_version", "?"))},
            )
        )
    elif revision.action == "checkin":
        parts.append(_("Checked in from a working copy"))
    elif revision.action == "import":
        parts.append(_("Imported"))
    elif revision.action == "translate":
        parts.append(
            _(
                "Copied from the translation in '${language}'",
                mapping={
                    "language": _language_name(summary.get("source_language"), request)
                },
            )
        )
    if "layout" in summary:
        layout = _layout_title(summary["layout"], context, request)
        parts.append(_("Layout: ${layout}", mapping={"layout": layout}))
    labels = {
        "added": _("Widgets added: ${count}"),
        "moved": _("Widgets moved: ${count}"),
        "changed": _("Widgets changed: ${count}"),
        "removed": _("Widgets removed: ${count}"),
    }
    for key, label in labels.items():
        if summary.get(key):
            parts.append(Message(label, mapping={"count": summary[key]}))
    if not parts:
        parts.append(_("Saved without changes"))
    # The counts are written as the request's language writes numbers.
    return "; ".join(translated(part, request) for part in parts)


def _language_name(code: str | None, request) -> str:
    """The name of a language in the request's language, as a translation's
    first revision names the language it was copied from: "Englisch" for
    ``en`` in German, "English" without a request.

    :param code: a language code (``en``, ``pt-br``).
    :param request: the request whose language (Plone's negotiated
        ``LANGUAGE``) to name it in; None: English.
    :returns: the name; the code itself when the locale data lack it, "?"
        without a code.
    """
    if not code:
        return "?"
    wanted = (request.get("LANGUAGE") if request is not None else None) or "en"
    language, _dash, country = wanted.replace("_", "-").partition("-")
    try:
        locale = locales.getLocale(language.lower(), country.upper() or None)
    except LoadLocaleError:
        try:
            locale = locales.getLocale(language.lower())
        except LoadLocaleError:
            return code
    names = locale.displayNames.languages or {}
    return names.get(code) or names.get(code.split("-")[0].lower()) or code


def _layout_title(name: str, context, request) -> str:
    """A layout's translated title; its name without a page or when the
    layout is no longer registered (the history outlives layouts)."""
    if context is None or request is None:
        return name
    try:
        layout = get_layout(name, context, request)
    except UnknownLayout:
        return name
    return translate(layout.title, context=request) or name


def _revision(record) -> Revision:
    return Revision(
        number=record.number,
        user=record.user,
        time=datetime.fromtimestamp(record.time, tz=timezone.utc),
        action=record.action,
        summary=dict(record.summary),
        epoch=record.epoch,
    )


def _number(number) -> int:
    if isinstance(number, bool) or not isinstance(number, int | str):
        raise UnknownRevision(number)
    try:
        return int(number)
    except ValueError:
        raise UnknownRevision(number) from None
