"""Links by id in editor text (`[](guide:id)`, see format/links.py) made into the site's links.

Each link becomes a link to its target's page in the page's language, relative to the page it
is on, as the site plan places both; an empty link text becomes the target's current title.
Where text is shown as plain words (titles, the flow map), a link is its words alone. Editor
text without links is returned as it is, so most text costs nothing here.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.format.links import SCHEME, find, place_of
from generator.format.model import Place, Text

if TYPE_CHECKING:
    from generator.site.plan import SitePlan

# What inline Markdown would read as markup in a title put in as a link's words.
_MARKUP = re.compile(r"([\\`*_\[\]])")


def resolve(
    plan: SitePlan,
    source: str,
    language: str,
    flow_id: str | None,
    here: str | None,
) -> str:
    """`source`, editor text of `language` written in flow `flow_id` (None: a hand-written
    page), with its links by id made links from the page at `here` (a path in the language's
    docs tree); with `here` None, each link made its words alone, for plain text.

    A link to nothing there is keeps its words (its target, when it has none) and no address:
    the checker reports it.
    """
    return _resolve(plan, source, language, flow_id, here, ())


def _resolve(
    plan: SitePlan,
    source: str,
    language: str,
    flow_id: str | None,
    here: str | None,
    seen: tuple[Place, ...],
) -> str:
    if SCHEME not in source:
        return source
    parts = []
    end = 0
    for link in find(source):
        parts.append(source[end : link.start])
        end = link.end
        place = place_of(plan.document, link.target, flow_id)
        words = link.text
        if not words.strip():
            words = _title(plan, place, language, seen) if place is not None else link.target
            words = _MARKUP.sub(r"\\\1", words)
        if here is None:
            parts.append(words)
        elif place is None:
            parts.append(f"[{words}]({SCHEME}{link.target})")
        else:
            target = plan.place_page(language, place).src_uri
            parts.append(f"[{words}]({plan.link(here, target)})")
    parts.append(source[end:])
    return "".join(parts)


def _title(plan: SitePlan, place: Place, language: str, seen: tuple[Place, ...]) -> str:
    """The title of the flow or node at `place` as plain words, its own links resolved (a title
    that links back to one already being spelt out shows that one's id)."""
    flow = plan.document.flows[place[0]]
    if place in seen:
        return place[1] or flow.id
    text = title_text(plan, place)
    source = _resolve(plan, text.get(language), language, flow.id, None, (*seen, place))
    return plan.text.plain(source)


def title_text(plan: SitePlan, place: Place) -> Text:
    """The text that titles the page of `place`: a flow's or guide's title, a question's text."""
    flow = plan.document.flows[place[0]]
    node_id = place[1]
    if node_id is None:
        return flow.title
    question = flow.questions.get(node_id)
    return question.text if question is not None else flow.outcomes[node_id].title
