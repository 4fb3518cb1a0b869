"""Paging a list a service answers, the plone.restapi way: the query
parameters ``b_start`` (the index of the first item, from 0) and ``b_size``
(how many items a page holds), and in the answer ``items_total`` and, when
the list does not fit one page, ``batching`` with the ``first``, ``last``,
``next`` and ``prev`` pages' URLs (plone.restapi's ``HypermediaBatch``).

plone.restapi reads the parameters with ``int()``, so negative numbers
reach ``plone.batching`` (a negative ``b_size`` fails an assertion: a 500),
and any size is taken (``b_size=0`` is the whole list). Here each is checked
first: anything but a whole number in its range is refused with a 400
naming it.
"""

from collective.composite import _
from collective.composite.refusals import Refusal
from plone.batching.batch import Batch
from plone.restapi.batching import HypermediaBatch

import re


# Few enough digits for ``int`` to read at once; ASCII only (``str.isdigit``
# takes "²", which ``int`` refuses).
_DIGITS = re.compile(r"[0-9]{1,18}")


class ServiceBatch(HypermediaBatch):
    """plone.restapi's batch of ``items``, its parameters checked.

    :param request: the request, whose query string gives the parameters (not
        its body, as plone.restapi's searches also read: a ``GET`` has none).
    :param items: the whole list.
    :param size: the page's size when ``b_size`` is not given.
    :param largest: the largest ``b_size`` taken, and one more than the
        largest ``b_start``.
    :raises Refusal: 400 naming ``b_start`` or ``b_size`` for a value that is
        not a whole number in its range.
    """

    def __init__(self, request, items, size: int, largest: int):
        self.request = request
        self.b_start = parameter(request, "b_start", 0, 0, largest - 1)
        self.b_size = parameter(request, "b_size", size, 1, largest)
        self.batch = Batch(items, self.b_size, self.b_start)

    def page(self) -> dict:
        """:returns: ``items_total`` and, when paged, ``batching``."""
        links = self.links
        if not links:
            return {"items_total": self.items_total}
        return {"items_total": self.items_total, "batching": links}


def parameter(request, name: str, default: int, least: int, most: int) -> int:
    """A whole-number query parameter.

    :param request: the request.
    :param name: the parameter's name.
    :param default: its value when the query string lacks it.
    :param least: the smallest value taken.
    :param most: the largest value taken.
    :returns: the number.
    :raises Refusal: 400 naming the parameter for anything else: not a
        number, out of range, sent twice.
    """
    value = request.form.get(name, default)
    # A number Zope's ``:int`` converter read, or the digits of one.
    if isinstance(value, str) and _DIGITS.fullmatch(value):
        value = int(value)
    number = isinstance(value, int) and not isinstance(value, bool)
    if number and least <= value <= most:
        return value
    raise Refusal(
        400,
        "InvalidParameter",
        _(
            "${name}: a whole number from ${least} to ${most} is expected.",
            mapping={"name": name, "least": least, "most": most},
        ),
        field=name,
    )
