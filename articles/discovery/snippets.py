"""A search result's snippet: the words around the first match, cut between words,
with the matches in <mark>.

The database marks the matches (it knows which words its stemmer matched) in the
normalised text it searched, with sentinel characters around each; `restore` puts
the marks on the article's own text (normalisation keeps every position), and
`excerpt` cuts a window of whole words. The text is escaped first and only then
are the sentinels turned into <mark>, so nothing a reader or an article contains
is ever marked safe unescaped.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Marks around a match until the text is escaped: characters no article is
# expected to contain, and harmless if one does (see highlight()).
START, STOP = "\ue000", "\ue001"
SENTINELS = re.compile(f"[{START}{STOP}]")
SNIPPET_WORDS = 36
WORDS_BEFORE = 8  # of context before the first match


def restore(marked, original):
    """The original text with the marks of `marked`, its normalised twin (the
    original unmarked if they differ: the article changed in between)."""
    if len(SENTINELS.sub("", marked)) != len(original):
        return original
    out, position = [], 0
    for char in marked:
        if char in (START, STOP):
            out.append(char)
        else:
            out.append(original[position])
            position += 1
    return "".join(out)


def excerpt(marked):
    """About SNIPPET_WORDS whole words, from a little before the first match, with
    an ellipsis where text was left out."""
    words = marked.split()
    first = next((n for n, word in enumerate(words) if START in word), 0)
    begin = max(0, first - WORDS_BEFORE)
    end = min(len(words), begin + SNIPPET_WORDS)
    window = " ".join(words[begin:end])
    # A phrase cut by the window keeps its marks on the part that shows.
    if window.rfind(START) > window.rfind(STOP):
        window += STOP
    if window.find(STOP) < window.find(START) or (STOP in window and START not in window):
        window = START + window
    return ("… " if begin else "") + window + (" …" if end < len(words) else "")


def highlight(text):
    """Escape the snippet, then turn only the matched parts into <mark>."""
    escaped = escape(text)
    marked = re.sub(f"{START}([^{START}{STOP}]*){STOP}", r"<mark>\1</mark>", escaped)
    return mark_safe(SENTINELS.sub("", marked))  # noqa: S308


def snippet(marked, original):
    """Safe HTML: the excerpt of `original` around the matches `marked` shows."""
    return highlight(excerpt(restore(marked, original)))
