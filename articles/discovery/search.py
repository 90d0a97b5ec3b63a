"""Search: the reader's query and filters, and the two ways of answering them.

On PostgreSQL, full-text search over SearchDocument (weighted headline, standfirst,
body; stemmed in the site's language; a GIN index), ranked by ts_rank, with
highlighted snippets from ts_headline. Elsewhere (SQLite), every word or quoted
phrase must appear in the headline, standfirst or body; headline matches rank
first. Both take any text a reader types: websearch syntax ("quoted phrases",
-excluded, or) is parsed by PostgreSQL's websearch_to_tsquery, which never
raises on odd input, and by `terms()` here for the fallback.

Snippets are built as plain text with sentinel characters around the matches;
the text is escaped first and only then are the sentinels turned into <mark>,
so nothing a reader or an article contains is ever marked safe unescaped.
"""

import html
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, transaction
from django.db.models import Case, F, Func, IntegerField, Max, Q, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .. import body as body_rules
from ..models import Article, Author, SearchDocument, search_config

MAX_QUERY_LENGTH = 200
# On PostgreSQL, a search without filters ranks at most this many of the newest
# matching articles, looking in windows of the newest articles added, widening
# (see Search._newest_matches); filters narrow to every match.
RANKED_MATCHES = 500
SEARCH_WINDOWS = (10_000, 100_000, 1_000_000, 10_000_000)
NEWEST_ID_SECONDS = 60

MAX_TERMS = 8
SNIPPET_CHARS = 220
# Marks around a match in a snippet until the text is escaped: characters no
# article is expected to contain, and harmless if one does (see highlight()).
START, STOP = "\ue000", "\ue001"
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
    def narrowed(self):
        """Filters on as well as words: then every match is ranked."""
        return bool(self.section or self.author or self.start or self.end)

    @property
    def full_text(self):
        return connection.vendor == "postgresql"

    def results(self):
        """Public articles matching, best first (a queryset; paginate it)."""
        articles = self.filtered(Article.objects.published())
        if self.full_text:
            return self._postgres(articles)
        return self._fallback(articles)

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

    # --- PostgreSQL ------------------------------------------------------------

    def _postgres(self, articles):
        config = search_config()
        query = SearchQuery(self.text, search_type="websearch", config=config)
        plain_body = Func(
            F("body"),
            Value("<[^>]+>"),
            Value(" "),
            Value("g"),
            function="regexp_replace",
            output_field=TextField(),
        )
        matches = articles.filter(search_document__vector=query)
        if not self.narrowed:
            matches = articles.filter(pk__in=self._newest_matches(config))
        return matches.annotate(
            rank=SearchRank(F("search_document__vector"), query),
            snippet_text=SearchHeadline(
                Concat("standfirst", Value(" … "), plain_body, output_field=TextField()),
                query,
                config=config,
                start_sel=START,
                stop_sel=STOP,
                max_words=40,
                min_words=20,
                max_fragments=2,
                fragment_delimiter=" … ",
            ),
        ).order_by("-rank", "-published_at", "-pk")

    def _newest_matches(self, config):
        """The newest RANKED_MATCHES articles whose words match, as a subquery.

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
            params += [config, self.text]
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
        return RawSQL(sql, [*params, RANKED_MATCHES])  # noqa: S611

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

    # --- Anything else -----------------------------------------------------------

    def _fallback(self, articles):
        wanted, unwanted = terms(self.text)
        if not wanted:
            return articles.none()
        for term in wanted:
            articles = articles.filter(
                Q(headline__icontains=term)
                | Q(standfirst__icontains=term)
                | Q(body__icontains=term)
            )
        for term in unwanted:
            articles = articles.exclude(
                Q(headline__icontains=term)
                | Q(standfirst__icontains=term)
                | Q(body__icontains=term)
            )
        rank = sum(
            (
                Case(
                    When(headline__icontains=term, then=Value(4)),
                    When(standfirst__icontains=term, then=Value(2)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
                for term in wanted
            ),
            start=Value(0),
        )
        return articles.annotate(rank=rank).order_by("-rank", "-published_at", "-pk")

    def add_snippets(self, articles):
        """Give each article of a page `snippet`: safe HTML with the matches in <mark>."""
        wanted, _ = ([], []) if self.full_text else terms(self.text)
        for article in articles:
            if self.full_text:
                # ts_headline works on the stored markup's text: entities and all.
                article.snippet = highlight(html.unescape(article.snippet_text or ""))
            else:
                article.snippet = highlight(mark_terms(plain_text(article), wanted))


def terms(text):
    """The fallback's reading of websearch syntax: words and "quoted phrases" that
    must appear, and -words that must not. "or" and "and" are ignored."""
    wanted, unwanted = [], []
    for match in re.finditer(r'(-?)"([^"]*)"?|(-?)(\S+)', text):
        minus = match.group(1) or match.group(3)
        term = (match.group(2) if match.group(2) is not None else match.group(4)).strip('"')
        term = " ".join(term.split())
        if not term or term.lower() in {"or", "and"} or term == "-":
            continue
        (unwanted if minus else wanted).append(term)
    return wanted[:MAX_TERMS], unwanted[:MAX_TERMS]


def plain_text(article):
    body = " ".join(body_rules.paragraph_texts(article.body))
    return f"{article.standfirst} … {html.unescape(body)}"


def mark_terms(text, wanted):
    """A window of plain text around the first match, with every match marked."""
    if not wanted:
        return text[:SNIPPET_CHARS]
    pattern = re.compile("|".join(re.escape(term) for term in wanted), re.IGNORECASE)
    first = pattern.search(text)
    begin = max(0, (first.start() if first else 0) - SNIPPET_CHARS // 3)
    if begin:
        begin = text.find(" ", begin) + 1 or begin
    window = text[begin : begin + SNIPPET_CHARS]
    marked = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", window)
    return ("… " if begin else "") + marked + (" …" if begin + SNIPPET_CHARS < len(text) else "")


def highlight(text):
    """Escape the snippet, then turn only the matched parts into <mark>."""
    escaped = escape(text)
    marked = re.sub(f"{START}([^{START}{STOP}]*){STOP}", r"<mark>\1</mark>", escaped)
    return mark_safe(marked.replace(START, "").replace(STOP, ""))  # noqa: S308
