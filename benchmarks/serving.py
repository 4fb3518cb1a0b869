"""Serving the benchmark's WSGI application over HTTP from a thread of the
benchmark process, for the browser (browser_bench.py), and free ports for the
cluster's instances (cluster_bench.py)."""

import contextlib
import logging
import socket
import threading
import time


def free_port(host):
    """A port nothing listens on now, on ``host``."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(wsgi, host, threads=4):
    """Serve ``wsgi`` with waitress from a thread of this process.

    :param wsgi: the WSGI application.
    :param host: the host name to listen on (``localhost``).
    :param threads: waitress's worker threads.
    :returns: (as a context manager) the port.
    """
    from waitress.server import create_server

    port = free_port(host)
    server = create_server(wsgi, host=host, port=port, threads=threads)
    # More connections than threads queue requests by design (wrk's 8 on 4
    # threads): not worth a warning.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)

    def serve():
        with contextlib.suppress(OSError):  # raised by close() while it runs
            server.run()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        # Requests still queued are served before the server closes, or
        # their answers would be written to a closed trigger.
        dispatcher = server.task_dispatcher
        deadline = time.monotonic() + 30
        while (dispatcher.queue or dispatcher.active_count) and (
            time.monotonic() < deadline
        ):
            time.sleep(0.1)
        dispatcher.shutdown()
        server.close()
