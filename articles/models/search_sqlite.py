"""Full-text search on SQLite: an FTS5 table of every article's normalised text
(search_text.document), the counterpart of PostgreSQL's SearchDocument.

FTS5 ships in Python's sqlite3. The table is a virtual table Django does not
manage: migration 0015 creates and fills it on SQLite (and does nothing on
PostgreSQL); Article.save() and the article generator keep rows in step through
`refresh()`, a deleted article's row goes with it (`forget`), and a change of
the site's language rebuilds the table with that language's tokenizer.
"""

from django.db import connection, models

from . import search_text

TABLE = "articles_searchindex"
# Headline above standfirst above body, as PostgreSQL's weights A, B and C.
WEIGHTS = "bm25(10.0, 4.0, 1.0)"


class MatchField(models.TextField):
    """FTS5's hidden column named after the table: `WHERE table MATCH 'query'`."""


@MatchField.register_lookup
class Match(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class SearchIndex(models.Model):
    """An article's words in SQLite's FTS5 index (rowid = the article's id).

    Unmanaged: Django only reads it, joined to Article as `search_index`, for
    `search_index__words__match` and the bm25 `search_index__rank` of a match.
    """

    article = models.OneToOneField(
        "Article",
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_index",
    )
    headline = models.TextField("headline")
    standfirst = models.TextField("standfirst")
    body = models.TextField("body")
    words = MatchField("words", db_column=TABLE)
    rank = models.FloatField("rank", db_column="rank")

    class Meta:
        managed = False
        db_table = TABLE
        default_permissions = ()  # nobody edits it: no permissions to grant
        verbose_name = "search index entry"
        verbose_name_plural = "search index"

    def __str__(self):
        return f"Search index entry of article {self.article_id}"


def tokenizer(config):
    """FTS5 stems English only (porter); other languages are matched word for word."""
    return "porter unicode61" if config == "english" else "unicode61"


def create(cursor, config):
    """(Re)create the empty table, with the tokenizer for this search config."""
    cursor.execute(f"DROP TABLE IF EXISTS {TABLE}")
    cursor.execute(
        f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
        f"headline, standfirst, body, tokenize = '{tokenizer(config)}')"
    )
    cursor.execute(f"INSERT INTO {TABLE} ({TABLE}, rank) VALUES ('rank', %s)", [WEIGHTS])  # noqa: S608


def fill(cursor, article_table, article_ids=None):
    """Write these articles' rows (all articles' without ids)."""
    for rows in search_text.article_rows(cursor, article_table, article_ids):
        marks = ", ".join(["%s"] * len(rows))
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE rowid IN ({marks})",  # noqa: S608
            [row[0] for row in rows],
        )
        cursor.executemany(
            f"INSERT INTO {TABLE} (rowid, headline, standfirst, body) VALUES (%s, %s, %s, %s)",  # noqa: S608
            [(row[0], *search_text.document(*row[1:])) for row in rows],
        )


def refresh(article_ids=None, config=None):
    """Bring these articles' rows up to date; without ids rebuild the whole table
    (with `config`'s tokenizer: the language may have changed). SQLite only."""
    if connection.vendor != "sqlite":
        return
    article_table = SearchIndex._meta.get_field("article").related_model._meta.db_table
    with connection.cursor() as cursor:
        if article_ids is None:
            create(cursor, config)
        fill(cursor, article_table, article_ids)


def forget(sender, instance, **kwargs):
    """A deleted article leaves the index (post_delete; PostgreSQL's documents go
    by their foreign key's ON DELETE CASCADE)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE} WHERE rowid = %s", [instance.pk])  # noqa: S608
