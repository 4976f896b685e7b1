#!/usr/bin/env python3
"""Generates a synthetic trilingual konzept site for benchmarks.

usage: corpus.py DIR PAGES [--indicators N --periods P] [--editions N]
       (about PAGES pages per language, in de, fr, en; with --indicators,
       N indicators in `indikatoren/` with P yearly periods of data each,
       every fourth one with a dimension of three districts; with
       --editions, a git repository whose N-1 earlier editions are tags the
       last one archives)

The site has the real site's kinds and shape: guidelines (`leitlinien/`),
projects with a contact and the guidelines they serve (`projekte/`),
contacts (`kontakte/`), plain pages (`seiten/`), a home page and an
Impressum, each section with translated slugs. Bodies are Markdown as
editors write it: headings, paragraphs with emphasis and quotes, lists,
a table, links to other pages (relative `.md` links, some with anchors
that exist in the reader's language), external and mail links. About one
entry in seven has no English translation and one in twenty no French one
(shown as fallbacks). Generated text is placeholder prose, not real
content; names, addresses and numbers are examples.

With `--editions N` (issue 17) DIR is a git repository: edition k of N
is the corpus with one paragraph in ten changed and one page in fifty
left out, committed and tagged `fassung-k`; the last commit adds
`fortschreibungen/`, declaring editions 1..N-1 as `source: git` and N as
the current one. `--editions-listed-only` writes the same repository but
declares the earlier editions `source: none`, for a build of the same site
without archived editions.

Deterministic: the same arguments give the same files (commit times are
fixed).
"""
import os
import random
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LANGS = ("de", "fr", "en")

# Section directory, kind, stem of its entries, and the translated section
# and entry slugs per language.
SECTIONS = {
    "leitlinien": {"title": {"de": "Leitlinien", "fr": "Lignes directrices", "en": "Guidelines"},
                   "slug": {"fr": "lignes-directrices", "en": "guidelines"},
                   "stem": {"de": "leitlinie", "fr": "ligne-directrice", "en": "guideline"}},
    "projekte": {"title": {"de": "Projekte", "fr": "Projets", "en": "Projects"},
                 "slug": {"fr": "projets", "en": "projects"},
                 "stem": {"de": "projekt", "fr": "projet", "en": "project"}},
    "kontakte": {"title": {"de": "Kontakte", "fr": "Contacts", "en": "Contacts"},
                 "slug": {"fr": "contacts", "en": "contacts"},
                 "stem": {"de": "kontakt", "fr": "contact", "en": "contact"}},
    "seiten": {"title": {"de": "Seiten", "fr": "Pages", "en": "Pages"},
               "slug": {"fr": "pages", "en": "pages"},
               "stem": {"de": "seite", "fr": "page", "en": "page"}},
}

WORDS = {
    "de": ("Integration Vielfalt Teilhabe Stadtgesellschaft Nachbarschaft Sprachkurs Beratung Verein "
           "Ehrenamt Schule Ausbildung Arbeitsmarkt Begegnung Quartier Verwaltung Elternarbeit Kultur "
           "Gesundheit Wohnen Sport Jugend Senioren Netzwerk Angebot Zugang Dialog Austausch").split(),
    "fr": ("intégration diversité participation société quartier cours de langue conseil association "
           "bénévolat école formation emploi rencontre voisinage administration parents culture santé "
           "logement sport jeunesse seniors réseau offre accès dialogue échange").split(),
    "en": ("integration diversity participation community neighbourhood language course advice club "
           "volunteering school training employment encounter district administration parents culture "
           "health housing sport youth seniors network offer access dialogue exchange").split(),
}
VERBS = {
    "de": ["stärkt", "fördert", "verbindet", "begleitet", "öffnet", "unterstützt"],
    "fr": ["renforce", "favorise", "relie", "accompagne", "ouvre", "soutient"],
    "en": ["strengthens", "promotes", "connects", "supports", "opens", "accompanies"],
}
HEADINGS = {  # (text, id) — the ids links use as anchors
    "goals": {"de": ("Ziele und Maßnahmen", "ziele-und-massnahmen"),
              "fr": ("Objectifs et mesures", "objectifs-et-mesures"),
              "en": ("Goals and measures", "goals-and-measures")},
    "background": {"de": ("Hintergrund", "hintergrund"), "fr": ("Contexte", "contexte"),
                   "en": ("Background", "background")},
    "next": {"de": ("Nächste Schritte", "naechste-schritte"), "fr": ("Prochaines étapes", "prochaines-etapes"),
             "en": ("Next steps", "next-steps")},
}
LINK_TEXT = {"de": ["mehr dazu", "siehe auch", "dort"], "fr": ["en savoir plus", "voir aussi", "ici"],
             "en": ["more on this", "see also", "there"]}
TABLE_HEAD = {"de": "| Jahr | Angebot | Teilnehmende |", "fr": "| Année | Offre | Participants |",
              "en": "| Year | Offer | Participants |"}
QUOTE = {"de": '"gemeinsam"', "fr": "\"ensemble\" et l'avenir", "en": '"together"'}  # straight: typography applies
TITLE = {
    "leitlinien": {"de": "Leitlinie {i}: {w}", "fr": "Ligne directrice {i} : {w}", "en": "Guideline {i}: {w}"},
    "projekte": {"de": "Projekt {w} {i}", "fr": "Projet {w} {i}", "en": "Project {w} {i}"},
    "kontakte": {"de": "Beratungsstelle {i}", "fr": "Service de conseil {i}", "en": "Advice centre {i}"},
    "seiten": {"de": "Seite {i}: {w}", "fr": "Page {i} : {w}", "en": "Page {i}: {w}"},
}


# A made-up city, none of the placeholders `konzept init` writes
# (src/parse/placeholder.rs), so `check` reports none for the corpus.
CITY = {'de': 'Erfundenstadt', 'fr': 'Ville-Inventée', 'en': 'Inventedtown'}


class Corpus:
    def __init__(self, pages):
        rest = max(0, pages - 6)  # home, impressum and four section pages
        self.count = {"leitlinien": max(1, rest // 20), "kontakte": max(1, rest // 10),
                      "projekte": max(1, rest * 45 // 100)}
        self.count["seiten"] = max(1, rest - sum(self.count.values()))

    @staticmethod
    def has(section, i, lang):
        """Whether entry `i` of a section has a file in `lang` (originals always do)."""
        if lang == "de":
            return True
        h = (i * 7 + len(section)) % 20
        return not (h == 7 or (lang == "en" and h in (3, 13)))

    def link(self, rng, lang, here):
        """A relative link from a page in section `here` to a random entry,
        with an anchor the target has in the language the reader sees."""
        section = rng.choice(list(SECTIONS))
        i = rng.randrange(self.count[section])
        path = f"{SECTIONS[section]['stem']['de']}-{i}.md"
        if here == "home":
            path = f"{section}/{path}"
        elif section != here:
            path = f"../{section}/{path}"
        shown = lang if self.has(section, i, lang) else "de"
        if rng.random() < 0.4:
            path += "#" + HEADINGS[rng.choice(["goals", "background", "next"])][shown][1]
        return f"[{rng.choice(LINK_TEXT[lang])}]({path})"

    def sentence(self, rng, lang):
        w = WORDS[lang]
        words = [rng.choice(w) for _ in range(rng.randrange(8, 16))]
        words.insert(2, rng.choice(VERBS[lang]))
        if rng.random() < 0.3:
            words[5] = f"*{words[5]}*"
        if rng.random() < 0.2:
            words[-1] = f"**{words[-1]}**"
        if rng.random() < 0.15:
            words.insert(4, QUOTE[lang])
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, rng, lang, here, links):
        sentences = [self.sentence(rng, lang) for _ in range(rng.randrange(2, 5))]
        for _ in range(links):
            k = rng.randrange(len(sentences))
            sentences[k] = sentences[k][:-1] + f" ({self.link(rng, lang, here)})."
        return " ".join(sentences)

    def body(self, section, i, lang):
        rng = random.Random(f"{section}-{i}-{lang}")
        h = {k: v[lang][0] for k, v in HEADINGS.items()}
        parts = [self.paragraph(rng, lang, section, 1)]
        parts.append(f"## {h['background']}\n\n{self.paragraph(rng, lang, section, 1)}")
        if rng.random() < 0.3:
            parts.append(self.paragraph(rng, lang, section, 0))
        items = "\n".join(f"- {self.sentence(rng, lang)}" for _ in range(rng.randrange(2, 5)))
        parts.append(f"## {h['goals']}\n\n{self.paragraph(rng, lang, section, 1)}\n\n{items}")
        rows = "\n".join(f"| {2008 + k} | {rng.choice(WORDS[lang])} | {rng.randrange(10, 400)} |"
                         for k in range(3))
        parts.append(f"{TABLE_HEAD[lang]}\n|---|---|--:|\n{rows}")
        steps = "\n".join(f"{k}. {self.sentence(rng, lang)}" for k in range(1, 4))
        parts.append(f"### {h['next']}\n\n{steps}\n\n{self.paragraph(rng, lang, section, 1)} "
                     f"[example.org](https://example.org/{section}/{i}) · "
                     f"[E-Mail](mailto:info-{i}@example.org)")
        return "\n\n".join(parts) + "\n"

    def front_matter(self, section, i, lang):
        rng = random.Random(f"fm-{section}-{i}-{lang}")
        w = WORDS[lang]
        title = TITLE[section][lang].format(i=i, w=rng.choice(w).capitalize())
        fm = [f"title: {yaml_str(title)}", f"summary: {yaml_str(self.sentence(rng, lang))}"]
        if lang != "de":
            fm.append(f"slug: {SECTIONS[section]['stem'][lang]}-{i}")
        original = lang == "de"
        if section == "leitlinien":
            if original:
                fm.append(f"ordinal: {i + 1}")
            fm.append("fields_of_action:")
            fm += [f"  - {rng.choice(w).capitalize()}" for _ in range(3)]
        elif section == "projekte":
            fm.append(f"goal: {yaml_str(self.sentence(rng, lang))}")
            fm.append("participants:")
            fm += [f"  - {rng.choice(w).capitalize()}" for _ in range(rng.randrange(1, 4))]
            fm.append(f"costs: {yaml_str(f'{rng.randrange(5, 200) * 1000} EUR')}")
            if original:
                guidelines = sorted({f"leitlinie-{rng.randrange(self.count['leitlinien'])}"
                                     for _ in range(rng.randrange(1, 4))})
                fm.append(f"contact: kontakt-{rng.randrange(self.count['kontakte'])}")
                fm.append(f"guidelines: [{', '.join(guidelines)}]")
                fm.append(f"districts: [Mitte, Burbach, Malstatt]" if i % 2 else "districts: [Dudweiler]")
                fm.append(f"status: {['planned', 'running', 'completed', 'ongoing'][i % 4]}")
                fm.append(f"duration:\n  start: {2008 + i % 15}-{1 + i % 12:02d}\n  ongoing: {str(i % 3 == 0).lower()}")
        elif section == "kontakte":
            fm.append(f"organisation: {yaml_str(CITY[lang])}")
            fm.append(f"city: {yaml_str(CITY[lang])}")
            fm.append(f"opening_hours: {yaml_str(self.sentence(rng, lang))}")
            if original:
                fm.append(f"street: Beispielstraße {i + 1}")
                fm.append('postal_code: "12345"')
                fm.append(f"email: kontakt-{i}@example.org")
                fm.append(f'phone: "+49 1234 {i:05d}"')
                fm.append("languages: [de, fr, en, tr]")
        if i % 5 == 0:
            fm.append(f"updated: 2024-{1 + i % 12:02d}-{1 + i % 28:02d}")
        return "---\n" + "\n".join(fm) + "\n---\n"

    def write(self, target):
        content = os.path.join(target, "content")
        for lang in LANGS:
            suffix = "" if lang == "de" else f".{lang}"
            home = {"de": "Startseite", "fr": "Accueil", "en": "Home"}[lang]
            write(content, f"_index{suffix}.md", f"---\ntitle: {home}\n---\n{self.body('home', 0, lang)}")
            imprint = {"de": "Impressum", "fr": "Mentions légales", "en": "Legal notice"}[lang]
            slug = "" if lang == "de" else f"slug: {imprint.lower().replace(' ', '-').replace('é', 'e')}\n"
            write(content, f"impressum{suffix}.md", f"---\ntitle: {imprint}\n{slug}---\nBeispielseite.\n")
            for section, meta in SECTIONS.items():
                slug = "" if lang == "de" else f"slug: {meta['slug'][lang]}\n"
                weight = "" if lang != "de" else f"weight: {list(SECTIONS).index(section) + 1}\n"
                write(os.path.join(content, section), f"_index{suffix}.md",
                      f"---\ntitle: {meta['title'][lang]}\n{slug}{weight}---\n{self.paragraph(random.Random(section), lang, section, 0)}\n")
        for section, meta in SECTIONS.items():
            for i in range(self.count[section]):
                for lang in LANGS:
                    if not self.has(section, i, lang):
                        continue
                    suffix = "" if lang == "de" else f".{lang}"
                    write(os.path.join(content, section), f"{meta['stem']['de']}-{i}{suffix}.md",
                          self.front_matter(section, i, lang) + self.body(section, i, lang))


def yaml_str(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(directory, name, text):
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), "w", encoding="utf-8") as f:
        f.write(text)


INDICATOR_TITLES = {"de": "Indikator", "fr": "Indicateur", "en": "Indicator"}


def write_indicators(target, count, periods):
    """`count` indicators in all three languages, each with `periods` years
    of made-up data (marked `example: true`), tied to the first guidelines."""
    content = os.path.join(target, "content", "indikatoren")
    titles = {"de": "Indikatoren", "fr": "Indicateurs", "en": "Indicators"}
    for lang in LANGS:
        suffix = "" if lang == "de" else f".{lang}"
        slug = "" if lang == "de" else f"slug: {titles[lang].lower()}\n"
        write(content, f"_index{suffix}.md", f"---\ntitle: {titles[lang]}\n{slug}---\n")
    units = ["percent", "count", "per_1000", "euro"]
    for i in range(count):
        rng = random.Random(f"indicator-{i}")
        for lang in LANGS:
            suffix = "" if lang == "de" else f".{lang}"
            fm = [f"title: {INDICATOR_TITLES[lang]} {i}", f"summary: {yaml_str(INDICATOR_TITLES[lang] + ' ' + str(i))}",
                  f"definition: {yaml_str(Corpus.sentence(None, rng, lang))}", f"source: {yaml_str('Statistik ' + str(i))}"]
            if lang == "de":
                fm += [f"unit: {units[i % len(units)]}", "direction: higher_is_better",
                       f"guidelines: [leitlinie-{i % 2}]", "example: true"]
            write(content, f"indikator-{i}{suffix}.md", "---\n" + "\n".join(fm) + "\n---\n")
        series = ["Mitte", "West", "Ost"] if i % 4 == 3 else [None]
        rows = ["period,district,value" if series[0] else "period,value"]
        for name in series:
            value = rng.uniform(5, 5000)
            for year in range(2025 - periods, 2025):
                value *= rng.uniform(0.95, 1.06)
                cells = [str(year)] + ([name] if name else []) + [f"{value:.1f}"]
                rows.append(",".join(cells))
        write(content, f"indikator-{i}.csv", "\n".join(rows) + "\n")


def git(target, *args, date="2020-01-01T10:00:00+01:00"):
    env = dict(os.environ, GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date,
               GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.org",
               GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.org",
               GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", *args], cwd=target, env=env, check=True, stdout=subprocess.DEVNULL)


def edition_variant(target, k):
    """Edition k's text: one paragraph in ten changed, one page in fifty gone."""
    content = os.path.join(target, "content")
    for n, (directory, _, files) in enumerate(sorted(os.walk(content))):
        for m, name in enumerate(sorted(files)):
            if name.startswith("_index") or not name.endswith(".md"):
                continue
            path = os.path.join(directory, name)
            if (n * 31 + m + k) % 50 == 0 and "-0" not in name and "kontakt" not in name:
                os.remove(path)
                continue
            if (n * 7 + m + k) % 10 == 0:
                with open(path, "a", encoding="utf-8") as f:
                    f.write(f"\nGeändert in Fassung {k} (Beispiel).\n")


def editions_section(target, n, listed_only):
    directory = os.path.join(target, "content", "fortschreibungen")
    write(directory, "_index.md", "---\ntitle: Fortschreibungen\n---\nAlle Fassungen (Beispiel).\n")
    for k in range(1, n + 1):
        if k == n:
            source = "status: current\nsource: current"
        elif listed_only:
            source = "status: superseded\nsource: none"
        else:
            source = f"status: superseded\nsource: git\nrevision: fassung-{k}"
        write(directory, f"fassung-{k}.md",
              f"---\ntitle: Beispielfassung {k}\nadopted: {2000 + k}\n{source}\n---\nFassung {k} (Beispiel).\n")


def main():
    argv = sys.argv[1:]
    indicators, periods = 0, 20
    for flag in ("--indicators", "--periods"):
        if flag in argv:
            at = argv.index(flag)
            value = int(argv[at + 1])
            del argv[at:at + 2]
            if flag == "--indicators":
                indicators = value
            else:
                periods = value
    args = [a for a in argv if not a.startswith("--")]
    flags = [a for a in argv if a.startswith("--")]
    editions, listed_only = 0, "--editions-listed-only" in flags
    if "--editions" in flags or listed_only:
        try:
            editions = int(args.pop())
        except (IndexError, ValueError):
            sys.exit(__doc__.split("\n\n")[1])
    if len(args) != 2:
        sys.exit(__doc__.split("\n\n")[1])
    target, pages = args[0], int(args[1])
    if os.path.exists(target):
        shutil.rmtree(target)
    os.makedirs(target)
    shutil.copytree(os.path.join(REPO, "i18n"), os.path.join(target, "i18n"))
    with open(os.path.join(target, "site.yaml"), "w") as f:
        f.write("# generated by benches/corpus.py\nlanguages: [de, fr, en]\ndefault_language: de\n"
                "missing_translations: fallback\ncontact: kontakt-0\n"
                "menu: [leitlinien, projekte, kontakte, seiten" + (", indikatoren" if indicators else "")
                + "]\nfooter: [impressum]\n")
    if not editions:
        Corpus(pages).write(target)
        if indicators:
            write_indicators(target, indicators, periods)
        return
    git(target, "init", "-q", "-b", "main")
    for k in range(1, editions + 1):
        shutil.rmtree(os.path.join(target, "content"), ignore_errors=True)
        Corpus(pages).write(target)
        if indicators:
            write_indicators(target, indicators, periods)
        if k < editions:
            edition_variant(target, k)
        else:
            editions_section(target, editions, listed_only)
        git(target, "add", "-A")
        date = f"{2000 + k}-06-01T10:00:00+02:00"
        git(target, "commit", "-q", "-m", f"Fassung {k}", date=date)
        git(target, "tag", f"fassung-{k}", date=date)


if __name__ == "__main__":
    main()
