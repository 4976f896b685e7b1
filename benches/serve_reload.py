#!/usr/bin/env python3
"""Edit → reloaded page latency of `konzept serve`.

usage: serve_reload.py [ENTRIES ...]   (default: 333 3333, i.e. ~1k and ~10k pages)

For each size: generates a corpus (benches/corpus.py), starts the release
binary's `serve` on 127.0.0.1, listens on the reload event stream, then ten
times edits one page and measures from the write to the moment the reload
event arrived and the edited page was fetched with the new text. Prints the
median and the spread. Build the binary first: cargo build --release.
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


def measure(entries, edits=10):
    site = os.path.join(tempfile.mkdtemp(), "site")
    subprocess.run([sys.executable, os.path.join(REPO, "benches", "corpus.py"), site, str(entries)], check=True)
    server = subprocess.Popen([BIN, "-C", site, "serve", "--port", "0"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        pages = server.stdout.readline().split()[1]
        port = int(server.stdout.readline().split("127.0.0.1:")[1].split("/")[0])
        events = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        events.request("GET", "/__konzept/reload")
        stream = events.getresponse()
        page = os.path.join(site, "content", "seiten", "seite-1.md")
        original = open(page).read()
        times = []
        for n in range(edits):
            marker = f"Bench-Marke {n}"
            start = time.perf_counter()
            with open(page, "w") as f:
                f.write(original + f"\n{marker}\n")
            while not stream.readline().startswith(b"data:"):
                pass
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            conn.request("GET", "/de/seiten/seite-1/")
            html = conn.getresponse().read().decode()
            assert marker in html, "the served page does not have the edit"
            times.append((time.perf_counter() - start) * 1000)
            time.sleep(0.2)
        return int(pages), times
    finally:
        server.terminate()
        server.wait()


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [333, 3333]
    print("pages   median ms   min ms   max ms   (edit → reload event → page with the edit)")
    for entries in sizes:
        pages, times = measure(entries)
        print(f"{pages:>6}   {statistics.median(times):>9.0f}   {min(times):>6.0f}   {max(times):>6.0f}")


if __name__ == "__main__":
    main()
