"""The theme's stylesheet, cut to what the built site can use.

Material's and Zensical's `main.css` style every feature either theme has (blog, tabs, annotations,
versions, every colour of the palette, …) and block the first paint of every page until they have
arrived: on a phone over a slow connection that wait is most of the page's. After a build, each
theme stylesheet the pages link is rewritten without the rules that cannot apply to any element
of the site: a rule goes when each selector it has names a class, id or attribute value that no
page's markup and no script of the site has. What scripts build from a prefix
(`md-source__fact--${kind}`) keeps every class of that prefix. The trimmed file gets a name of its
own, so a reader's cached copy of another build's cut is never taken for it.

Selector parts inside `:not()`, `:is()`, `:where()` and `:has()` are never read, so a rule is only
dropped for what its selector requires outright: the cut may keep more than it needs, never less.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2
from tinycss2 import ast

# Where both themes put their stylesheets, in each language's folder of the built site.
THEME_STYLES = "assets/stylesheets/"
# A stylesheet link in a page, however the engine quotes and orders its attributes.
_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_ELSEWHERE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")  # another site's: left alone
_STYLESHEET = re.compile(r"""\brel\s*=\s*["']?stylesheet\b""", re.IGNORECASE)
# A page's markup: its tags (the words between them are a reader's, not the markup's) and its
# inline scripts (which may build markup).
_TAG = re.compile(r"<[A-Za-z][^>]*>")
_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL)
_NAME = re.compile(r"-?[A-Za-z_][A-Za-z0-9_-]*")
# The start of a class a script builds from a string and more: `md-foo--${x}`, "md-foo--"+x
_PREFIX = re.compile(r"""([A-Za-z_][A-Za-z0-9_-]{3,})(?:\$\{|["'`]\s*\+)""")
# Scripts of the search index hold the pages' words, not markup.
_NOT_SCRIPTS = ("pagefind",)
# At-rules that hold rules, to be cut like the sheet; any other (font faces, keyframes, …) stays.
_GROUPS = frozenset({"media", "supports", "layer", "container", "scope", "document"})


@dataclass
class Usage:
    """What a site's markup and scripts can put on an element: names and name prefixes."""

    names: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)

    def add_markup(self, html: str) -> None:
        for script in _SCRIPT.findall(html):
            self.add_script(script)
        for tag in _TAG.findall(html):
            self.names.update(_NAME.findall(tag))

    def add_script(self, text: str) -> None:
        self.names.update(_NAME.findall(text))
        self.prefixes.update(_PREFIX.findall(text))

    def has(self, name: str) -> bool:
        return name in self.names or any(name.startswith(prefix) for prefix in self.prefixes)


def trim(css: str, usage: Usage) -> str:
    """`css` without the rules no element of a site with this `usage` can match."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    if _has_errors(rules):
        return css  # what cannot be read whole is not cut: a rule read wrong could be lost
    kept = _cut(rules, usage)
    _as_written(kept, css, _line_starts(css))
    return tinycss2.serialize(kept)


def _has_errors(nodes: Iterable[ast.Node]) -> bool:
    for node in nodes:
        if isinstance(node, ast.ParseError):
            return True
        for child in ("prelude", "content", "arguments"):
            inner = getattr(node, child, None)
            if isinstance(inner, list) and _has_errors(inner):
                return True
    return False


def _line_starts(css: str) -> list[int]:
    return [0] + [index + 1 for index, char in enumerate(css) if char == "\n"]


def _as_written(nodes: Iterable[ast.Node], css: str, lines: list[int]) -> None:
    """Give each string back its escapes as written: tinycss2 writes `\\3c ` as `<`, which
    changes the text of a custom property (and `<!--` in a stylesheet is best left escaped)."""
    for node in nodes:
        if isinstance(node, ast.StringToken):
            start = lines[node.source_line - 1] + node.source_column - 1
            end = _string_end(css, start)
            if end is not None:
                node.representation = css[start:end]
        for child in ("prelude", "content", "arguments"):
            inner = getattr(node, child, None)
            if isinstance(inner, list):
                _as_written(inner, css, lines)


def _string_end(css: str, start: int) -> int | None:
    """Where the string that starts at `start` (on its quote) ends, just after its last quote."""
    if start >= len(css) or css[start] not in "\"'":
        return None
    index = start + 1
    while index < len(css):
        if css[index] == "\\":
            index += 2
        elif css[index] == css[start]:
            return index + 1
        elif css[index] == "\n":
            return None
        else:
            index += 1
    return None


def _cut(rules: Iterable[ast.Node], usage: Usage) -> list[ast.Node]:
    kept: list[ast.Node] = []
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            selectors = [s for s in _selectors(rule.prelude) if _may_match(s, usage)]
            if not selectors:
                continue
            rule.prelude = _join(selectors)
        elif isinstance(rule, ast.AtRule) and rule.lower_at_keyword in _GROUPS and rule.content:
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            content = _cut(inner, usage)
            if not content:
                continue
            rule.content = content
        kept.append(rule)
    return kept


def _selectors(prelude: list[ast.Node]) -> Iterator[list[ast.Node]]:
    """The selectors of a comma-separated list, each as its tokens."""
    current: list[ast.Node] = []
    for token in prelude:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            yield current
            current = []
        else:
            current.append(token)
    yield current


def _join(selectors: list[list[ast.Node]]) -> list[ast.Node]:
    joined: list[ast.Node] = []
    for index, selector in enumerate(selectors):
        if index:
            joined.append(ast.LiteralToken(0, 0, ","))
        joined.extend(_strip(selector))
    return joined


def _strip(tokens: list[ast.Node]) -> list[ast.Node]:
    start, end = 0, len(tokens)
    while start < end and isinstance(tokens[start], ast.WhitespaceToken):
        start += 1
    while end > start and isinstance(tokens[end - 1], ast.WhitespaceToken):
        end -= 1
    return tokens[start:end]


def _may_match(selector: list[ast.Node], usage: Usage) -> bool:
    """False when `selector` names outright a class, id or attribute the site never has."""
    for index, token in enumerate(selector):
        following = selector[index + 1] if index + 1 < len(selector) else None
        if (
            isinstance(token, ast.LiteralToken)
            and token.value == "."
            and isinstance(following, ast.IdentToken)
            and not usage.has(following.value)
        ):
            return False
        if isinstance(token, ast.HashToken) and token.is_identifier and not usage.has(token.value):
            return False
        if isinstance(token, ast.SquareBracketsBlock) and not _attribute_used(token, usage):
            return False
    return True


def _attribute_used(block: ast.SquareBracketsBlock, usage: Usage) -> bool:
    """Whether the site has the attribute `[name]` or `[name=value]` asks for (other matches, such
    as `^=` or `*=`, only by name)."""
    parts = [token for token in block.content if not isinstance(token, ast.WhitespaceToken)]
    if not parts or not isinstance(parts[0], ast.IdentToken):
        return True
    if not usage.has(parts[0].value):
        return False
    exact = len(parts) >= 3 and isinstance(parts[1], ast.LiteralToken) and parts[1].value == "="
    if exact and isinstance(parts[2], ast.IdentToken | ast.StringToken):
        value = parts[2].value
        return not _NAME.fullmatch(value) or usage.has(value)
    return True


@dataclass(frozen=True)
class Trimmed:
    """A theme stylesheet as the pages linked it and as they link it now, with both sizes."""

    before: str  # its path under a language's folder, e.g. assets/stylesheets/main.57a0d79d.min.css
    after: str
    bytes_before: int
    bytes_after: int


def site_usage(site_dir: Path, pages: dict[Path, str] | None = None) -> Usage:
    """The names every page's markup and every script of the built site at `site_dir` uses
    (`pages`: the pages' text where it has been read already)."""
    pages = pages or {}
    usage = Usage()
    for path in sorted(site_dir.rglob("*")):
        if not path.is_file() or any(part in _NOT_SCRIPTS for part in path.parts):
            continue
        if path.suffix == ".html":
            text = pages.get(path)
            usage.add_markup(text if text is not None else _read(path))
        elif path.suffix in (".js", ".mjs"):
            usage.add_script(_read(path))
    return usage


def trim_site(site_dir: Path) -> list[Trimmed]:
    """Trim every theme stylesheet the pages of the built site at `site_dir` link, in place: the
    cut is written beside the original under a name of its own, the pages link it, and the
    original goes. Each language's copy of a stylesheet is cut the same, for the whole site."""
    pages = {page: _read(page) for page in sorted(site_dir.rglob("*.html"))}
    linked: dict[str, list[Path]] = {}
    for page, text in pages.items():
        for href in _theme_links(text):
            linked.setdefault(href[href.index(THEME_STYLES) :], []).append(page)
    if not linked:
        return []
    usage = site_usage(site_dir, pages)
    done: list[Trimmed] = []
    renamed: dict[str, str] = {}
    for before in sorted(linked):
        copies = [path for path in site_dir.rglob(Path(before).name) if _is_copy(path, before)]
        if not copies:
            continue
        original = copies[0].read_text(encoding="utf-8")
        cut = trim(original, usage)
        after = _renamed(before, cut)
        for copy in copies:
            copy.with_name(Path(after).name).write_text(cut, encoding="utf-8")
            copy.unlink()
            copy.with_name(copy.name + ".map").unlink(missing_ok=True)
        renamed[before] = after
        done.append(Trimmed(before, after, len(original.encode()), len(cut.encode())))
    for page in {page for before in renamed for page in linked[before]}:
        text = page.read_text(encoding="utf-8")  # as written: the text above may have U+FFFD
        for before, after in renamed.items():
            text = text.replace(before, after)
        page.write_text(text, encoding="utf-8")
    return done


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def _theme_links(html: str) -> Iterator[str]:
    for link in _LINK.findall(html):
        if not _STYLESHEET.search(link):
            continue
        found = _HREF.search(link)
        href = next((group for group in found.groups() if group), "") if found else ""
        if THEME_STYLES in href and not _ELSEWHERE.match(href):
            yield href.split("?")[0].split("#")[0]


def _is_copy(path: Path, before: str) -> bool:
    return path.as_posix().endswith("/" + before)


def _renamed(before: str, cut: str) -> str:
    """`main.57a0d79d.min.css` → `main.<hash of the cut>.min.css` (any name: its stem + hash)."""
    digest = hashlib.sha256(cut.encode()).hexdigest()[:8]
    folder, _, name = before.rpartition("/")
    stem = name.split(".")[0]
    return f"{folder}/{stem}.{digest}.min.css"
