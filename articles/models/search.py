"""Full-text search documents (PostgreSQL): an article's words, weighted and
stemmed in the site's language (the search itself is articles/discovery/search.py)."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import connection, models

from . import search_sqlite, search_text
from .site import SiteSettings

# PostgreSQL's text-search configurations by language (the stemmer each uses);
# a language without one is searched word for word ("simple").
SEARCH_CONFIGS = {
    "ar": "arabic", "ca": "catalan", "da": "danish", "de": "german", "el": "greek",
    "en": "english", "es": "spanish", "eu": "basque", "fi": "finnish", "fr": "french",
    "ga": "irish", "hi": "hindi", "hu": "hungarian", "hy": "armenian", "id": "indonesian",
    "it": "italian", "lt": "lithuanian", "nb": "norwegian", "ne": "nepali", "nl": "dutch",
    "nn": "norwegian", "no": "norwegian", "pt": "portuguese", "ro": "romanian",
    "ru": "russian", "sr": "serbian", "sv": "swedish", "ta": "tamil", "tr": "turkish",
    "yi": "yiddish",
}  # fmt: skip


def search_config():
    """The text-search configuration for the site's language (en-gb → english)."""
    language = SiteSettings.current().language_code.lower()
    return SEARCH_CONFIGS.get(language.split("-")[0], "simple")


class SearchDocument(models.Model):
    """An article's words for full-text search on PostgreSQL, weighted: headline (A)
    above standfirst (B) above body (C), stemmed in the site's language.

    A table of its own, so listings never fetch the vector with the article, and
    PostgreSQL-only (`required_db_vendor`): on SQLite the FTS5 table of
    search_sqlite.SearchIndex holds the same text. Kept up to date by Article.save();
    `manage.py update_search_index` rebuilds it (after a bulk import).
    """

    # Django may not mix database-level and Python-level on_delete around Article,
    # so the cascade lives in the database alone: migration 0007 adds the foreign
    # key with ON DELETE CASCADE, and Django leaves the row to it.
    article = models.OneToOneField(
        "Article",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="search_document",
    )
    vector = SearchVectorField("words")

    class Meta:
        required_db_vendor = "postgresql"
        verbose_name = "search document"
        indexes = [GinIndex(fields=["vector"], name="search_document_vector_gin")]

    def __str__(self):
        return f"Search document of article {self.article_id}"

    @classmethod
    def refresh(cls, article_ids=None):
        """Rebuild the documents of these articles (all of them without ids) from
        their normalised text (search_text.document). Does nothing on databases other
        than PostgreSQL."""
        if connection.vendor != "postgresql":
            return
        article = cls._meta.get_field("article").related_model._meta.db_table
        config = search_config()
        sql = f"""
            INSERT INTO {cls._meta.db_table} (article_id, vector)
            SELECT t.id,
                setweight(to_tsvector(%(config)s::regconfig, t.headline), 'A')
                || setweight(to_tsvector(%(config)s::regconfig, t.standfirst), 'B')
                || setweight(to_tsvector(%(config)s::regconfig, t.body), 'C')
            FROM unnest(%(ids)s::bigint[], %(headlines)s::text[], %(standfirsts)s::text[],
                        %(bodies)s::text[]) AS t(id, headline, standfirst, body)
            ON CONFLICT (article_id) DO UPDATE SET vector = EXCLUDED.vector
        """  # noqa: S608 (the table name from the model; values are parameters)
        with connection.cursor() as cursor:
            for rows in search_text.article_rows(cursor, article, article_ids):
                texts = [search_text.document(*row[1:]) for row in rows]
                cursor.execute(
                    sql,
                    {
                        "config": config,
                        "ids": [row[0] for row in rows],
                        "headlines": [text[0] for text in texts],
                        "standfirsts": [text[1] for text in texts],
                        "bodies": [text[2] for text in texts],
                    },
                )


def refresh_search(article_ids=None):
    """Bring the search index of these articles (all of them without ids) up to date,
    on whichever database this is: PostgreSQL's documents or SQLite's FTS5 table."""
    SearchDocument.refresh(article_ids)
    search_sqlite.refresh(article_ids, search_config())
