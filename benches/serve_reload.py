#!/usr/bin/env python3
"""Edit → reloaded page latency of `konzept serve`.

usage: serve_reload.py [--bin BIN] [PAGES ...]   (pages per language; default: 1000 3000)

For each size: generates a corpus (benches/corpus.py), starts the release
binary's `serve` on 127.0.0.1, listens on the reload event stream, then ten
times edits one page and measures from the write to the moment the reload
event arrived and the edited page was fetched with the new text, the edits
2 s apart. Two kinds
of edit: the text of a page (what an editor does most) and its title
(front matter, shown in lists on other pages too); both are patched into
the last build (src/serve/patch.rs). Prints the median and the spread.
Build the binary first: cargo build --release. `--bin BIN` runs another
konzept binary instead (a build of an earlier commit, to compare).
"""
import http.client
import os
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(REPO, "target", "release", "konzept")
EDITS = 10
URL = "/de/seiten/seite-1/"
# Seconds between edits, as an editor saves: long enough for the full text
# that follows a text edit (about 1 s at 3 x 3,000) to be done.
GAP = 2.0


def wait_reload(stream, url):
    """Waits for a reload event that reloads `url`: one naming no pages
    (every page reloads) or naming it; others (the full text following a
    patch) are skipped."""
    while True:
        line = stream.readline()
        if line.startswith(b"data:"):
            only = line.decode().split()[2:]
            if not only or url in only:
                return


def measure(site, port, stream, kind):
    page = os.path.join(site, "content", "seiten", "seite-1.md")
    original = open(page).read()
    times = []
    try:
        for n in range(EDITS):
            marker = f"Bench-Marke {kind} {n}"
            if kind == "text":
                edited = original + f"\n{marker}\n"
            else:
                # The corpus quotes its titles: the marker goes inside the
                # quotes, or the front matter would not be valid YAML.
                assert 'title: "' in original
                edited = original.replace('title: "', f'title: "{marker} ', 1)
            start = time.perf_counter()
            with open(page, "w") as f:
                f.write(edited)
            wait_reload(stream, URL)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request("GET", URL)
            html = conn.getresponse().read().decode()
            # In the page's text or its heading, not on an error page that
            # quotes the source.
            shown = f"<p>{marker}</p>" if kind == "text" else f"<h1>{marker} "
            assert shown in html, "the served page does not have the edit"
            times.append((time.perf_counter() - start) * 1000)
            time.sleep(GAP)
    finally:
        with open(page, "w") as f:
            f.write(original)
        wait_reload(stream, URL)
    return times


def main():
    global BIN
    args = sys.argv[1:]
    if args[:1] == ["--bin"]:
        if len(args) < 2:
            sys.exit("--bin needs a path")
        BIN = os.path.abspath(args[1])
        args = args[2:]
    sizes = [int(a) for a in args] or [1000, 3000]
    print("pages   edit    median ms   min ms   max ms   (edit → reload event → page with the edit)")
    for size in sizes:
        site = os.path.join(tempfile.mkdtemp(), "site")
        subprocess.run([sys.executable, os.path.join(REPO, "benches", "corpus.py"), site, str(size)], check=True)
        server = subprocess.Popen([BIN, "-C", site, "serve", "--port", "0"], stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True)
        try:
            pages = int(server.stdout.readline().split()[1])
            port = int(server.stdout.readline().split("127.0.0.1:")[1].split("/")[0])
            events = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            events.request("GET", "/__konzept/reload")
            stream = events.getresponse()
            for kind in ("text", "title"):
                times = measure(site, port, stream, kind)
                print(f"{pages:>6}   {kind:<5}   {statistics.median(times):>9.0f}   {min(times):>6.0f}   "
                      f"{max(times):>6.0f}")
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
