"""Design mode in the browser, measured by ``make bench`` (benchmarks/bench.py).

Debian's Chromium, headless, driven by Playwright, loads ``@@composite-design``
of the benchmark's composite pages as the admin, served by waitress from the
benchmark process on ``localhost``. The editor leaves ``performance`` marks
(resources/src/editor/timing.js):

- ``composite:ready`` once the editors of the page are started (cards can be
  dragged, the keyboard and the toolbar answer): its time is counted from the
  navigation's start (``performance.timeOrigin``);
- ``composite:updated`` each time the DOM was brought in line with the state,
  ``composite:frame`` when the next frame starts and ``composite:painted``
  once that frame was produced.

An update is timed from the input event's ``timeStamp`` (the browser's time of
the key press, the click, the drop): *work* is the main thread's time, to
``composite:updated`` (the handlers, the state model, the DOM changes) plus
``composite:frame`` to ``composite:painted`` (style, layout and paint of that
frame); *to painted* also counts the wait for the frame. The
browser's own Event Timing entries (``PerformanceEventTiming``, the
"interaction to next paint" measure; durations in steps of 8 ms, only those of
16 ms and more are reported) are given beside it. Memory: the JS heap in use
after a garbage collection (CDP ``Performance.getMetrics``), and the page's
DOM nodes.

See docs/performance.md, "Design mode in the browser".
"""

from pathlib import Path
from serving import serving

import json
import statistics


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
]
TIMEOUT_MS = 60_000
READY = "composite:ready"
UPDATED = "composite:updated"
PAINTED = "composite:painted"
CARD = ".composite-card[data-widget-id]"
UNDO = '.composite-editor__toolbar [data-composite-action="undo"]'

# Keeps the time stamp of the last input event of each kind, and the browser's
# Event Timing entries, from the page's first script on.
WATCH_INPUT = """
window.__compositeInput = {};
for (const type of ['keydown', 'click', 'drop']) {
  window.addEventListener(type, (event) => {
    window.__compositeInput[type] = event.timeStamp;
  }, true);
}
window.__compositeEvents = [];
if (window.PerformanceObserver) {
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.__compositeEvents.push({
          name: entry.name, start: entry.startTime, duration: entry.duration,
        });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  } catch (error) { /* no Event Timing: the marks still measure */ }
}
"""

# True once the painted mark follows the last input event of ``type``.
PAINTED_AFTER = """
(type) => {
  const input = window.__compositeInput[type];
  const marks = performance.getEntriesByName('composite:painted', 'mark');
  return input !== undefined && marks.length > 0
    && marks[marks.length - 1].startTime >= input;
}
"""

# The last update's figures, relative to the last input event of ``type``.
UPDATE_FIGURES = """
(type) => {
  const input = window.__compositeInput[type];
  const last = (name) => {
    const marks = performance.getEntriesByName(name, 'mark');
    return marks[marks.length - 1].startTime;
  };
  const events = window.__compositeEvents.filter(
    (entry) => entry.name === type && entry.start >= input - 1);
  const updated = last('composite:updated');
  const frame = last('composite:frame');
  const painted = last('composite:painted');
  return {
    updated_ms: updated - input,
    painted_ms: painted - input,
    // The main thread's work for the update: the handlers until the DOM
    // changed, then the frame's style, layout and paint; not the wait for
    // the frame between them.
    work_ms: updated - input + (painted - frame),
    event_timing_ms: events.length ? Math.max(...events.map((e) => e.duration)) : null,
  };
}
"""


def ensure_pages(bench, sizes):
    """Create the composite pages of ``sizes`` the benchmark site lacks (the
    browser measures N=100 and N=200, whatever ``--sizes`` built).

    :param bench: the benchmark (bench.Bench), its site built.
    :param sizes: the numbers of widgets wanted.
    """
    missing = [size for size in sizes if size not in bench.pages]
    if not missing:
        return
    from plone import api

    import transaction

    with bench.as_admin() as site:
        for size in missing:
            # The same mixed page as the other figures' (bench.Bench).
            bench.pages[size] = bench._composite(site, api, size)
            transaction.commit()


def median_and_max(values):
    values = [value for value in values if value is not None]
    if not values:
        return {"median_ms": None, "max_ms": None, "runs": 0}
    return {
        "median_ms": round(statistics.median(values), 1),
        "max_ms": round(max(values), 1),
        "runs": len(values),
    }


class BrowserBench:
    """Chromium on design mode of the served benchmark site.

    :param base: the site's URL (``http://localhost:PORT/Plone``).
    :param admin: login name and password of a Manager.
    """

    def __init__(self, base, admin, browser):
        self.base = base
        self.admin = admin
        self.browser = browser

    def context(self):
        """A logged-in browser context that watches input events."""
        context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        context.add_init_script(WATCH_INPUT)
        page = context.new_page()
        page.goto(f"{self.base}/login")
        page.locator("#__ac_name").fill(self.admin[0])
        page.locator("#__ac_password").fill(self.admin[1])
        page.get_by_role("button", name="Log in").click()
        page.locator("#personaltools-menulink").wait_for()
        return context, page

    def open_design(self, page, size):
        """Load design mode of composite-N; :returns: its navigation figures."""
        page.goto(f"{self.base}/composite-{size}/@@composite-design")
        page.wait_for_function(
            f"performance.getEntriesByName('{READY}', 'mark').length > 0",
            polling=50,
        )
        figures = page.evaluate(
            """(card) => {
              const nav = performance.getEntriesByType('navigation')[0];
              const ready = performance.getEntriesByName('composite:ready', 'mark')[0];
              return {
                ready_ms: ready.startTime,
                response_start_ms: nav.responseStart,
                response_end_ms: nav.responseEnd,
                dom_content_loaded_ms: nav.domContentLoadedEventEnd,
                cards: document.querySelectorAll(card).length,
              };
            }""",
            CARD,
        )
        assert figures["cards"] == size, f"{figures['cards']} of {size} cards"
        return figures

    def ready_figures(self, size, rounds):
        """Navigation to the editor ready, ``rounds`` times after one untimed
        load (the server's templates compiled, the bundle in the cache)."""
        context, page = self.context()
        try:
            self.open_design(page, size)
            loads = [self.open_design(page, size) for _ in range(rounds)]
        finally:
            context.close()
        return {
            name: median_and_max([load[name] for load in loads])
            for name in (
                "ready_ms",
                "response_start_ms",
                "response_end_ms",
                "dom_content_loaded_ms",
            )
        }

    def update_figures(self, size, rounds, cpu_profile=None):
        """One keyboard move, one keyboard drop, one pointer drop and one
        undo, each ``rounds`` times, on design mode of composite-N; and the
        page's memory.

        :param cpu_profile: a path to write a CPU profile of the updates to
            (Chrome DevTools' ``.cpuprofile``), or None.
        """
        context, page = self.context()
        try:
            self.open_design(page, size)
            cdp = context.new_cdp_session(page)
            cdp.send("Performance.enable")
            memory_ready = self.memory(cdp)
            if cpu_profile:
                cdp.send("Profiler.enable")
                cdp.send("Profiler.setSamplingInterval", {"interval": 100})
                cdp.send("Profiler.start")
            times = {"keyboard move": [], "keyboard drop": [], "drop": [], "undo": []}
            cards = page.locator(CARD)
            for attempt in range(rounds + 1):
                runs = {}
                card = cards.nth(size // 2 + attempt)
                card.focus()
                page.keyboard.press("Space")  # pick up
                self.wait_painted(page, "keydown")
                page.keyboard.press("ArrowDown")
                runs["keyboard move"] = self.wait_painted(page, "keydown")
                page.keyboard.press("Space")  # put down
                runs["keyboard drop"] = self.wait_painted(page, "keydown")
                # Near the top, so both cards are in view; the undo below
                # puts the card back.
                cards.nth(4).drag_to(cards.nth(1))
                runs["drop"] = self.wait_painted(page, "drop")
                page.locator(UNDO).click()
                runs["undo"] = self.wait_painted(page, "click")
                if attempt:  # the first round warms the code up
                    for name, figures in runs.items():
                        times[name].append(figures)
            if cpu_profile:
                profile = cdp.send("Profiler.stop")["profile"]
                Path(cpu_profile).write_text(json.dumps(profile))
            memory_after = self.memory(cdp)
        finally:
            context.close()
        return {
            "actions": {
                name: {
                    "painted": median_and_max([run["painted_ms"] for run in runs]),
                    "work": median_and_max([run["work_ms"] for run in runs]),
                    "updated": median_and_max([run["updated_ms"] for run in runs]),
                    "event_timing": median_and_max(
                        [run["event_timing_ms"] for run in runs]
                    ),
                }
                for name, runs in times.items()
            },
            "memory_ready": memory_ready,
            "memory_after": memory_after,
        }

    def wait_painted(self, page, kind):
        # Polled on a timer, not on every animation frame (Playwright's
        # default), so that the polling adds no work to the frames measured.
        page.wait_for_function(PAINTED_AFTER, arg=kind, polling=50)
        return page.evaluate(UPDATE_FIGURES, kind)

    def memory(self, cdp):
        """The page's JS heap in use after a garbage collection, and its DOM."""
        cdp.send("HeapProfiler.collectGarbage")
        metrics = {
            item["name"]: item["value"]
            for item in cdp.send("Performance.getMetrics")["metrics"]
        }
        return {
            "js_heap_used_bytes": int(metrics["JSHeapUsedSize"]),
            "js_heap_total_bytes": int(metrics["JSHeapTotalSize"]),
            "dom_nodes": int(metrics["Nodes"]),
            "event_listeners": int(metrics.get("JSEventListeners", 0)),
        }


def browser_figures(
    bench,
    *,
    site_id,
    host,
    admin,
    ready_sizes=(100, 200),
    update_size=200,
    rounds=5,
    cpu_profile=None,
):
    """Design mode in Chromium: navigation to ready, updates, memory.

    :param bench: the benchmark (bench.Bench), its site built.
    :param ready_sizes: the pages whose load is timed (the target: N=100).
    :param update_size: the page the updates and the memory are measured on.
    :param rounds: timed repeats of each measurement.
    :param cpu_profile: where to write a CPU profile of the updates, or None.
    :returns: the figures, or None when Chromium or Playwright is missing.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path(CHROMIUM).exists():
        return None
    ensure_pages(bench, {*ready_sizes, update_size})
    result = {"chromium": None, "ready": {}, "update_size": update_size}
    with serving(bench.wsgi, host) as port, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            result["chromium"] = browser.version
            driver = BrowserBench(f"http://{host}:{port}/{site_id}", admin, browser)
            for size in ready_sizes:
                result["ready"][str(size)] = driver.ready_figures(size, rounds)
            result |= driver.update_figures(update_size, rounds, cpu_profile)
        finally:
            browser.close()
    return result


def markdown(figures):
    """The section of results.md for design mode in the browser."""
    lines = ["", "## Design mode in the browser", ""]
    if not figures:
        return [*lines, "Not run (--skip-browser, or Chromium or Playwright missing)."]
    lines += [
        f"Chromium {figures['chromium']}, headless, as the admin; medians (and "
        "largest) of the timed runs, in ms.",
        "",
        "Navigation to the editor ready (`composite:ready`, from the "
        "navigation's start), target ≤ 1000 ms at N=100; first byte and last "
        "byte of the design view's HTML for comparison:",
        "",
        "| N | ready | first byte | last byte | DOMContentLoaded |",
        "|---:|---:|---:|---:|---:|",
    ]
    for size, item in figures["ready"].items():
        lines.append(
            f"| {size} | **{cell(item['ready_ms'])}** | "
            f"{cell(item['response_start_ms'])} | {cell(item['response_end_ms'])} "
            f"| {cell(item['dom_content_loaded_ms'])} |"
        )
    lines += [
        "",
        f"Updates at N={figures['update_size']}, target ≤ 16 ms (one frame): "
        "*work* is the main thread's time for the update, from the input event "
        "to the DOM changed (`composite:updated`) plus the next frame's style, "
        "layout and paint (`composite:frame` to `composite:painted`); *to "
        "painted* also counts the wait for that frame (up to 16.7 ms at 60 "
        "frames a second); *DOM updated*: the input event to the end of the "
        "editor's work; *Event Timing*: the browser's own measure of the "
        "interaction to the next paint (8 ms steps; none under 16 ms is "
        "reported).",
        "",
        "| update | work | to painted | DOM updated | Event Timing |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, item in figures["actions"].items():
        timing = item["event_timing"]
        event = cell(timing) if timing["runs"] else "< 16"
        lines.append(
            f"| {name} | **{cell(item['work'])}** | {cell(item['painted'])} | "
            f"{cell(item['updated'])} | {event} |"
        )
    ready, after = figures["memory_ready"], figures["memory_after"]
    lines += [
        "",
        f"Memory of the editor's page at N={figures['update_size']} (after a "
        "garbage collection): JS heap in use "
        f"**{ready['js_heap_used_bytes'] / 2**20:.1f} MiB** when ready, "
        f"{after['js_heap_used_bytes'] / 2**20:.1f} MiB after the updates "
        f"(their undo history); {ready['dom_nodes']} DOM nodes, "
        f"{ready['event_listeners']} event listeners.",
    ]
    return lines


def cell(item):
    if item["median_ms"] is None:
        return "–"
    return f"{item['median_ms']:.1f} ({item['max_ms']:.1f})"
