"""A proxy in front of the test server, as nginx in front of a production
site: it answers on https at ``https://localhost:<port>/cms/`` and asks Zope
through its VirtualHostMonster, the site mounted at ``/cms`` (a ``_vh_``
prefix). Anything outside ``/cms/`` is not the site's: 404."""

from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from pathlib import Path

import http.client
import ssl
import subprocess
import threading


MOUNT = "/cms"
# Headers of one connection, which a proxy does not pass on.
HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade"}
)


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """:returns: a certificate for ``localhost`` and its key, made by openssl."""
    certificate, key = folder / "certificate.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-subj", "/CN=localhost", "-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )
    return certificate, key


class HTTPSProxy:
    """The proxy, serving in a thread until :meth:`stop`.

    :param backend: the test server's host and port.
    :param certificate: the certificate and key it answers with.
    """

    def __init__(self, backend: tuple[str, int], certificate: tuple[Path, Path]):
        self.server = _Server(("localhost", 0), _Forward)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*certificate)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        port = self.server.server_address[1]
        self.server.backend = backend
        self.server.vhm = (
            f"/VirtualHostBase/https/localhost:{port}/plone/VirtualHostRoot/_vh_cms"
        )
        #: The site's public URL.
        self.url = f"https://localhost:{port}{MOUNT}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a browser closing a connection early (a closed window)


class _Forward(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass  # the test's output is the test's

    def forward(self) -> None:
        if not (self.path == MOUNT or self.path.startswith(f"{MOUNT}/")):
            self.answer(404, "Not Found", [], b"")
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {
            name: value
            for name, value in self.headers.items()
            if name.lower() not in HOP_BY_HOP
        }
        connection = http.client.HTTPConnection(*self.server.backend, timeout=60)
        try:
            path = self.server.vhm + self.path[len(MOUNT) :]
            connection.request(self.command, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        self.answer(response.status, response.reason, response.getheaders(), data)

    def answer(self, status: int, reason: str, headers: list, data: bytes) -> None:
        self.send_response(status, reason)
        for name, value in headers:
            if name.lower() not in HOP_BY_HOP | {"content-length"}:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_HEAD = do_POST = do_PATCH = do_PUT = do_DELETE = forward
