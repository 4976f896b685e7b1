#!/usr/bin/env python3
"""konzept against Hugo and the floor, on generated trilingual corpora.

usage: bench.py [--sizes 1000,3000,10000] [--runs 5] [--tools konzept,hugo,floor]
                [--rebuild] [--site-yaml LINE]... [--work DIR] [--json FILE] [--no-build]
                [--baseline BIN] [--indicators N,P]

For each size (pages per language) it generates a corpus (benches/corpus.py),
a Hugo site over the same content/ (benches/hugo/), and then builds it with
each tool: one untimed warm-up each (page cache), then RUNS timed rounds,
the tools alternating and the order rotating every round, so load from
other processes on the machine falls on all of them alike. Every timed run
writes into a new, empty output directory (a fresh CI checkout); outputs are
deleted only at the very end, because ext4 allocates inodes slowly right
after mass deletions and that would fall on whichever tool runs next (keep
about 10 GB free for the default sizes).
`--rebuild` adds a second run into the output just written, unchanged
content (an editor's next build, a cached CI `public/`). `--site-yaml`
appends a line to the corpus's site.yaml, to measure konzept with and
without an optional output (e.g. `--site-yaml "search: false"`).
`--indicators N,P` adds the tool `indicators`: konzept on the same corpus
plus N indicators with P periods of data each (corpus.py --indicators), so
their cost is measured against the site without them in one run.
`--baseline BIN` adds the tool `baseline`: another konzept binary (a build
of an earlier commit) run exactly like `konzept`, so a change is measured
before and after in one run, under the same load.

Wall time is measured around the child, user and sys time come from the
kernel (wait4 rusage), peak RSS from GNU time (apt-get install -y time). The table shows medians, pages/s over the
median wall time, and each tool's ratio to the floor's median. Pages are
the corpus's Markdown files, the same input for all three.

konzept:  target/release/konzept -C SITE build --out OUT
baseline: BIN -C SITE build --out OUT                       (with --baseline BIN)
hugo:     hugo --source HUGO --contentDir SITE/content --destination OUT
floor:    target/release/konzept-floor SITE/content OUT (benches/floor)

Builds the two binaries first (cargo build --release), unless --no-build.
Hugo comes from Debian: apt-get install -y hugo.
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(REPO, "target")
KONZEPT = os.path.join(TARGET, "release", "konzept")
FLOOR = os.path.join(TARGET, "release", "konzept-floor")
TIME = "/usr/bin/time"


BASELINE = None  # --baseline BIN
INDICATORS = None  # --indicators N,P


def command(tool, site, hugo_dir, out, work):
    if tool == "konzept":
        return [KONZEPT, "-C", site, "build", "--out", out]
    if tool == "baseline":
        return [BASELINE, "-C", site, "build", "--out", out]
    if tool == "indicators":
        return [KONZEPT, "-C", site + "-indicators", "build", "--out", out]
    if tool == "hugo":
        return ["hugo", "--source", hugo_dir, "--contentDir", os.path.join(site, "content"),
                "--destination", out, "--cacheDir", os.path.join(work, "hugo-cache"),
                "--noBuildLock", "--quiet"]
    if tool == "floor":
        return [FLOOR, os.path.join(site, "content"), out]
    raise ValueError(tool)


def run(cmd):
    """Runs `cmd`; returns wall, user and sys seconds and peak RSS in MiB.

    Peak RSS comes from GNU time: a child forked by this (Python) process
    would carry Python's own peak into its rusage, a child of `time` does not.
    """
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss:
        start = time.perf_counter()
        proc = subprocess.Popen([TIME, "-f", "%M", "-o", rss.name] + cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err.read().decode(errors='replace')}")
        peak_kib = int(rss.read().split()[-1])
    return {"wall": wall, "user": usage.ru_utime, "sys": usage.ru_stime, "rss": peak_kib / 1024}


def prepare(size, work, site_yaml):
    base = os.path.join(work, f"size-{size}")
    site, hugo_dir = os.path.join(base, "site"), os.path.join(base, "hugo")
    corpus = [sys.executable, os.path.join(REPO, "benches", "corpus.py")]
    subprocess.run(corpus + [site, str(size)], check=True)
    with open(os.path.join(site, "site.yaml"), "a") as f:
        f.writelines(f"{line}\n" for line in site_yaml)
    if INDICATORS:
        # The same corpus plus N indicators of P periods (tool `indicators`).
        n, p = INDICATORS
        with_ind = site + "-indicators"
        subprocess.run(corpus + [with_ind, str(size), "--indicators", str(n), "--periods", str(p)], check=True)
        with open(os.path.join(with_ind, "site.yaml"), "a") as f:
            f.writelines(f"{line}\n" for line in site_yaml)
    if os.path.exists(hugo_dir):
        shutil.rmtree(hugo_dir)
    shutil.copytree(os.path.join(REPO, "benches", "hugo"), hugo_dir)
    pages = sum(f.endswith(".md") for _, _, files in os.walk(os.path.join(site, "content")) for f in files)
    return base, site, hugo_dir, pages


def measure(size, tools, runs, rebuild, work, site_yaml):
    base, site, hugo_dir, pages = prepare(size, work, site_yaml)
    outs = os.path.join(base, "out")
    results = {}
    for tool in tools:
        run(command(tool, site, hugo_dir, os.path.join(outs, f"warmup-{tool}"), work))
    for r in range(runs):
        for tool in tools[r % len(tools):] + tools[:r % len(tools)]:
            out = os.path.join(outs, f"{tool}-{r}")
            cmd = command(tool, site, hugo_dir, out, work)
            results.setdefault(tool, []).append(run(cmd))
            if rebuild:
                results.setdefault(f"{tool} (rebuild)", []).append(run(cmd))
    return pages, results


def summary(pages, results):
    rows = {}
    for name, samples in results.items():
        med = {k: statistics.median(s[k] for s in samples) for k in ("wall", "user", "sys", "rss")}
        med["pages_per_s"] = pages / med["wall"]
        med["wall_min"] = min(s["wall"] for s in samples)
        med["wall_max"] = max(s["wall"] for s in samples)
        rows[name] = med
    floor = rows.get("floor")
    for name, row in rows.items():
        ref = rows.get("floor (rebuild)") if name.endswith("(rebuild)") else floor
        row["wall_ratio"] = row["wall"] / ref["wall"] if ref else None
        row["cpu_ratio"] = (row["user"] + row["sys"]) / (ref["user"] + ref["sys"]) if ref else None
    return rows


def print_table(size, pages, rows, runs):
    print(f"\n{size} pages per language ({pages} Markdown files), median of {runs} runs")
    print("| tool | wall s | user s | sys s | peak RSS MiB | pages/s | wall / floor | CPU / floor | wall min–max s |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    for name, r in rows.items():
        ratio = lambda x: f"{x:.2f}×" if x is not None else "–"
        print(f"| {name} | {r['wall']:.2f} | {r['user']:.2f} | {r['sys']:.2f} | {r['rss']:.0f} | "
              f"{r['pages_per_s']:,.0f} | {ratio(r['wall_ratio'])} | {ratio(r['cpu_ratio'])} | "
              f"{r['wall_min']:.2f}–{r['wall_max']:.2f} |")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,3000,10000", help="pages per language, comma-separated")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tools", default="konzept,hugo,floor")
    parser.add_argument("--rebuild", action="store_true", help="also time a second build into the same output")
    parser.add_argument("--site-yaml", action="append", default=[], metavar="LINE",
                        help="append LINE to the corpus's site.yaml (repeatable)")
    parser.add_argument("--work", help="directory for corpora and outputs (default: a new temporary one)")
    parser.add_argument("--json", help="write every sample to this file")
    parser.add_argument("--no-build", action="store_true", help="use the binaries in target/release as they are")
    parser.add_argument("--baseline", metavar="BIN",
                        help="also time this konzept binary (e.g. a build of an earlier commit) as the tool `baseline`")
    parser.add_argument("--indicators", metavar="N,P",
                        help="also build the corpus plus N indicators of P periods each as the tool `indicators`")
    args = parser.parse_args()
    tools = args.tools.split(",")
    if args.indicators:
        global INDICATORS
        INDICATORS = tuple(int(x) for x in args.indicators.split(","))
        if "indicators" not in tools:
            tools.append("indicators")
    if args.baseline:
        global BASELINE
        BASELINE = os.path.abspath(args.baseline)
        if not os.access(BASELINE, os.X_OK):
            sys.exit(f"--baseline {args.baseline}: not an executable file")
        if "baseline" not in tools:
            tools.append("baseline")
    elif "baseline" in tools:
        sys.exit("the tool `baseline` needs --baseline BIN")
    if not os.path.exists(TIME):
        sys.exit("GNU time is not installed: apt-get install -y time")
    if "hugo" in tools and not shutil.which("hugo"):
        sys.exit("hugo is not installed: apt-get install -y hugo (or leave it out with --tools konzept,floor)")
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "konzept", "-p", "konzept-floor"],
                       cwd=REPO, check=True)
    work = args.work or tempfile.mkdtemp(prefix="konzept-bench-")
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[1] \
        if "hugo" in tools else "–"
    print(f"{time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, {platform.release()}, "
          f"load {os.getloadavg()[0]:.1f}, hugo {hugo}, work dir {work}")
    everything = {}
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            pages, results = measure(size, tools, args.runs, args.rebuild, work, args.site_yaml)
            print_table(size, pages, summary(pages, results), args.runs)
            everything[size] = {"pages": pages, "samples": results}
    finally:
        # Outputs go only now: on ext4, creating files right after mass
        # deletions is slow, and would fall on the next size's first runs.
        for size in args.sizes.split(","):
            shutil.rmtree(os.path.join(work, f"size-{size}", "out"), ignore_errors=True)
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\nload at the end: {os.getloadavg()[0]:.1f}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(everything, f, indent=1)


if __name__ == "__main__":
    main()
