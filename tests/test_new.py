"""`flows new`: a new site in the languages asked for, that checks clean and builds strictly on
both engines at once; a folder that is not empty and an unknown language are coded problems."""

from __future__ import annotations

import datetime as dt
import html
import json
from importlib.metadata import entry_points

import pytest
import yaml
from helpers import foreign_words, run_cli

from generator.site.search import STEMMED
from generator.site.words import load_tables
from generator.starter import TEXTS, starter_languages


def test_flows_is_a_console_script_of_the_same_commands() -> None:
    (script,) = [e for e in entry_points(group="console_scripts") if e.name == "flows"]
    assert script.value == "generator.cli:run"


def test_every_language_with_interface_words_has_starter_texts_with_every_key():
    english = yaml.safe_load((TEXTS / "en.yaml").read_text(encoding="utf-8"))
    assert starter_languages() == tuple(sorted(load_tables().words))
    for language in starter_languages():
        texts = yaml.safe_load((TEXTS / f"{language}.yaml").read_text(encoding="utf-8"))
        assert set(texts) == set(english), language
        assert len(texts["flow_keywords"]) == len(english["flow_keywords"]), language
        assert all(texts[key] for key in english), language


# Both engines for a few, whose languages differ most in their script and their plural rules.
@pytest.mark.parametrize("languages", ["id,en", "en,id", "en", "th,vi"])
def test_a_new_site_checks_clean_and_builds_strictly_on_both_engines(tmp_path, languages):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    code, out, err = run_cli(
        "new", "site-baru", "--languages", languages, "--lang", "en", cwd=tmp_path
    )
    assert (code, err) == (0, notices(languages.split(","), "site-baru"))
    first = languages.split(",")[0]
    assert out.startswith(f"site-baru: wrote a new site in {languages.replace(',', ', ')} (")
    site = tmp_path / "site-baru"
    assert {".gitignore", "README.md", "mkdocs.yml", "flows.yaml", "docs"} <= {
        path.name for path in site.iterdir()
    }
    assert ".flows-build/" in (site / ".gitignore").read_text(encoding="utf-8")
    code, out, err = run_cli("check", "--lang", "en", cwd=site)
    assert code == 0 and err == "" and out.startswith("flows.yaml: ok: 1 flow, 2 questions, 3 ")
    build(load_config(str(site / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "mkdocs")))
    home = (tmp_path / "mkdocs" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{first}"' in home
    assert "return-item/return-damaged/" in home  # the generated list of guides
    code, out, err = run_cli("build", "--engine", "zensical", "--strict", "--lang", "en", cwd=site)
    assert code == 0, err
    for other in languages.split(",")[1:]:
        assert (site / "site" / other / "return-item" / "waiting" / "index.html").is_file()


def notices(languages: list[str], folder: str) -> str:
    """What `new` says of the languages whose words the site search keeps as written."""
    return "".join(
        f"{folder}: warning FL040: the site search finds words of the language '{language}' "
        f"({load_tables()[language]['language_name']}) only as they are written: Pagefind has "
        "no stemmer for it\n  hint: search still works; where readers may type another form of "
        "a word (a root, a plural, a prefixed form), add that form to the flow's or guide's "
        "keywords\n"
        for language in languages
        if language in ("vi", "th", "ms", "tl")
    )


def test_languages_without_stems_are_said_once_by_new_and_by_each_build(tmp_path):
    code, out, err = run_cli("new", "baru", "--languages", "id,th", "--lang", "id", cwd=tmp_path)
    assert code == 0 and out.startswith("baru: situs baru ditulis dalam id, th (")
    assert err.count("FL040") == 1 and err.startswith("baru: warning FL040: ")
    assert "bahasa 'th' (ไทย)" in err and "'id'" not in err
    code, _, err = run_cli("build", "--engine", "zensical", "--lang", "en", cwd=tmp_path / "baru")
    assert code == 0 and err.count("warning FL040") == 1 and "language 'th'" in err
    code, _, err = run_cli(
        "new", "lain", "--languages", "id,en,es,pt", "--lang", "en", cwd=tmp_path
    )
    assert (code, err) == (0, "")


def test_a_folder_that_is_not_empty_is_left_alone(tmp_path):
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    code, out, err = run_cli("new", ".", "--languages", "id", "--lang", "en", cwd=tmp_path)
    assert code == 2 and out == ""
    assert err == (
        ".: error FL021: '.' is not empty: a new site goes into a new or empty folder\n"
        "  hint: name a folder that does not exist yet; nothing was written\n"
    )
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_a_language_without_words_names_the_languages_there_are(tmp_path):
    code, _, err = run_cli("new", "baru", "--languages", "id,xx", "--lang", "id", cwd=tmp_path)
    assert code == 2
    listed = ", ".join(starter_languages())
    assert err.startswith(
        "baru: error FL022: belum ada kata-kata antarmuka untuk bahasa 'xx'\n"
        f"  saran: bahasa yang bisa dipakai untuk situs baru: {listed}; "
    )
    assert not (tmp_path / "baru").exists()


@pytest.mark.parametrize("language", starter_languages())
def test_a_new_site_in_each_language_builds_strictly_in_its_own_words(tmp_path, language):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    code, _, err = run_cli("new", "site", "--languages", language, "--lang", "en", cwd=tmp_path)
    assert (code, err) == (0, notices([language], "site"))
    site = tmp_path / "site"
    code, out, err = run_cli("check", "--lang", "en", cwd=site)
    assert (code, err) == (0, ""), out
    built = tmp_path / "built"
    build(load_config(str(site / "mkdocs.yml"), strict=True, site_dir=str(built)))
    words = load_tables()[language]
    guide = (built / "return-item" / "waiting" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}"' in guide
    # The review date as CLDR writes the language's long date.
    assert f">{words.date(dt.date.today())}</time>" in guide
    assert words["steps"] in guide
    # A note links another guide by its id: that guide's title, in the site's language.
    texts = yaml.safe_load((TEXTS / f"{language}.yaml").read_text(encoding="utf-8"))
    unwanted = (built / "return-item" / "return-unwanted" / "index.html").read_text("utf-8")
    title = html.escape(texts["outcome_damaged_title"], quote=False)
    assert f'<a href="../return-damaged/">{title}</a>' in unwanted
    guides = built / words["all_guides_slug"] / "index.html"
    intro = words.format(
        "all_guides_intro",
        guides=words.format("count_guides", n=3),
        flows=words.format("count_flows", n=1),
    )
    assert f"<p>{html.escape(intro, quote=False)}</p>" in guides.read_text(encoding="utf-8")
    # Search works in every language: Pagefind indexes its pages, stemmed exactly where FL040
    # says it is (a language without a stemmer gets Pagefind's plain word index).
    entry = json.loads((built / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = entry["languages"][language]
    assert indexed["page_count"] >= 5
    assert (indexed["wasm"] is not None) == (language in STEMMED), indexed
    assert (built / "pagefind" / "wasm.unknown.pagefind").is_file()
    # No word of another language on any page, the theme's own (footer, 404 page) included, on
    # both engines.
    code, _, err = run_cli("build", "--engine", "zensical", "--strict", "--lang", "en", cwd=site)
    assert code == 0, err
    pages = [*built.rglob("*.html"), *(site / "site").rglob("*.html")]
    assert len(pages) > 20 and any(page.name == "404.html" for page in site.rglob("*.html"))
    for page in pages:
        english = foreign_words(page.read_text(encoding="utf-8"), words, load_tables()["en"])
        assert language == "en" or english == [], (page, english)
    not_found = (site / "site" / "404.html").read_text(encoding="utf-8")
    assert f"<h1>{html.escape(words['not_found_title'], quote=False)}</h1>" in not_found
