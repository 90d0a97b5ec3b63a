"""Search: the reader's query and filters, and how each database answers them.

Both take any text a reader types, in websearch syntax (words, "quoted
phrases", or, -excluded), normalised as the index is (search_text.normalise:
curly quotes straight, dashes as hyphens). On PostgreSQL: full-text search over
SearchDocument (weighted headline, standfirst, body; stemmed in the site's
language; a GIN index), ranked by ts_rank, the query read by
websearch_to_tsquery. On SQLite: the FTS5 table SearchIndex, ranked by bm25 with
the same weighting, the query read alike by search_syntax. Snippets are marked by
the database that matched and cut in Python (snippets.py), the same on both.
"""

import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, transaction
from django.db.models import F, Max, Q, Value
from django.utils import timezone

from ..models import Article, Author, SearchDocument, SearchIndex, search_config
from ..models.search_text import body_text, normalise
from . import search_syntax
from .snippets import START, STOP, snippet

MAX_QUERY_LENGTH = 200
# On PostgreSQL, a search without filters ranks at most this many of the newest
# matching articles, looking in windows of the newest articles added, widening
# (see Search._newest_matches); filters narrow to every match.
RANKED_MATCHES = 500
SEARCH_WINDOWS = (10_000, 100_000, 1_000_000, 10_000_000)
NEWEST_ID_SECONDS = 60

# The days the From and To filters take. A search turns its dates into midnight
# in the site's time zone (and To into the next day's), and Python's calendar
# runs only from 0001-01-01 to 9999-12-31: a date near either end overflowed into
# a 500. The bounds are the years the archive pages answer (1900-2999 in
# articles.views.listings.ArchiveView), so a search never asks for a day the archive would
# not show; a newsroom that digitises older issues widens both together.
FIRST_DAY, LAST_DAY = date(1900, 1, 1), date(2999, 12, 31)
OUTSIDE_THE_ARCHIVE = f"Choose a date between {FIRST_DAY.year} and {LAST_DAY.year}."


def newest_document_id():
    """The newest search document's article id: site-wide data, kept a minute
    (the windows it places need not be exact)."""
    newest = cache.get("search:newest-document")
    if newest is None:
        newest = SearchDocument.objects.aggregate(newest=Max("article_id"))["newest"] or 0
        cache.set("search:newest-document", newest, NEWEST_ID_SECONDS)
    return newest


def archive_days():
    """Validators keeping a date filter inside FIRST_DAY and LAST_DAY."""
    return [
        MinValueValidator(FIRST_DAY, message=OUTSIDE_THE_ARCHIVE),
        MaxValueValidator(LAST_DAY, message=OUTSIDE_THE_ARCHIVE),
    ]


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Search for",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"Your search is too long: use at most {MAX_QUERY_LENGTH} "
            "characters (you used %(show_value)d)."
        },
    )
    section = forms.ChoiceField(label="Section", required=False)
    author = forms.ChoiceField(label="Author", required=False)
    start = forms.DateField(
        label="From",
        required=False,
        validators=archive_days(),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label="To",
        required=False,
        validators=archive_days(),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args, tree, authors, **kwargs):
        super().__init__(*args, **kwargs)
        self.tree = tree
        self.fields["section"].choices = [("", "All sections")] + [
            (section.path, " › ".join(s.name for s in tree.ancestors(section.pk)))
            for section in sorted(tree.by_id.values(), key=lambda s: s.path)
        ]
        self.fields["author"].choices = [("", "All authors")] + [
            (author.slug, author.name) for author in authors
        ]

    def clean_q(self):
        # Control characters (NUL above all) have no place in a query and some
        # databases refuse them; whitespace is collapsed.
        text = "".join(
            c if unicodedata.category(c)[0] != "C" else " " for c in self.cleaned_data["q"]
        )
        return " ".join(text.split())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "The end date is before the start date.")
        return cleaned

    @property
    def filters(self):
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "section": self.tree.by_path.get(data["section"]),
            "author": data["author"],
            "start": data["start"],
            "end": data["end"],
        }


def authors_for_filter():
    return Author.objects.only("slug", "name").order_by("name")


@dataclass
class Search:
    """A query with its filters, ready to run on this database."""

    text: str
    section: object = None
    author: str = ""
    start: object = None
    end: object = None

    @property
    def words(self):
        """The query as the index is written (normalised quotes and dashes)."""
        return normalise(self.text)

    @property
    def narrowed(self):
        """Filters on as well as words: then every match is ranked."""
        return bool(self.section or self.author or self.start or self.end)

    @property
    def full_text(self):
        return connection.vendor == "postgresql"

    @property
    def capped(self):
        """Whether the results stop at RANKED_MATCHES (PostgreSQL, no filters)."""
        return self.full_text and not self.narrowed

    def results(self):
        """Public articles matching, best first (a queryset; paginate it)."""
        articles = self.filtered(Article.objects.published())
        if self.full_text:
            return self._postgres(articles)
        return self._sqlite(articles)

    def filtered(self, articles):
        if self.section is not None:
            articles = articles.in_section_tree(self.section)
        if self.author:
            articles = articles.filter(bylines__author__slug=self.author)
        zone = timezone.get_current_timezone()
        if self.start:
            articles = articles.filter(
                published_at__gte=datetime.combine(self.start, time.min, tzinfo=zone)
            )
        if self.end:
            next_day = datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=zone)
            articles = articles.filter(published_at__lt=next_day)
        return articles

    def add_snippets(self, articles):
        """Give each article of a page `snippet`: safe HTML with the matches in
        <mark> (one query for the page, on either database)."""
        originals = {
            article.pk: f"{article.standfirst} … {body_text(article.body)}" for article in articles
        }
        if self.full_text:
            marked = self._postgres_marks(originals)
        else:
            marked = self._sqlite_marks(originals)
        for article in articles:
            original = originals[article.pk]
            article.snippet = snippet(marked.get(article.pk, original), original)

    # --- PostgreSQL ------------------------------------------------------------

    def _postgres(self, articles):
        query = SearchQuery(self.words, search_type="websearch", config=search_config())
        if self.narrowed:
            matches = articles.filter(search_document__vector=query)
        else:
            # Fetched once: the page and its count both start from these ids.
            matches = articles.filter(pk__in=self._newest_matches(search_config()))
        return matches.annotate(rank=SearchRank(F("search_document__vector"), query)).order_by(
            "-rank", "-published_at", "-pk"
        )

    def _newest_matches(self, config):
        """The ids of the newest RANKED_MATCHES articles whose words match.

        A common word matches a large share of a big archive, and ranking every
        match reads every match's words. Only the newest matches are ranked, found
        window by window, newest first: the last 10,000 articles added, then the
        100,000 before them, and so on. PostgreSQL stops at the first windows that
        give enough, and within a window it intersects the word index with the
        id range (see `planned`), so the cost follows the matches in the windows
        it reads, not the size of the archive.
        """
        newest = newest_document_id()
        bounds, upper = [], None
        for size in SEARCH_WINDOWS:
            bounds.append((newest - size, upper))
            upper = newest - size
        bounds.append((None, upper))
        table = SearchDocument._meta.db_table
        parts, params = [], []
        for lower, upper in bounds:
            conditions = ["vector @@ websearch_to_tsquery(%s::regconfig, %s)"]
            params += [config, self.words]
            if lower is not None:
                conditions.append("article_id > %s")
                params.append(lower)
            if upper is not None:
                conditions.append("article_id <= %s")
                params.append(upper)
            parts.append(
                f"(SELECT article_id FROM {table} WHERE {' AND '.join(conditions)} "  # noqa: S608
                f"ORDER BY article_id DESC LIMIT {RANKED_MATCHES:d})"
            )
        # Only our table name, integers and placeholders go into the text; the
        # reader's words are parameters.
        sql = f"SELECT article_id FROM ({' UNION ALL '.join(parts)}) AS newest LIMIT %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, RANKED_MATCHES])
            return [row[0] for row in cursor.fetchall()]

    @contextmanager
    def planned(self):
        """Run the search's queries with PostgreSQL's plain index scans off, so the
        windows of `_newest_matches` are read by intersecting the word index with
        the id range. Left to itself the planner sometimes walks the id index
        instead, checking every article's words on the way: for a rare word that
        is the whole archive. Lasts to the end of this block's transaction."""
        if not self.full_text or self.narrowed:
            yield
            return
        newest_document_id()  # first, while its MAX() may still use the id index
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_indexscan = off")
            yield

    def _postgres_marks(self, originals):
        """ts_headline over the page's normalised text, every match marked."""
        if not originals:
            return {}
        config = search_config()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT ts_headline(%s::regconfig, u.text, websearch_to_tsquery(%s::regconfig, %s),"
                " %s) FROM unnest(%s::text[]) WITH ORDINALITY AS u(text, n) ORDER BY u.n",
                [
                    config,
                    config,
                    self.words,
                    f"HighlightAll=true, StartSel={START}, StopSel={STOP}",
                    [normalise(text) for text in originals.values()],
                ],
            )
            return dict(zip(originals, (row[0] for row in cursor.fetchall()), strict=True))

    # --- SQLite ------------------------------------------------------------------

    def _fts5(self):
        stop_words = search_syntax.ENGLISH_STOP_WORDS if search_config() == "english" else ()
        return search_syntax.fts5(self.words, frozenset(stop_words))

    def _sqlite(self, articles):
        query = self._fts5()
        if query.empty:
            return articles.none()
        if not query.exclusions:
            # The usual case: one MATCH, joined, ranked by bm25 (lower is better).
            return (
                articles.filter(search_index__words__match=query.match)
                .annotate(rank=-F("search_index__rank"))
                .order_by("-rank", "-published_at", "-pk")
            )
        # An alternative that only excludes ("-word", "a or -b") matches the articles
        # without its words; FTS5 cannot rank those, so they come newest first.
        found = Q()
        if query.match:
            found |= Q(pk__in=SearchIndex.objects.filter(words__match=query.match).values("pk"))
        for exclusion in query.exclusions:
            found |= ~Q(pk__in=SearchIndex.objects.filter(words__match=exclusion).values("pk"))
        return articles.filter(found).annotate(rank=Value(0.0)).order_by("-published_at", "-pk")

    def _sqlite_marks(self, originals):
        """FTS5's highlight() of the page's standfirsts and bodies."""
        match = self._fts5().match
        if not originals or not match:
            return {}
        table = SearchIndex._meta.db_table
        ids = list(originals)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, highlight({table}, 1, %s, %s) || ' … ' || "  # noqa: S608
                f"highlight({table}, 2, %s, %s) FROM {table} WHERE {table} MATCH %s "
                f"AND rowid IN ({', '.join(['%s'] * len(ids))})",
                [START, STOP, START, STOP, match, *ids],
            )
            return dict(cursor.fetchall())
