"""Scale-out, measured by ``make bench`` (benchmarks/bench.py): one Zope
instance against two on one RelStorage database, under the same wrk load.

The cluster of ``make start-cluster`` (tests/cluster/cluster.py: a throwaway
PostgreSQL database on 127.0.0.1:5432, one ``runwsgi`` per instance, waitress
with 4 threads each) serves the benchmark's composite page with N widgets of
mixed types, created through the REST API with the same widgets as the other
figures. wrk (2 threads, 8 connections) then loads, in turns:

- *one instance*: all 8 connections on instance A (B idles);
- *two instances*: wrk's first thread's 4 connections on A, the second's on B
  (a Lua ``setup`` gives each thread its own address and ``Host``).

Both configurations have the same 8 connections, so the ratio of their
requests per second is what a second process adds. Every answer must be a 200.
The CPU time used by each instance, by wrk and by the whole machine during the
turns is recorded, to show where the limit is (docs/performance.md,
"Scale-out").
"""

from pathlib import Path

import base64
import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time


ROOT = Path(__file__).resolve().parent.parent
SLICE_SECONDS = 15
TIMEOUT = 120
JSON = {"Accept": "application/json", "Content-Type": "application/json"}
# Each of wrk's threads connects to its own instance.
TWO_HOSTS_LUA = """\
local ports = {{{ports}}}
local started = 0
function setup(thread)
  started = started + 1
  local port = ports[(started - 1) % #ports + 1]
  thread.addr = wrk.lookup("{address}", tostring(port))[1]
  thread:set("host_header", "{host}:" .. port)
end
function init(args)
  wrk.headers["Host"] = host_header
end
"""


def cluster_class():
    """The Cluster of ``make start-cluster`` (tests/cluster/cluster.py)."""
    folder = str(ROOT / "tests" / "cluster")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    from cluster import Cluster

    return Cluster


def postgresql_available():
    """Whether the PostgreSQL server of the cluster answers."""
    import socket

    host = os.environ.get("PGHOST", "127.0.0.1")
    port = int(os.environ.get("PGPORT", "5432"))
    with contextlib.suppress(OSError), socket.create_connection((host, port), 3):
        return True
    return False


class Site:
    """The cluster's site through the REST API, as the admin."""

    def __init__(self, url, password):
        import requests

        self.url = url
        self.http = requests.Session()
        answer = self.http.post(
            f"{url}/@login",
            json={"login": "admin", "password": password},
            headers=JSON,
            timeout=TIMEOUT,
        )
        answer.raise_for_status()
        # @login also sets the login cookie, with which writes would need the
        # CSRF token; the Bearer token alone is what a script sends.
        self.http.cookies.clear()
        self.http.headers.update(
            {**JSON, "Authorization": f"Bearer {answer.json()['token']}"}
        )

    def create(self, container, data, publish=True):
        answer = self.http.post(container, json=data, timeout=TIMEOUT)
        assert answer.status_code == 201, answer.text
        created = answer.json()
        if publish:
            answer = self.http.post(
                f"{created['@id']}/@workflow/publish", timeout=TIMEOUT
            )
            assert answer.status_code == 200, answer.text
        return created

    def items(self):
        """The referenced items of the benchmark's page: ten Documents, ten
        Images. :returns: ``{"documents": [uid], "images": [uid]}``."""
        import PIL.Image

        folder = self.create(
            self.url, {"@type": "Folder", "id": "referenced", "title": "Referenced"}
        )["@id"]
        documents, images = [], []
        for index in range(10):
            document = self.create(
                folder,
                {
                    "@type": "Document",
                    "id": f"document-{index}",
                    "title": f"Referenced document {index}",
                    "description": f"The summary of referenced document {index}.",
                },
            )
            documents.append(document["UID"])
            out = io.BytesIO()
            PIL.Image.new("RGB", (400, 300), (index * 20, 90, 140)).save(out, "PNG")
            image = self.create(
                folder,
                {
                    "@type": "Image",
                    "id": f"image-{index}",
                    "title": f"Picture {index}",
                    "image": {
                        "data": base64.b64encode(out.getvalue()).decode(),
                        "encoding": "base64",
                        "filename": "p.png",
                        "content-type": "image/png",
                    },
                },
                publish=False,
            )
            images.append(image["UID"])
        return {"documents": documents, "images": images}

    def composite(self, name, widgets):
        """A published Composite Page holding ``widgets`` in its main slot."""
        page = self.create(
            self.url, {"@type": "Composite Page", "id": name, "title": name}
        )["@id"]
        state = self.http.get(f"{page}/@composite", timeout=TIMEOUT).json()
        answer = self.http.patch(
            f"{page}/@composite",
            json={"version": state["version"], "slots": {"main": widgets}},
            timeout=TIMEOUT,
        )
        assert answer.status_code == 200, answer.text
        return page


def cpu_seconds(pid):
    """User and system CPU seconds of a process so far (/proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def postgres_cpu():
    """CPU seconds so far of the PostgreSQL server's processes (those this
    user may read), live ones only: RelStorage keeps its connections open."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            if (stat.parent / "comm").read_text().strip() == "postgres":
                total += cpu_seconds(stat.parent.name)
    return total


def machine_busy():
    """(busy, total) CPU jiffies of the whole machine so far (/proc/stat)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]  # idle and iowait
    return sum(values) - idle, sum(values)


def children_cpu():
    """CPU seconds of the reaped child processes (wrk) so far."""
    usage = os.times()
    return usage.children_user + usage.children_system


def run_wrk(wrk, url, seconds, script=None):
    command = [wrk, "-t2", "-c8", f"-d{seconds}s", "--latency"]
    if script:
        command += ["-s", str(script)]
    return subprocess.run(
        [*command, url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        check=True,
    ).stdout


def cluster_figures(widget, wrk_figures, *, size=20, seconds=60, host="localhost"):
    """Requests per second of one instance and of two on the page with
    ``size`` widgets.

    :param widget: ``widget(items, index)`` -> the widget data of the
        benchmark's mixed page (bench.widget_data).
    :param wrk_figures: ``wrk_figures(outputs, seconds)`` -> requests,
        errors, latency of several wrk runs (bench.wrk_figures).
    :param seconds: wrk's duration per configuration, in turns of 15 s.
    :returns: the figures, or ``{"skipped": reason}``.
    """
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"skipped": "wrk is missing"}
    if not postgresql_available():
        return {"skipped": "no PostgreSQL server on 127.0.0.1:5432"}
    try:
        import relstorage  # noqa: F401
    except ImportError:
        return {"skipped": "RelStorage is not installed"}
    from serving import free_port

    ports = [free_port(host), free_port(host)]
    password = "admin"
    turns = max(1, round(seconds / SLICE_SECONDS))
    duration = max(1, round(seconds / turns))
    with tempfile.TemporaryDirectory(prefix="composite-cluster-bench-") as folder:
        script = Path(folder) / "two_hosts.lua"
        script.write_text(
            TWO_HOSTS_LUA.format(
                ports=", ".join(map(str, ports)), address="127.0.0.1", host=host
            )
        )
        with cluster_class()(ports, host, password=password) as cluster:
            site = Site(cluster.urls[0], password)
            items = site.items()
            name = f"composite-{size}"
            site.composite(name, [widget(items, index) for index in range(size)])
            urls = [f"{url}/{name}" for url in cluster.urls]
            warm(urls, size)
            pids = [process.pid for process in cluster.processes]
            runs = {"one": [], "two": []}
            usage = {key: [] for key in runs}
            for _turn in range(turns):
                for key in runs:
                    before = usage_now(pids)
                    runs[key].append(
                        run_wrk(
                            wrk,
                            urls[0],
                            duration,
                            script if key == "two" else None,
                        )
                    )
                    usage[key].append(usage_since(before, usage_now(pids)))
    figures = {
        key: {
            **wrk_figures(outputs, duration * turns),
            "cpu": mean_usage(usage[key]),
        }
        for key, outputs in runs.items()
    }
    one, two = figures["one"]["rps"], figures["two"]["rps"]
    return {
        "size": size,
        "cpus": os.cpu_count(),
        "one": figures["one"],
        "two": figures["two"],
        "speedup": round(two / one, 2) if one else None,
        "target": 1.7,
    }


def warm(urls, size):
    """Render the page a few times on every instance (templates compiled,
    RelStorage's cache filled), checking that every widget is there."""
    import requests

    for url in urls:
        for _ in range(5):
            answer = requests.get(url, timeout=TIMEOUT)
            answer.raise_for_status()
            found = len(re.findall(r'data-widget-id="', answer.text))
            assert found == size, f"{found} of {size} widgets on {url}"


def usage_now(pids):
    return {
        "instances": [cpu_seconds(pid) for pid in pids],
        "wrk": children_cpu(),
        "postgres": postgres_cpu(),
        "machine": machine_busy(),
        "time": time.monotonic(),
    }


def usage_since(before, after):
    """CPUs in use (1.0 = one CPU busy all the time) between two readings."""
    elapsed = after["time"] - before["time"]
    busy = after["machine"][0] - before["machine"][0]
    total = after["machine"][1] - before["machine"][1]
    return {
        "instances": [
            round((a - b) / elapsed, 2)
            for a, b in zip(after["instances"], before["instances"], strict=True)
        ],
        "wrk": round((after["wrk"] - before["wrk"]) / elapsed, 2),
        "postgres": round((after["postgres"] - before["postgres"]) / elapsed, 2),
        "machine": round(busy / total * (os.cpu_count() or 1), 2) if total else None,
    }


def mean_usage(readings):
    def mean(values):
        values = [value for value in values if value is not None]
        return round(sum(values) / len(values), 2) if values else None

    return {
        "instances": [
            mean([reading["instances"][i] for reading in readings])
            for i in range(len(readings[0]["instances"]))
        ],
        "wrk": mean([reading["wrk"] for reading in readings]),
        "postgres": mean([reading["postgres"] for reading in readings]),
        "machine": mean([reading["machine"] for reading in readings]),
    }


def per_cpu(item):
    """Requests per CPU second of the instances."""
    used = sum(value for value in item["cpu"]["instances"] if value)
    return round(item["rps"] / used, 1) if used else "–"


def markdown(figures, single=None):
    """The section of results.md for scale-out.

    :param single: the in-process load run's figures of the composite page
        (FileStorage, one process), shown beside, or None.
    """
    lines = ["", "## Scale-out (RelStorage, wrk 2 threads, 8 connections)", ""]
    if not figures or "skipped" in figures:
        reason = figures["skipped"] if figures else "--skip-cluster"
        return [*lines, f"Not run ({reason})."]
    one, two = figures["one"], figures["two"]
    met = figures["speedup"] is not None and figures["speedup"] >= figures["target"]
    lines += [
        f"The composite page with N={figures['size']} widgets on the cluster of "
        "`make start-cluster` (PostgreSQL, waitress 4 threads per instance), "
        f"{one['seconds']} s per configuration in {one['turns']} turns; wrk runs "
        f"on the same {figures['cpus']} CPUs. *CPUs used*: CPU seconds per "
        "second during the turns (1.0 = one CPU all the time) by each instance, "
        "by wrk, by PostgreSQL, and by the whole machine (everything else "
        "included); *per instance CPU*: requests per CPU second the instances "
        "used, which stays the same when a second instance scales linearly with "
        "the CPU it gets.",
        "",
        "| configuration | requests/s | requests | errors | latency p50 | p90 "
        "| CPUs used: instances | wrk | PostgreSQL | machine | per instance CPU |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, item in (("one instance", one), ("two instances", two)):
        cpu = item["cpu"]
        lines.append(
            f"| {label} | {item['rps']} | {item['requests']} | {item['errors']} | "
            f"{item['latency_p50']} | {item['latency_p90']} | "
            f"{' + '.join(str(v) for v in cpu['instances'])} | {cpu['wrk']} | "
            f"{cpu['postgres']} | {cpu['machine']} | {per_cpu(item)} |"
        )
    if single:
        lines.append(
            f"| one process, FileStorage (the load run above) | {single['rps']} | "
            f"{single['requests']} | {single['errors']} | {single['latency_p50']} | "
            f"{single['latency_p90']} | | | | | |"
        )
    verdict = "met" if met else "**not met**"
    lines += [
        "",
        f"Two instances / one: **{figures['speedup']}×** (target ≥ "
        f"{figures['target']}×: {verdict}); errors: "
        f"{one['errors'] + two['errors']}.",
    ]
    return lines
