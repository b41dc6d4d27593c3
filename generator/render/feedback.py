"""The feedback link of a guide: a site's URL template filled with the guide's details.

A template is an absolute `http:`, `https:` or `mailto:` address with placeholders, e.g.
`mailto:tim@example.org?subject=Panduan%20{id}&body={url}`. Each value is percent-encoded as a
URL component: every character but RFC 3986's unreserved ones (`A-Z a-z 0-9 - . _ ~`) becomes
`%XX` of its UTF-8 bytes, so a title cannot end a query value (`&`, `#`), start a new part of
the address or change its scheme, whether it stands in the path, the query or the fragment.
"""

from __future__ import annotations

import difflib
import re
import urllib.parse

# The placeholders a template may use, with what each stands for (for messages and docs).
PLACEHOLDERS = {
    "id": "the guide's id in flows.yaml",
    "title": "the guide's title, as plain text",
    "language": "the page's language code",
    "reviewed": "the guide's review date (YYYY-MM-DD), empty when it has none",
    "url": "the guide page's full address",
}
SCHEMES = ("https", "http", "mailto")

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_BRACE = re.compile(r"\{([^{}]*)\}|[{}]")
# Anything a browser would drop or stop at inside an address.
_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\s]")


class TemplateError(ValueError):
    """A feedback template that cannot be used; `problems` holds one message per mistake."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def template_problems(template: str) -> list[str]:
    """Every mistake in `template`, each a message with an indented hint; empty when it is fine."""
    listed = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    if not template.strip():
        return ["the template is empty\n  hint: give an https:// or mailto: address"]
    problems: list[str] = []
    if _UNSAFE.search(template):
        problems.append(
            "the template contains a space or a control character\n"
            "  hint: write a space as %20, and keep the address on one line"
        )
    scheme = _SCHEME.match(template)
    if scheme is None or scheme.group(1).lower() not in SCHEMES:
        what = f"'s scheme '{scheme.group(1)}:' is not allowed" if scheme else " has no scheme"
        problems.append(
            f"the template{what}: a feedback link must be an https:, http: or mailto: "
            "address\n  hint: e.g. https://example.org/form?guide={id} or "
            "mailto:team@example.org?subject={title}"
        )
    else:
        rest = template[scheme.end() :]
        if scheme.group(1).lower() in ("http", "https"):
            authority = rest[2:].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
            if not rest.startswith("//") or not authority:
                problems.append(
                    f"the template has no host after '{scheme.group(1)}:'\n"
                    f"  hint: write the whole address, e.g. {scheme.group(1)}://example.org/form"
                )
            elif "{" in authority or "}" in authority:
                problems.append(
                    "the template has a placeholder in its host; placeholders may stand only "
                    "in the path, the query or the fragment\n"
                    "  hint: write the host out, e.g. https://example.org/form?guide={id}"
                )
    return problems + _brace_problems(template, listed)


def _brace_problems(template: str, listed: str) -> list[str]:
    problems: list[str] = []
    for match in _BRACE.finditer(template):
        name = match.group(1)
        if name is None:
            problems.append(
                f"the template has a '{match.group()}' that is not part of a placeholder\n"
                f"  hint: placeholders are {listed}; write a brace itself as %7B or %7D"
            )
        elif name not in PLACEHOLDERS:
            close = difflib.get_close_matches(name, PLACEHOLDERS, n=1)
            hint = f"did you mean '{{{close[0]}}}'? " if close else ""
            problems.append(
                f"the template has an unknown placeholder '{match.group()}'\n"
                f"  hint: {hint}the placeholders are {listed}"
            )
    return problems


def check_template(template: str) -> str:
    """`template` itself when it can be used, else TemplateError with every mistake in it."""
    problems = template_problems(template)
    if problems:
        raise TemplateError(problems)
    return template


def feedback_url(
    template: str,
    *,
    id: str,
    title: str,
    language: str,
    reviewed: str,
    url: str,
) -> str:
    """`template` with each placeholder replaced by its value, percent-encoded.

    The result still needs HTML escaping (its `&`s) where it goes into an attribute.
    """
    check_template(template)
    values = {"id": id, "title": title, "language": language, "reviewed": reviewed, "url": url}
    return _BRACE.sub(lambda match: urllib.parse.quote(values[match.group(1)], safe=""), template)
