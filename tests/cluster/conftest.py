"""The cluster the tests of this folder share: two instances on one
throwaway PostgreSQL database (see cluster.py), started once a session."""

# pytest puts this folder on sys.path (rootdir-relative "prepend" imports).
from cluster import Cluster

import pytest
import socket


def free_ports(count: int) -> list[int]:
    """:returns: ``count`` ports nothing listens on now."""
    sockets = [socket.socket() for _ in range(count)]
    for sock in sockets:
        sock.bind(("localhost", 0))
    ports = [sock.getsockname()[1] for sock in sockets]
    for sock in sockets:
        sock.close()
    return ports


@pytest.fixture(scope="session")
def cluster():
    """Two instances; the demo site's admin password is ``secret``."""
    with Cluster(ports=free_ports(2), password="secret") as cluster:
        yield cluster
