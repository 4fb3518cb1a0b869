"""The exceptions raised by collective.composite's API: one hierarchy."""


class CompositeError(Exception):
    """Base of every error the add-on raises on purpose."""


class StaleVersion(CompositeError):
    """The arrangement changed since the given version was read (HTTP 409)."""

    def __init__(self, expected: str, current: str):
        self.expected = expected
        self.current = current
        super().__init__(
            f"The arrangement was changed by someone else: you read version "
            f"{expected!r}, the current version is {current!r}."
        )


class UnknownRevision(CompositeError):
    """The page's history keeps no revision of that number (HTTP 404)."""

    def __init__(self, number):
        self.number = number
        super().__init__(f"The history of this page keeps no revision {number!r}.")


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
