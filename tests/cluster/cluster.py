"""Two Zope instances sharing one PostgreSQL database through RelStorage.

Used by ``make start-cluster`` and by the cluster tests. It creates a throwaway
database, writes one zope.conf/zope.ini per instance (RelStorage, history-free,
blobs stored in the database with a local cache per instance), creates the demo
site with ``scripts/create_site.py``, starts ``runwsgi`` for each instance and,
on exit, stops them and drops the database.

Usage: python tests/cluster/cluster.py [--host HOST] [--ports 8081 8082]
                                       [--dsn DSN] [--workdir DIR]
"""

from contextlib import suppress
from pathlib import Path

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid


ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# Where the server listens; trust authentication, see docs/scaling.md.
PG_HOST = os.environ.get("PGHOST", "127.0.0.1")
PG_PORT = os.environ.get("PGPORT", "5432")
PG_USERS = ("postgres", "root")
START_TIMEOUT = 180
SITE_TIMEOUT = 600

ZOPE_CONF = """\
%define INSTANCE {instance}
instancehome $INSTANCE
%define CLIENTHOME {instance}
clienthome $CLIENTHOME
debug-mode off
security-policy-implementation C
verbose-security off
default-zpublisher-encoding utf-8

<environment>
    zope_i18n_compile_mo_files true
    CHAMELEON_CACHE {cache}
</environment>

%import relstorage
<zodb_db main>
    cache-size 50000
    <relstorage>
        # History-free: no undo, no packing of old revisions needed.
        keep-history false
        # Blobs live in the database; each instance keeps a local cache.
        shared-blob-dir false
        blob-dir {instance}/blobcache
        blob-cache-size 512mb
        <postgresql>
            dsn {dsn}
        </postgresql>
    </relstorage>
    mount-point /
</zodb_db>
"""

ZOPE_INI = """\
[app:zope]
use = egg:Zope#main
zope_conf = %(here)s/zope.conf

[server:main]
use = egg:waitress#main
listen = {host}:{port}
threads = 4

[pipeline:main]
pipeline =
    egg:Zope#httpexceptions
    egg:collective.composite#json_depth
    zope

[loggers]
keys = root

[handlers]
keys = eventlog

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = eventlog

[handler_eventlog]
class = FileHandler
args = ('{instance}/event.log', 'a')
level = NOTSET
formatter = generic

[formatter_generic]
format = %(asctime)s %(levelname)-7.7s [%(name)s] %(message)s
"""


def _connect(dbname: str = "postgres"):
    """A psycopg2 connection as the first of PG_USERS that the server accepts."""
    import psycopg2

    errors = []
    for user in PG_USERS:
        try:
            connection = psycopg2.connect(
                host=PG_HOST, port=PG_PORT, user=user, dbname=dbname
            )
        except psycopg2.OperationalError as error:
            errors.append(f"{user}: {error}".strip())
            continue
        connection.autocommit = True
        return connection, user
    raise RuntimeError(
        f"Cannot connect to PostgreSQL on {PG_HOST}:{PG_PORT}: " + "; ".join(errors)
    )


def create_database(name: str) -> str:
    """Create an empty database; :returns: the DSN RelStorage connects with."""
    connection, user = _connect()
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return f"dbname='{name}' host='{PG_HOST}' port='{PG_PORT}' user='{user}'"


def drop_database(name: str) -> None:
    """Drop the database, closing what still uses it."""
    connection, _user = _connect()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()


class Cluster:
    """Zope instances on one RelStorage database; a context manager.

    :param ports: one port per instance.
    :param host: the host name the instances listen on.
    :param dsn: an existing database's DSN; None creates a throwaway database
        (dropped on exit).
    :param workdir: where the instances' files go; None uses a temporary folder
        (removed on exit).
    :param password: the admin password of the demo site.
    """

    def __init__(
        self,
        ports=(8081, 8082),
        host: str = "localhost",
        dsn: str | None = None,
        workdir: Path | None = None,
        password: str = "admin",
    ):
        self.ports = tuple(int(port) for port in ports)
        self.host = host
        self.password = password
        self.dsn = dsn
        self.database = None if dsn else f"composite_{uuid.uuid4().hex[:12]}"
        self.own_workdir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="composite-cluster-"))
        self.processes: list[subprocess.Popen] = []

    @property
    def urls(self) -> list[str]:
        """The site URL on each instance."""
        return [f"http://{self.host}:{port}/Plone" for port in self.ports]

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def start(self) -> None:
        """Create the database and the site, then start every instance."""
        if self.database:
            self.dsn = create_database(self.database)
        confs = [self._write(index, port) for index, port in enumerate(self.ports)]
        env = {**os.environ, "ADMIN_PASSWORD": self.password}
        subprocess.run(
            [str(BIN / "zconsole"), "run", str(confs[0]), "scripts/create_site.py"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=SITE_TIMEOUT,
            stdout=subprocess.DEVNULL,
        )
        for conf in confs:
            self.processes.append(
                subprocess.Popen(
                    [str(BIN / "runwsgi"), str(conf.with_name("zope.ini"))],
                    cwd=ROOT,
                    env=env,
                    start_new_session=True,
                )
            )
        for url in self.urls:
            self._wait(url)

    def stop(self) -> None:
        """Stop the instances, drop a throwaway database, remove a temporary
        workdir. Safe to call more than once."""
        for process in self.processes:
            if process.poll() is None:
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        self.processes = []
        if self.database:
            drop_database(self.database)
            self.database = None
        if self.own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def _write(self, index: int, port: int) -> Path:
        instance = self.workdir / f"instance{index + 1}"
        cache = self.workdir / "cache"
        for folder in (instance, cache):
            folder.mkdir(parents=True, exist_ok=True)
        values = {
            "instance": instance,
            "cache": cache,
            "dsn": self.dsn,
            "host": self.host,
            "port": port,
        }
        (instance / "zope.ini").write_text(ZOPE_INI.format(**values))
        conf = instance / "zope.conf"
        conf.write_text(ZOPE_CONF.format(**values))
        return conf

    def _wait(self, url: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if any(process.poll() is not None for process in self.processes):
                raise RuntimeError(
                    f"An instance exited; see {self.workdir}/*/event.log"
                )
            with suppress(OSError), urllib.request.urlopen(url, timeout=5) as answer:
                if answer.status == 200:
                    return
            time.sleep(0.5)
        raise TimeoutError(f"{url} did not answer within {START_TIMEOUT} s")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--ports", nargs="+", type=int, default=[8081, 8082])
    parser.add_argument("--dsn", help="use this database instead of a throwaway one")
    parser.add_argument(
        "--workdir", type=Path, help="keep the instances' files here (default: temp)"
    )
    args = parser.parse_args(argv)
    password = os.environ.get("ADMIN_PASSWORD") or "admin"
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    with Cluster(args.ports, args.host, args.dsn, args.workdir, password) as cluster:
        where = cluster.database or args.dsn
        print(f"Database: {where}; instances' files: {cluster.workdir}")
        for url in cluster.urls:
            print(f"Serving {url}")
        print(f"Log in as 'admin' with password {password!r}. Ctrl-C stops.")
        try:
            while not stopping and all(p.poll() is None for p in cluster.processes):
                time.sleep(1)
        except KeyboardInterrupt:
            pass
        print("Stopping the instances and dropping the database.")


if __name__ == "__main__":
    main()
