"""The settings dialog's Apply form with a file, as a browser posts it."""

from plone import api

import mimetypes
import pytest
import transaction


@pytest.fixture
def contributor(functional_portal, rest_users):
    """The Editor may add content in the site root (the page's container)."""
    functional_portal.manage_setLocalRoles("editor", ["Contributor"])
    transaction.commit()


def images_in(folder) -> list[str]:
    """The ids of the images in ``folder``, as committed."""
    transaction.begin()
    return [obj.getId() for obj in folder.objectValues() if obj.portal_type == "Image"]


BOUNDARY = "composite-upload-8d1c0b"


def multipart(
    fields: dict,
    filename: str,
    payload: bytes,
    name: str = "composite.upload",
    content_type: str = "application/octet-stream",
) -> tuple[str, bytes]:
    """A ``multipart/form-data`` body of ``fields`` and the file ``name``, as
    a browser writes it: UTF-8 (a lone surrogate as the bytes of its code
    point), and a quote or line break in a name escaped as ``%22``, ``%0D``,
    ``%0A`` (which Zope decodes).

    :param fields: the form's other fields, name to value.
    :param filename: the file's name.
    :param payload: the file's bytes.
    :param name: the file field's name.
    :param content_type: the file's content type.
    :returns: the body's content type and the body.
    """

    def quoted(text: str) -> str:
        return text.replace("\r", "%0D").replace("\n", "%0A").replace('"', "%22")

    parts = [
        (
            f'Content-Disposition: form-data; name="{quoted(field)}"',
            value.encode("utf-8", "surrogatepass"),
        )
        for field, value in fields.items()
    ]
    parts.append(
        (
            f'Content-Disposition: form-data; name="{quoted(name)}"; '
            f'filename="{quoted(filename)}"\r\nContent-Type: {content_type}',
            payload,
        )
    )
    body = b"".join(
        f"--{BOUNDARY}\r\n{head}\r\n\r\n".encode("utf-8", "surrogatepass")
        + value
        + b"\r\n"
        for head, value in parts
    )
    body += f"--{BOUNDARY}--\r\n".encode()
    return f"multipart/form-data; boundary={BOUNDARY}", body


#: The image form, filled in as for an upload: no image chosen yet.
UPLOAD_FIELDS = {
    "composite.settings": "{}",
    "form.widgets.uid": "",
    "form.widgets.scale:list": "preview",
    "form.widgets.alt": "A teal square",
}


def pressing_apply(type_name: str, fields: dict, token: str | None) -> dict:
    """What the settings dialog of a ``type_name`` widget posts when Apply
    is pressed.

    :param type_name: the widget's type.
    :param fields: the form's fields, filled in (they may replace the
        widget's type and id).
    :param token: the user's CSRF token; None sends none.
    :returns: the form's fields, name to value.
    """
    form = {"composite.type": type_name, "composite.id": "w1", **fields}
    if token is not None:
        form["_authenticator"] = token
    form["form.buttons.apply"] = "Apply"
    return form


def post_with_file(
    client,
    url: str,
    fields: dict,
    filename: str,
    payload: bytes,
    name: str = "composite.upload",
    content_type: str = "application/octet-stream",
):
    """POST a form with a file to ``url``, as a browser does
    (:func:`multipart`), asking for HTML.

    :param client: the user's client (a ``RESTClient``).
    :param url: the page's ``@@composite-widget-settings``.
    :param fields: the form's other fields, name to value.
    :param filename: the file's name.
    :param payload: the file's bytes.
    :param name: the file field's name.
    :param content_type: the file's content type.
    :returns: the response.
    """
    body_type, body = multipart(fields, filename, payload, name, content_type)
    return client.request(
        "POST",
        url,
        body=body,
        headers={"Accept": "text/html", "Content-Type": body_type},
    )


def upload(rest_client, url, data: bytes, filename="teal.png", token=True, **fields):
    """Apply the image form at ``url`` with ``data`` uploaded, as the Editor.

    :param rest_client: the fixture making clients of the published app.
    :param url: the page's ``@@composite-widget-settings``.
    :param data: the file's bytes.
    :param filename: the file's name.
    :param token: whether the form carries its CSRF token.
    :param fields: fields sent besides (or instead of) the form's own.
    :returns: the response.
    """
    client = rest_client("editor", auth="basic")
    csrf = client.csrf_token(api.portal.get().absolute_url()) if token else None
    return post_with_file(
        client,
        url,
        pressing_apply("image", {**UPLOAD_FIELDS, **fields}, csrf),
        filename,
        data,
        content_type=mimetypes.guess_type(filename)[0] or "application/octet-stream",
    )
