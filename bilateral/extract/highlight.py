"""The article text as safe Markdown with actor mentions and evidence highlighted.

Article text is untrusted: every character that Markdown or HTML could read as markup is escaped,
and only our own `:color-background[...]` directives are added, so nothing in the text can become a
link, an image, HTML or a directive.
"""

from __future__ import annotations

import re

from bilateral.extract.pipeline import Extraction

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$&=^\"'])")
STYLES = {"actor": "blue", "evidence": "orange", "person": "gray", "attribution": "gray", "pair": "violet"}


def escape_markdown(text: str) -> str:
    """Text with every Markdown/HTML special character backslash-escaped; newlines kept as line breaks."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def spans(result: Extraction) -> list[tuple[int, int, str]]:
    """(start, end, kind) to highlight: mentions win over the evidence sentences that contain them."""
    marks = [(m.start, m.end, "pair" if m.how == "pair" else m.role) for m in result.mentions]
    marks = [(s, e, k if k in STYLES else "person") for s, e, k in marks]
    for c in result.interactions:
        cursor = c.start
        for s, e, _ in sorted(m for m in marks if c.start <= m[0] < c.end):
            if s > cursor:
                marks.append((cursor, s, "evidence"))
            cursor = max(cursor, e)
        if cursor < c.end:
            marks.append((cursor, c.end, "evidence"))
    return sorted(set(marks))


def highlighted_markdown(result: Extraction) -> str:
    """The whole article as escaped Markdown, paragraphs kept, highlights as background colours."""
    text, out, cursor = result.text, [], 0
    for start, end, kind in spans(result):
        if start < cursor:
            continue
        out.append(escape_markdown(text[cursor:start]))
        inner = escape_markdown(text[start:end]).replace("\n", " ")
        out.append(f":{STYLES[kind]}-background[{inner}]")
        cursor = end
    out.append(escape_markdown(text[cursor:]))
    return "".join(out)
