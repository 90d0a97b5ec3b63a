"""The words search reads: one definition for both databases and both sides.

An article's searchable text (its index document) and a reader's query pass
through the same `normalise()`, so "Secretary's" finds "Secretary’s", “quoted”
finds "quoted" and "well-known" finds "well‑known" (a non-breaking hyphen),
whichever of them the writer or the reader typed.

The normalisation replaces one character by one character, so a position in
normalised text is the same position in the original: snippets are marked up on
the normalised text the database highlights and shown in the article's own
typography (see articles.discovery.snippets.restore).
"""

import re

from .. import body as body_rules

# Apostrophes and single quotes, double quotes (a curly or angled pair around
# words in a query is a phrase, as straight quotes are).
QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u02bc": "'", "\u2039": "'", "\u203a": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
    }
)  # fmt: skip
# Hyphens and dashes other than the hyphen-minus: figure, en and em dashes,
# the hyphen and non-breaking hyphen, the minus sign.
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
# Between two letters or digits a dash joins them as a hyphen does ("well–known",
# "1990–2000"); anywhere else it is punctuation, a space: an em dash before a
# word in a query ("peace —war") must not become the minus that excludes a word.
JOINING_DASH = re.compile(rf"(?<=\w)[{DASHES}](?=\w)")
LOOSE_DASH = re.compile(f"[{DASHES}]")


def normalise(text):
    """Text with curly quotes straight and dashes as hyphens or spaces, character
    for character (the result is exactly as long as the text)."""
    text = JOINING_DASH.sub("-", text.translate(QUOTES))
    return LOOSE_DASH.sub(" ", text)


def body_text(body):
    """The body's words as a reader reads them (markup gone, entities decoded)."""
    return body_rules.plain_text(body or "")


def document(headline, standfirst, body):
    """An article's searchable text: headline, standfirst and body, normalised."""
    return normalise(headline or ""), normalise(standfirst or ""), normalise(body_text(body))


def article_rows(cursor, table, article_ids=None, batch=500):
    """(id, headline, standfirst, body) of these articles (all without ids), in
    batches: a rebuild never holds the whole archive's text at once. Reads the
    table by name, so migrations can call it whatever the model has become."""
    if article_ids is not None:
        ids = sorted(set(article_ids))
        for start in range(0, len(ids), batch):
            chunk = ids[start : start + batch]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT id, headline, standfirst, body FROM {table} WHERE id IN ({marks})",  # noqa: S608
                chunk,
            )
            yield cursor.fetchall()
        return
    last = 0
    while True:
        cursor.execute(
            f"SELECT id, headline, standfirst, body FROM {table} "  # noqa: S608
            "WHERE id > %s ORDER BY id LIMIT %s",
            [last, batch],
        )
        rows = cursor.fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]
