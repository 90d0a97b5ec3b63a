"""The generated articles' text: pseudo-English drawn from a vocabulary with a
Zipf-like skew, a few real words mixed in at known frequencies (so a search for
"minister" matches some articles, never all of them)."""

import itertools

from articles import blocks

EXTERNAL = "https://example.org/"  # the related link to another site in every body

# Real words every archive has, mixed into the synthetic vocabulary at middling
# frequencies: a search for "minister" matches some articles (~7%), "space" fewer
# (~2.5%), never all of them.
WORDS = [
    "minister",
    "council",
    "report",
    "election",
    "budget",
    "court",
    "energy",
    "climate",
    "market",
    "talks",
    "city",
    "health",
    "school",
    "police",
    "rail",
    "border",
    "trade",
    "summit",
    "vote",
    "data",
    "science",
    "research",
    "storm",
    "water",
    "housing",
    "bank",
    "union",
    "strike",
    "festival",
    "museum",
    "league",
    "transport",
    "hospital",
    "farm",
    "coast",
    "army",
    "space",
]
FIRST_WORD_RANK = 300  # the first of WORDS; the others follow every WORD_STEP ranks
WORD_STEP = 45

ONSETS = ("b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pl",
          "r", "s", "sh", "st", "t", "th", "tr", "v", "w", "z")  # fmt: skip
VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "io", "ou")
CODAS = ("", "", "", "n", "r", "s", "l", "m", "nd", "st", "rt")

PARAGRAPHS = 8  # per body
TAGS, TAGS_PER_ARTICLE = 200, 3


def pseudo_words(rng, count):
    """`count` distinct made-up words, shortest first (frequent words are short)."""
    avoid = {word[:4] for word in WORDS}  # no look-alikes that stem like a real word
    seen, words = set(), []
    while len(words) < count:
        syllables = rng.choice((1, 2, 2, 2, 3, 3, 4))
        word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(syllables))
        word += rng.choice(CODAS)
        if len(word) > 2 and word not in seen and word[:4] not in avoid:
            seen.add(word)
            words.append(word)
    words.sort(key=len)
    return words


class Text:
    """Pseudo-English made once, then reused: a vocabulary of a few thousand words
    drawn with a Zipf-like skew (a handful in every article, most in few), a pool
    of sentences, and paragraphs of two or three of them. A body is eight random
    paragraphs, so making one costs a few random picks, not hundreds."""

    def __init__(self, rng, vocabulary=3000, sentences=4000, paragraphs=6000):
        self.rng = rng
        self.words = pseudo_words(rng, vocabulary)
        for i, word in enumerate(WORDS):
            self.words.insert(FIRST_WORD_RANK + i * WORD_STEP, word)
        self.cum_weights = list(
            itertools.accumulate(1 / rank for rank in range(1, len(self.words) + 1))
        )
        self.sentences = [self.phrase(8, 16, 300) + "." for _ in range(sentences)]
        self.paragraphs = [
            "<p>" + " ".join(rng.sample(self.sentences, rng.choice((2, 2, 3)))) + "</p>"
            for _ in range(paragraphs)
        ]
        # Within the columns' lengths (a headline also gets the article's number).
        self.headlines = [self.phrase(5, 9, 180) for _ in range(sentences // 2)]
        self.standfirsts = [self.phrase(14, 24, 399) + "." for _ in range(sentences // 2)]
        # Rows are written to COPY as text as they are: nothing may need escaping.
        pools = (self.paragraphs, self.headlines, self.standfirsts)
        if any(c in text for pool in pools for text in pool for c in "\t\n\\"):
            raise ValueError("Generated text must not need escaping for COPY.")

    def phrase(self, shortest, longest, max_chars):
        while True:
            picked = self.rng.choices(
                self.words, cum_weights=self.cum_weights, k=self.rng.randint(shortest, longest)
            )
            text = " ".join(picked)
            if len(text) <= max_chars:
                return text[0].upper() + text[1:]

    def headline(self, number):
        return f"{self.rng.choice(self.headlines)} {number}"

    def standfirst(self):
        return self.rng.choice(self.standfirsts)

    def body(self, image=None, previous=None):
        """Eight paragraphs; with `image`, that library image after the second, a
        related link to another site after the third and, with `previous`, a
        related story (that article) after the fifth: blocks as editors place them."""
        pieces = self.rng.choices(self.paragraphs, k=PARAGRAPHS)
        if image is None:
            return "".join(pieces)
        placed = [
            (2, blocks.canonical("image", {"image": image})),
            (
                3,
                blocks.canonical(
                    "related", {"url": "https://example.org/", "headline": "Background"}
                ),
            ),
        ]
        if previous is not None:
            placed.append((5, blocks.canonical("related", {"article": previous})))
        return blocks.place(pieces, placed)

    def comment(self):
        return " ".join(self.rng.choices(self.sentences, k=self.rng.choice((1, 1, 2, 3))))
