"""Demo content for ``make start``: the ``collective.composite:demo`` profile.

A small public library's site: the site root is a composite front page on the
``landing`` layout, and two Composite Pages use the ``two-columns`` and
``three-columns`` layouts; together they use every shipped widget type. The
pictures are drawn with Pillow at install time. Everything is built through the
arrangement API, as an editor would, and published.
"""

from collective.composite import arrangement
from io import BytesIO
from PIL import Image
from PIL import ImageDraw
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobImage

import logging


logger = logging.getLogger("collective.composite")

SELECTION_ANY = "plone.app.querystring.operation.selection.any"

# id, title, description, two gradient colours
PICTURES = [
    (
        "reading-room",
        "The reading room",
        "Long tables under tall windows.",
        "#1b4965",
        "#f4d58d",
    ),
    ("garden", "The garden", "Benches among the roses.", "#2d6a4f", "#d8f3dc"),
    (
        "childrens-corner",
        "The children's corner",
        "Cushions and picture books.",
        "#9d4edd",
        "#ffd6a5",
    ),
    (
        "makerspace",
        "The makerspace",
        "Printers, looms and soldering irons.",
        "#bc4749",
        "#f2e8cf",
    ),
]

NEWS = [
    (
        "late-opening",
        "Late opening on Thursdays",
        "From March we stay open until nine every Thursday.",
        "reading-room",
    ),
    (
        "seed-library",
        "Seed library opens in the garden",
        "Take a packet of seeds, bring one back next season.",
        "garden",
    ),
    (
        "story-time",
        "Story time moves to Saturday mornings",
        "Ten o'clock, in the children's corner, for ages three to seven.",
        "childrens-corner",
    ),
    (
        "laser-cutter",
        "New laser cutter in the makerspace",
        "Book a free induction at the front desk.",
        "makerspace",
    ),
]

PAGES = [
    (
        "about",
        "About the library",
        "Who we are and what we do.",
        "<p>The Riverside Library has lent books to the neighbourhood since 1911. "
        "Today it lends tools, seeds and telescopes too, and hosts clubs every day "
        "of the week.</p><p>We are run by the city and a small army of volunteers.</p>",
    ),
    (
        "opening-hours",
        "Opening hours",
        "When you can visit us.",
        "<ul><li>Monday to Wednesday: 9:00–18:00</li><li>Thursday: 9:00–21:00</li>"
        "<li>Friday: 9:00–18:00</li><li>Saturday: 10:00–16:00</li></ul>",
    ),
    (
        "membership",
        "Become a member",
        "Free for everyone living or working in town.",
        "<p>Bring a proof of address to the front desk; your card is ready in five "
        "minutes and lets you borrow up to twenty items at once.</p>",
    ),
]


def picture(first: str, second: str, width: int = 800, height: int = 450) -> bytes:
    """A small JPEG: a diagonal gradient with a few soft circles.

    :param first: the colour of the top-left corner.
    :param second: the colour of the bottom-right corner.
    :returns: the JPEG's bytes.
    """
    start = Image.new("RGB", (width, height), first)
    end = Image.new("RGB", (width, height), second)
    mask = Image.linear_gradient("L").rotate(45, expand=True).resize((width, height))
    image = Image.composite(end, start, mask)
    draw = ImageDraw.Draw(image, "RGBA")
    for index in range(5):
        radius = 40 + 25 * index
        x = (index * 173) % width
        y = height // 3 + (index * 61) % (height // 2)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius),
            fill=(255, 255, 255, 40),
        )
    out = BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def create_demo_content(context) -> None:
    """Post handler of the demo profile: build the demo site once.

    :param context: the GenericSetup import context.
    """
    portal = api.portal.get()
    if "images" in portal.objectIds():
        logger.info("Demo content exists already; left as it is.")
        return
    images = _folder(portal, "images", "Images")
    pictures = {}
    for id_, title, description, first, second in PICTURES:
        pictures[id_] = _create(
            images,
            "Image",
            id_,
            title,
            description,
            image=NamedBlobImage(data=picture(first, second), filename=f"{id_}.jpg"),
        )
    news = _folder(portal, "news", "News")
    for id_, title, description, picture_id in NEWS:
        _create(
            news,
            "News Item",
            id_,
            title,
            description,
            text=RichTextValue(f"<p>{description}</p>", "text/html"),
            image=NamedBlobImage(
                data=picture(*_colours(picture_id)), filename=f"{picture_id}.jpg"
            ),
        )
    pages = {
        id_: _create(
            portal, "Document", id_, title, description, text=RichTextValue(body)
        )
        for id_, title, description, body in PAGES
    }
    latest = _create(
        news,
        "Collection",
        "latest",
        "Latest news",
        "What is new at the library.",
        query=[{"i": "portal_type", "o": SELECTION_ANY, "v": ["News Item"]}],
        sort_on="effective",
        sort_reversed=True,
    )
    programme = _programme(portal, pictures, latest)
    visit = _visit(portal, pictures, pages)
    _front_page(portal, pictures, pages, latest, programme, visit)
    logger.info("Demo content created.")


def _programme(portal, pictures, latest):
    """A Composite Page on ``two-columns``."""
    page = _create(
        portal,
        "Composite Page",
        "programme",
        "What's on",
        "Clubs, talks and workshops this season.",
    )
    arrangement.set_layout(page, "two-columns")
    add = _adder(page)
    add(
        "main",
        "text",
        text="<h2>Every week</h2><p>The <strong>book club</strong> meets on the "
        "first Monday of the month; <strong>chess</strong> is on Wednesday "
        "evenings; the <strong>repair café</strong> fixes toasters and jumpers on "
        "Saturday afternoons.</p>",
    )
    add(
        "main",
        "image",
        uid=pictures["makerspace"].UID(),
        scale="large",
        alt="The makerspace's workbenches",
        caption="Workshops happen in the makerspace.",
    )
    add(
        "main",
        "listing",
        title="In the news",
        collection=latest.UID(),
        limit=4,
        display="summaries",
    )
    add("sidebar", "content", uid=pictures["garden"].UID(), display="summary")
    add(
        "sidebar",
        "text",
        text="<h3>Booking</h3><p>Workshops are free; book at the front desk or "
        "by phone on 01234 567890.</p>",
    )
    return page


def _visit(portal, pictures, pages):
    """A Composite Page on ``three-columns``."""
    page = _create(
        portal,
        "Composite Page",
        "visit",
        "Plan your visit",
        "How to find us, when to come and what to bring.",
    )
    arrangement.set_layout(page, "three-columns")
    add = _adder(page)
    add("left", "content", uid=pages["opening-hours"].UID(), display="full")
    add(
        "main",
        "image",
        uid=pictures["reading-room"].UID(),
        scale="large",
        alt="Sunlit reading room with long wooden tables",
    )
    add(
        "main",
        "text",
        text="<h2>Getting here</h2><p>We are on Riverside Road, five minutes from "
        "the station. Bus 12 stops at the door; bicycle racks are by the garden "
        "gate.</p>",
    )
    add(
        "main",
        "html",
        html='<div class="ratio ratio-16x9"><iframe title="Map of Riverside Road" '
        'src="https://www.openstreetmap.org/export/embed.html?bbox=-0.13%2C51.50'
        '%2C-0.12%2C51.51&amp;layer=mapnik" loading="lazy"></iframe></div>',
    )
    add("right", "content", uid=pages["membership"].UID(), display="summary")
    add("right", "content", uid=pages["about"].UID(), display="title")
    return page


def _front_page(portal, pictures, pages, latest, programme, visit) -> None:
    """The site root, on ``landing``."""
    portal.setLayout("composite-view")
    arrangement.set_layout(portal, "landing")
    add = _adder(portal)
    add(
        "hero",
        "image",
        uid=pictures["reading-room"].UID(),
        scale="great",
        alt="",
        caption="Welcome to the Riverside Library: books, tools and "
        "a quiet place to read, open six days a week.",
    )
    add("feature-1", "content", uid=programme.UID(), display="summary")
    add("feature-2", "content", uid=visit.UID(), display="summary")
    add("feature-3", "content", uid=pages["membership"].UID(), display="summary")
    add(
        "main",
        "listing",
        title="News",
        collection=latest.UID(),
        limit=3,
        display="cards",
    )
    add(
        "main",
        "listing",
        title="Good to know",
        query=[{"i": "portal_type", "o": SELECTION_ANY, "v": ["Document"]}],
        sort_on="sortable_title",
        limit=5,
        display="titles",
    )
    add(
        "footer",
        "text",
        text="<p>Riverside Library · 1 Riverside Road · 01234 567890 · "
        "hello@riverside.example</p>",
    )
    add(
        "footer",
        "html",
        html='<p class="small">Follow us: <a href="https://example.org/riverside">'
        "example.org/riverside</a></p>",
    )


def _adder(context):
    def add(slot, type_name, **settings):
        return arrangement.add_widget(context, slot, type_name, settings)

    return add


def _colours(picture_id: str) -> tuple[str, str]:
    entry = next(entry for entry in PICTURES if entry[0] == picture_id)
    return entry[3], entry[4]


def _folder(portal, id_: str, title: str):
    return _create(portal, "Folder", id_, title, "")


def _create(container, type_name, id_, title, description, **fields):
    obj = api.content.create(
        container=container,
        type=type_name,
        id=id_,
        title=title,
        description=description,
        **fields,
    )
    _publish(obj)
    return obj


def _publish(obj) -> None:
    """Publish ``obj`` if its workflow has a ``published`` state."""
    if api.content.get_state(obj, default=None) in (None, "published"):
        return
    api.content.transition(obj=obj, to_state="published")
