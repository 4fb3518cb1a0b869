"""``@composite-lock``: read, take, refresh, take over and release the design
lock of a page. Design mode takes it on opening, refreshes it while open and
releases it on leaving; see :mod:`collective.composite.arrangement.locking`."""
