"""The exceptions raised by collective.composite's API: one hierarchy."""

from collective.composite import _
from zope.i18n import interpolate
from zope.i18nmessageid import Message


class CompositeError(Exception):
    """Base of every error the add-on raises on purpose.

    The first argument is the message for people: plain text, or a ``Message``
    of the add-on's domain with the values of its ``${name}`` placeholders in
    its mapping. ``str(error)`` is English with the values filled in, for logs;
    views and services show ``error.message`` translated.
    """

    @property
    def message(self) -> str:
        """:returns: the message for people, a ``Message`` to translate or text."""
        return self.args[0] if self.args else ""

    def __str__(self) -> str:
        message = self.message
        if isinstance(message, Message):
            return english(message)
        return super().__str__()


def english(message: Message | str) -> str:
    """:returns: ``message`` in English with its values filled in, those that
    are messages themselves (a refused setting's reason) too."""
    if not isinstance(message, Message):
        return message
    mapping = {key: english(value) for key, value in (message.mapping or {}).items()}
    return interpolate(message.default or str(message), mapping)


class StaleVersion(CompositeError):
    """The arrangement changed since the given version was read (HTTP 409)."""

    def __init__(self, expected: str, current: str):
        self.expected = expected
        self.current = current
        super().__init__(
            _(
                "The arrangement was changed by someone else: you read version "
                "'${expected}', the current version is '${current}'.",
                mapping={"expected": expected, "current": current},
            )
        )


class LockedByOther(CompositeError):
    """Someone else holds the page's lock (HTTP 409): the lock design mode
    takes, which is Plone's ordinary lock (plone.locking), the one the edit
    form takes too. Writes to the arrangement are refused until the user takes
    the lock over (:func:`collective.composite.arrangement.locking.lock`) or its holder
    releases it.

    :ivar info: the lock, a :class:`collective.composite.arrangement.locking.LockInfo`
        (who holds it, since when, whether it can be taken over).
    """

    def __init__(self, info):
        self.info = info
        super().__init__(
            _(
                "${name} holds the lock of this page.",
                mapping={"name": info.creator or "?"},
            )
        )


class UnknownRevision(CompositeError):
    """The page's history keeps no revision of that number (HTTP 404)."""

    def __init__(self, number):
        self.number = number
        super().__init__(
            _(
                "The history of this page keeps no revision ${number}.",
                # It names a revision: text, not a number to format.
                mapping={"number": str(number)},
            )
        )


class InvalidArrangement(CompositeError):
    """Input that the arrangement API refuses (HTTP 400).

    :ivar field: the name of the offending field (a dotted path into the input,
        e.g. ``slots.main.0.settings.title``), for error responses.
    """

    def __init__(self, message: str, field: str = ""):
        self.field = field
        super().__init__(message)


class UnknownLayout(InvalidArrangement):
    """No layout of that name is available for the context and request."""


class UnknownSlot(InvalidArrangement):
    """The layout has no slot of that name."""


class UnknownWidgetType(InvalidArrangement):
    """No widget type of that name is registered."""


class UnknownWidget(InvalidArrangement):
    """The arrangement has no widget with that id."""


class WidgetNotAllowed(InvalidArrangement):
    """The slot does not accept widgets of that type, or the user may not add it."""


class SlotFull(InvalidArrangement):
    """The slot already holds its maximum number of widgets."""


class InvalidSettings(InvalidArrangement):
    """A widget's settings fail its schema; ``field`` names the setting."""


class ImageUploadRefused(CompositeError):
    """An image uploaded in design mode cannot be stored (HTTP 400 or 403): the
    file is not an image, the upload folder does not exist, or the user may not
    add images there.

    :ivar status: the HTTP status a view answers with.
    """

    def __init__(self, message: str, status: int = 400):
        self.status = status
        super().__init__(message)
