"""Headless Debian Chromium as the browser tests and the benchmark launch it, through
Playwright, lighter than its defaults.

Chromium's browser interface still runs in headless mode: each context preloads the address
bar's suggestion popups (chrome://omnibox-popup.top-chrome/), in a renderer of their own that
works on every new page. A reader's page never sees them; in the tests they cost more CPU
than the site's pages did, and they add noise to the benchmark's timings. They are switched
off with `--disable-features`, a switch of which Chromium keeps only the last: so the list
Playwright passes is read from the command line of a first, probe launch (its pipe-driven
process, a grandchild of this one) and kept whole.
"""

from __future__ import annotations

import os
from pathlib import Path

EXECUTABLE = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Chromium's own features the tests do without (nothing a page can observe).
DISABLED = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup"]
SWITCH = "--disable-features="


def launch(playwright):
    """Chromium for the tests and the benchmark: Playwright's launch with ARGS, and DISABLED
    added to the features Playwright itself disables."""
    probe = playwright.chromium.launch(executable_path=EXECUTABLE, args=ARGS)
    theirs = disabled_features()
    if theirs is None:  # not found: Playwright's own launch, as it is
        return probe
    probe.close()
    features = ",".join(dict.fromkeys([*theirs, *DISABLED]))
    return playwright.chromium.launch(executable_path=EXECUTABLE, args=[*ARGS, SWITCH + features])


def disabled_features() -> list[str] | None:
    """The features in the `--disable-features` of the browser process this process started
    (through Playwright's driver, its child); None if there is no such process."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process ended meanwhile
            continue
        parents[int(stat.parent.name)] = int(text[text.rindex(")") + 2 :].split()[1])
    for pid, parent in parents.items():
        if parents.get(parent) != os.getpid():
            continue
        try:
            arguments = (Path("/proc") / str(pid) / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        switches = [argument.decode() for argument in arguments if argument.startswith(b"--")]
        if "--remote-debugging-pipe" in switches:
            found = [switch for switch in switches if switch.startswith(SWITCH)]
            return found[-1].removeprefix(SWITCH).split(",") if found else []
    return None
