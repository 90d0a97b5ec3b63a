"""What a reader's query means, read as PostgreSQL's websearch_to_tsquery reads it,
for SQLite's FTS5 (PostgreSQL reads the query itself).

The syntax readers are promised: words (all must appear), "quoted phrases",
`or` between alternatives, and a minus before a word or phrase to leave it out.
The reading follows PostgreSQL's, edge cases included, so both databases answer
a query alike:

- `or` is an operator only between two terms (`or` first or last is a word), and
  binds looser than the implied "and": `a b or c` is (a and b) or c;
- a minus starts an exclusion only where a term starts (`well-known` is a word);
- quotes make a phrase of everything up to the next quote or the end;
- ! & | ( ) < separate terms and mean nothing; punctuation inside a term splits it
  into words that must appear in that order ("e-mail" is the phrase "e mail");
- in English, stop words at either end of a term are dropped ("the", the "s" of
  "Secretary's"), as PostgreSQL's English configuration drops them, and a term
  left without words (an emoji, a lone dash, "the") goes, and so does an
  alternative left empty.

The query arrives normalised (search_text.normalise), like the index it is
matched against.
"""

import re
from dataclasses import dataclass

# Characters that separate terms (PostgreSQL's operator characters).
SEPARATORS = frozenset("!&|()<")
# FTS5's unicode61 tokenizer: runs of letters and digits make words.
WORD = re.compile(r"[^\W_]+")
# PostgreSQL's English stop words (tsearch_data/english.stop, Snowball's list).
_ENGLISH_STOP_LIST = """i me my myself we our ours ourselves you your yours yourself yourselves
    he him
    his himself she her hers herself it its itself they them their theirs themselves
    what which who whom this that these those am is are was were be been being have
    has had having do does did doing a an the and but if or because as until while
    of at by for with about against between into through during before after above
    below to from up down in out on off over under again further then once here
    there when where why how all any both each few more most other some such no nor
    not only own same so than too very s t can will just don should now"""
ENGLISH_STOP_WORDS = frozenset(_ENGLISH_STOP_LIST.split())


@dataclass(frozen=True)
class Term:
    words: tuple
    excluded: bool = False

    @property
    def fts5(self):
        # Only letters and digits go in, so nothing can break out of the quotes.
        return '"' + " ".join(self.words) + '"'


def _term(text, excluded, stop_words):
    words = WORD.findall(text)
    while words and words[0].lower() in stop_words:
        words.pop(0)
    while words and words[-1].lower() in stop_words:
        words.pop()
    return Term(tuple(words), excluded) if words else None


def _is_or(text, i):
    """`or` standing between two terms (followed by a space, a quote or a separator)."""
    after = i + 2
    return (
        text[i:after].lower() == "or"
        and after < len(text)
        and (text[after].isspace() or text[after] == '"' or text[after] in SEPARATORS)
    )


def parse(text, stop_words=frozenset()):
    """The query's alternatives: a list of lists of Terms (or between the lists,
    and between the terms of one list)."""
    alternatives, current = [], []
    i, length, expecting, excluded = 0, len(text), True, False
    while i < length:
        char = text[i]
        if char.isspace():
            i += 1
        elif not expecting:
            if _is_or(text, i):
                alternatives.append(current)
                current, i = [], i + 2
            expecting = True
        elif char in SEPARATORS:
            i += 1
        elif char == "-":
            excluded, i = not excluded, i + 1
        else:
            if char == '"':
                end = text.find('"', i + 1)
                end = length if end < 0 else end
                term, i = _term(text[i + 1 : end], excluded, stop_words), end + 1
            else:
                end = i
                while end < length and not (
                    text[end].isspace() or text[end] == '"' or text[end] in SEPARATORS
                ):
                    end += 1
                term, i = _term(text[i:end], excluded, stop_words), end
            if term:
                current.append(term)
            expecting, excluded = False, False
    alternatives.append(current)
    return [terms for terms in alternatives if terms]


@dataclass(frozen=True)
class Fts5Query:
    """A parsed query for FTS5: `match`, the MATCH expression of the alternatives
    with a word to find (None if there is none), and `exclusions`, one MATCH
    expression per alternative that only excludes (an article matches that
    alternative when it matches none of its terms; FTS5 cannot say "not" alone)."""

    match: str | None
    exclusions: tuple

    @property
    def empty(self):
        return self.match is None and not self.exclusions


def fts5(text, stop_words=frozenset()):
    found, exclusions = [], []
    for terms in parse(text, stop_words):
        wanted = [term.fts5 for term in terms if not term.excluded]
        unwanted = [term.fts5 for term in terms if term.excluded]
        if not wanted:
            exclusions.append(" OR ".join(unwanted))
            continue
        expression = "(" + " AND ".join(wanted) + ")"
        if unwanted:
            expression += " NOT (" + " OR ".join(unwanted) + ")"
        found.append(f"({expression})")
    return Fts5Query(" OR ".join(found) or None, tuple(exclusions))
