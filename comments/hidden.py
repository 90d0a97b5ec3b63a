"""Characters nobody sees, which a commenter's name and web address may not carry.

Bidirectional controls show text in another order than it is stored in: a name
of RIGHT-TO-LEFT OVERRIDE (U+202E) and "gnp.exe" reads "exe.png" on the page.
Zero-width and other format characters make one name look like another ("Admin"
with a ZERO WIDTH SPACE, U+200B, after it), and control characters have no place
in either. They are Unicode's categories Cf (format: every bidi control, the
zero-width space and joiners, the word joiner, the byte-order mark, the soft
hyphen) and Cc (control); tab, newline and carriage return are left to the
fields' own whitespace rules.

The comment's own text is not checked: a reader quoting Arabic or Hebrew inside
English may need the direction marks, and it is shown as escaped paragraphs in
its own element, so it cannot reorder the name or the link beside it.
"""

import unicodedata

WHITESPACE = frozenset("\t\n\r")


def is_hidden(char):
    return unicodedata.category(char) in {"Cf", "Cc"} and char not in WHITESPACE


def characters(text):
    """The hidden characters in `text`, each once, as U+XXXX for a reader to look for."""
    return [f"U+{ord(char):04X}" for char in dict.fromkeys(text) if is_hidden(char)]


def removed(text):
    """`text` without its hidden characters."""
    return "".join(char for char in text if not is_hidden(char))
