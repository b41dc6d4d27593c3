"""The site plan as plain files: a docs tree and a config fragment per language, no engine needed.

A plain MkDocs (or another engine) builds these unchanged into the same pages as the plugin.
"""

from __future__ import annotations

import copy
import gzip
import json
import os
import re
import shutil
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.engines import navview
from generator.format.model import Document
from generator.format.problems import Problem
from generator.render.renderer import Renderer, content_lists
from generator.site.content import scan_content
from generator.site.meta import DESCRIPTION_KEY, HEAD_KEY, Heads
from generator.site.plan import ASSETS_URL, HOME, SitePlan
from generator.site.search import BUNDLE as SEARCH_BUNDLE
from generator.site.search import search_words
from generator.site.words import Words

# Our overrides of the theme's templates: the language selector and the hreflang links.
THEME = Path(__file__).parent / "theme"
THEME_URL = "overrides"  # where an export puts them, beside the docs tree
CONFIG_NAME = "flows.yml"
_SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
# The hook that gives each page its view of the nav, as the plugin does (engines/navview.py).
NAV_HOOK = "flows_nav.py"


class ContentProblems(Exception):
    """Hand-written pages whose generated lists cannot be made; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem(s) in hand-written pages")
        self.problems = problems


@dataclass(frozen=True, slots=True)
class LanguageSite:
    """One language of an exported site: its docs tree and the config that builds it.

    `prefix` is where it is published from the site's root ("" or e.g. "en/"); `config` holds
    the mkdocs.yml keys of this language (nav, extra_css, extra_javascript, theme, extra).
    """

    language: str
    prefix: str
    docs_dir: Path
    config: dict[str, Any]


def language_config(plan: SitePlan, language: str, palette: Any = None) -> dict[str, Any]:
    """The mkdocs.yml keys that make one language's site: nav, assets, theme, alternates.

    `palette` is the site's `theme.palette`; its toggles are named in the language's words.
    """
    words = plan.words[language]
    theme: dict[str, Any] = {"language": language}
    if palette:
        theme["palette"] = named_palette(palette, words)
    alternate = []
    for other in plan.languages:
        # Relative to this language's root, as Material's `url` filter expects.
        link = _relative_root(plan.prefix(language), plan.prefix(other))
        alternate.append({"name": plan.words[other]["language_name"], "link": link, "lang": other})
    config: dict[str, Any] = {
        "nav": [item.config() for item in plan.nav(language)],
        "extra_css": plan.asset_urls(".css"),
        "extra_javascript": plan.asset_urls(".js"),
        "theme": theme,
    }
    # The search box (generator/site/search.py's index sits at the site's root, above a language's).
    up = "../" * plan.prefix(language).count("/")
    extra: dict[str, Any] = {
        "flows_search": {"words": search_words(words.words), "bundle": f"{up}{SEARCH_BUNDLE}/"},
        "flows_theme": theme_words(words),
    }
    if len(plan.languages) > 1:
        extra["alternate"] = alternate
    config["extra"] = extra
    return config


def theme_words(words: Words) -> dict[str, Any]:
    """The words of the theme's own pieces that Material and Zensical write in English whatever
    the language: the footer's "Made with …" (split around the engine's name, which the template
    links) and the 404 page (theme/404.html, theme/partials/copyright.html)."""
    before, _, after = words["made_with"].partition("{engine}")
    return {
        "made_with": [before, after],
        **{key: words[key] for key in ("not_found_title", "not_found_text", "not_found_home")},
    }


def named_palette(palette: Any, words: Words) -> Any:
    """The site's palette with its toggle names in `words`' language."""
    entries = palette if isinstance(palette, list) else [palette]
    named = []
    for entry in entries:
        entry = dict(entry)
        toggle = entry.get("toggle")
        if isinstance(toggle, Mapping):
            dark = entry.get("scheme") == "slate"
            key = "switch_to_light" if dark else "switch_to_dark"
            entry["toggle"] = {**toggle, "name": words[key]}
        named.append(entry)
    return named if isinstance(palette, list) else named[0]


def export_site(
    document: Document,
    out_dir: str | os.PathLike[str],
    *,
    words: Mapping[str, Words],
    content_dir: str | os.PathLike[str] | None = None,
    templates: str | None = None,
    site_url: str | None = None,
    directory_urls: bool = True,
    palette: Any = None,
    site_name: str = "",
    site_names: Mapping[str, str] | None = None,
    feedback: str | None = None,
    share_image: Path | None = None,
) -> list[LanguageSite]:
    """Write each language of the site under `out_dir/<language>/`: `docs/` and `flows.yml`.

    `docs/` holds the language's hand-written pages (copied from `content_dir`), the generated
    pages, the pages at old addresses (`moved:`) and our assets; `overrides/` our theme
    templates; `flows.yml` the config fragment.
    `site_name` is the site's name, `site_names` its name in other languages (the plugin's
    `site_name` option), `feedback` the feedback links' URL template, `share_image` the picture
    of link previews. Files already there are
    replaced; nothing else is removed. Raises ContentProblems, before writing anything, when
    a hand-written page asks for a generated list that cannot be made.
    """
    content = scan_content(content_dir, document.languages)
    plan = SitePlan(
        document,
        words,
        content,
        site_url=site_url,
        directory_urls=directory_urls,
        share_image=share_image,
    )
    written: dict[str, list[tuple[str, str]]] = {}
    homes: dict[str, str] = {}
    problems: list[Problem] = []
    for language in plan.languages:
        source = Path(content_dir) if content_dir is not None else None
        if source is not None:
            source = source / plan.prefix(language)
        written[language] = []
        heads = Heads(plan, language, (site_names or {}).get(language, site_name))
        for page in content.get(language, ()):
            assert source is not None
            path = source / page.src_uri
            original = path.read_text(encoding="utf-8")
            if page.src_uri == HOME:
                homes[language] = original
            # The same lists the plugin makes, so both build the same pages.
            text, found = content_lists(original, plan, language, page.src_uri, path.as_posix())
            problems += found
            alternates = plan.alternates_meta(language, page.src_uri)
            text = with_meta(text, "alternates", alternates)
            # The same description, link preview and structured data as the plugin gives it.
            description, head = heads.written(page.src_uri, original)
            if not _front_matter_has(original, DESCRIPTION_KEY):
                text = with_meta(text, DESCRIPTION_KEY, description)
            written[language].append((page.src_uri, with_meta(text, HEAD_KEY, head.meta())))
    if problems:
        raise ContentProblems(problems)
    sites = []
    for language in plan.languages:
        base = Path(out_dir) / language
        docs = base / "docs"
        for src_uri, text in written[language]:
            _write(docs / src_uri, text)
        name = (site_names or {}).get(language, site_name)
        renderer = Renderer(plan, language, templates=templates, site_name=name, feedback=feedback)
        for page in renderer.pages():
            _write(docs / page.src_uri, page.text)
        for moved in renderer.redirects():
            _write(docs / moved.src_uri, moved.text)
        for asset, uri in plan.assets():
            _copy(asset, docs / uri)
        for template in sorted(THEME.rglob("*.html")):
            _copy(template, base / THEME_URL / template.relative_to(THEME))
        config = language_config(plan, language, palette)
        config["theme"]["custom_dir"] = THEME_URL
        # What pages of no content (the 404 page) say about the site.
        heads = Heads(plan, language, name)
        config["extra"][HEAD_KEY] = {"description": heads.home_description(homes.get(language))}
        _write_nav_views(plan, language, base)
        config["hooks"] = [NAV_HOOK]
        if name:
            config["site_name"] = name
        _write(base / CONFIG_NAME, _yaml(config))
        sites.append(LanguageSite(language, plan.prefix(language), docs, config))
    return sites


def export(
    document: Document,
    directory: str | os.PathLike[str],
    *,
    words: Mapping[str, Words],
    templates: str | None = None,
    directory_urls: bool = True,
) -> list[str]:
    """Write the generated pages and assets of the default language alone under `directory`.

    Returns the paths written, relative to `directory` with '/' separators. For benchmarks and
    reviews of one language; `export_site` writes a whole site.
    """
    plan = SitePlan(document, words, directory_urls=directory_urls)
    root = Path(directory)
    written = []
    renderer = Renderer(plan, plan.default, templates=templates)
    for page in [*renderer.pages(), *renderer.redirects()]:
        _write(root / page.src_uri, page.text)
        written.append(page.src_uri)
    for asset, uri in plan.assets():
        _copy(asset, root / uri)
        written.append(uri)
    return written


def _write_nav_views(plan: SitePlan, language: str, base: Path) -> None:
    """The nav hook and the plan's views for it: what each page's sidebar shows."""
    views = {
        scope: [item.config() for item in items]
        for scope, items in plan.nav_views(language).items()
    }
    data = {"views": views, "scopes": plan.nav_scopes(language)}
    _copy(Path(navview.__file__), base / NAV_HOOK)
    hook_data = (base / NAV_HOOK).with_suffix(navview.DATA_SUFFIX)
    _write(hook_data, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def with_meta(text: str, key: str, value: Any) -> str:
    """A Markdown page with `key: value` added to its front matter (made if it has none).

    Nothing changes when `value` is empty.
    """
    if not value:
        return text
    line = f"{key}: {json.dumps(value, ensure_ascii=False)}\n"
    if text.startswith("---\n"):
        end = text.find("\n---", 3)
        if end > 0:
            return text[: end + 1] + line + text[end + 1 :]
    return f"---\n{line}---\n{text}"


def _front_matter_has(text: str, key: str) -> bool:
    """Whether a Markdown page's front matter sets `key` at its top level."""
    if not text.startswith("---\n"):
        return False
    end = text.find("\n---", 3)
    return end > 0 and re.search(rf"^{re.escape(key)}\s*:", text[4 : end + 1], re.M) is not None


def merge_sitemaps(site_dir: Path, prefixes: list[str]) -> None:
    """Add the pages of each language's sitemap (`<site>/<prefix>sitemap.xml`) to the root's.

    For every engine's build of several languages. Each language keeps its own too: Material's
    instant navigation reads the one of its root.
    """
    root_map = site_dir / "sitemap.xml"
    if not root_map.is_file():
        return
    etree.register_namespace("", _SITEMAP)
    tree = etree.parse(root_map)
    urlset = tree.getroot()
    for prefix in prefixes:
        other = site_dir / prefix / "sitemap.xml"
        if other.is_file():
            urlset.extend(copy.deepcopy(list(etree.parse(other).getroot())))
    tree.write(root_map, encoding="utf-8", xml_declaration=True)
    gz = site_dir / "sitemap.xml.gz"
    if gz.is_file():
        # No file name or time in the header: the same site gives the same bytes.
        gz.write_bytes(gzip.compress(root_map.read_bytes(), mtime=0))


def _relative_root(from_prefix: str, to_prefix: str) -> str:
    up = "../" * from_prefix.count("/")
    return up + to_prefix if up + to_prefix else "./"


def _write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    # Bytes, so the files are the same on every platform (no CRLF on Windows).
    target.write_bytes(text.encode("utf-8"))


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _yaml(config: Mapping[str, Any]) -> str:
    import yaml

    return yaml.safe_dump(dict(config), allow_unicode=True, sort_keys=False)


__all__ = [
    "ASSETS_URL",
    "ContentProblems",
    "LanguageSite",
    "export",
    "export_site",
    "language_config",
]
