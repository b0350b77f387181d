"""User-written words (titles, challenges, names, ideas) shown as typed: Streamlit reads
Markdown in headers, captions, messages and widget labels, where an image link would make
every viewer's browser fetch an address of the writer's choosing (decision 0078)."""

from __future__ import annotations

import html
import re

# backslash-escaped: the characters that start Markdown, HTML, entities, LaTeX or
# Streamlit's ":color[...]" directives; brackets escaped means no link and no image
MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]<>#$~|&])")
# what starts a list or a rule only at the start of a line: "- ", "+ ", "1. ", "2) ", "---"
LINE_START_MARKER = re.compile(r"^(\d{0,9})([-+.)])")


def escape_markdown(text: str) -> str:
    """A citizen's words shown as they were typed, not read as Markdown or LaTeX (nor as a
    list, a rule, an entity, a link or an image)."""
    escaped = MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(str(text).split()))
    return LINE_START_MARKER.sub(r"\1\\\2", escaped)


# Markdown's own characters as HTML character references: inside a block of HTML that
# Streamlit still reads as Markdown, they stay characters
HTML_MARKDOWN_SPECIALS = {ord(c): f"&#{ord(c)};" for c in "\\`*_[]()#$~|!:"}


def html_text(text: str) -> str:
    """User-written words inside HTML given to ``st.markdown(..., unsafe_allow_html=True)``:
    HTML-escaped, and no Markdown either. Element content only: quotes stay characters, as
    their references (``&#x27;``) would have their ``#`` escaped again and show as typed."""
    return html.escape(str(text), quote=False).translate(HTML_MARKDOWN_SPECIALS)
