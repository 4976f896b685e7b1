#!/usr/bin/env python3
"""Generates a synthetic trilingual konzept site for benchmarks.

usage: corpus.py DIR ENTRIES   (ENTRIES pages per language, in three languages)

Starts from tests/fixtures/minimal and the repository's i18n/, and adds
ENTRIES pages in a section `seiten/` with headings, paragraphs, a list, a
table and links to other pages; every tenth page has no English translation.
"""
import os
import shutil
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def body(i, n, lang):
    words = {"de": "Integration Vielfalt Teilhabe Stadt Nachbarschaft",
             "fr": "intégration diversité participation ville quartier",
             "en": "integration diversity participation city neighbourhood"}[lang].split()
    para = " ".join(words[(i + k) % len(words)] for k in range(60)) + "."
    link = f"[next](seite-{(i + 1) % n}.md) and [previous](seite-{(i - 1) % n}.md#section-1)"
    return (f"## Section 1\n\n{para}\n\n{link}\n\n## Section 2\n\n- {para[:80]}\n- {para[80:160]}\n\n"
            f"| a | b |\n|---|---|\n| {i} | \"{words[0]}\" |\n\n### Detail\n\n{para}\n")


def main():
    target, n = sys.argv[1], int(sys.argv[2])
    if os.path.exists(target):
        shutil.rmtree(target)
    shutil.copytree(os.path.join(REPO, "tests/fixtures/minimal"), target)
    shutil.copytree(os.path.join(REPO, "i18n"), os.path.join(target, "i18n"))
    section = os.path.join(target, "content", "seiten")
    os.makedirs(section)
    with open(os.path.join(section, "_index.md"), "w") as f:
        f.write("---\ntitle: Seiten\n---\n")
    for i in range(n):
        for lang in ("de", "fr", "en"):
            if lang == "en" and i % 10 == 0:
                continue
            suffix = "" if lang == "de" else f".{lang}"
            with open(os.path.join(section, f"seite-{i}{suffix}.md"), "w") as f:
                f.write(f"---\ntitle: Seite {i} ({lang})\nsummary: Beispielseite {i}.\n---\n{body(i, n, lang)}")


if __name__ == "__main__":
    main()
