"""Check Also and "Related stories": public articles ranked by what they share
with an article (README: "At the end of an article").

Score: 3 for each shared tag, 2 for the same section (1 for the same top-level
section), plus recency (3 within two days, 2 within a week, 1 within a month).
Candidates share a tag or the top-level section. Ties go to the newer article.
The editor's pick (when it is public) comes first.
"""

from datetime import timedelta

from django.db.models import Case, Count, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from taggit.models import TaggedItem

from core.queries import any_of

from ..models import Article, SectionTree, article_content_type_id

# How many of the newest same-section and same-tag articles Check Also and
# Related stories choose from, and how many of an article's tags find candidates.
RELATED_POOL = 200
MAX_RANKED_TAGS = 12


def candidates(article):
    """Check Also and "Related stories", best first. One query; never the article
    itself, never anything unpublished."""
    tag_ids = [tag.pk for tag in article.tags.all()]
    pick_id = article.check_also_id or 0
    tree = SectionTree.load()
    root = tree.root_of(article.section_id)
    in_root = Q(section_id__in=tree.subtree_ids(root.pk if root else article.section_id))
    now = timezone.now()
    # Candidates by primary key first, then only they are checked for being
    # public: the database never walks the whole archive.
    return (
        Article.objects.filter(pk__in=any_of(*_pool(pick_id, in_root, tag_ids)))
        .published()
        .exclude(pk=article.pk)
        .annotate(
            is_pick=Case(When(pk=pick_id, then=Value(1)), default=Value(0)),
            shared_tags=Coalesce(Subquery(_shared_tags(tag_ids)), 0),
            section_score=Case(
                When(section_id=article.section_id, then=Value(2)),
                When(in_root, then=Value(1)),
                default=Value(0),
            ),
            recency=Case(
                When(published_at__gte=now - timedelta(days=2), then=Value(3)),
                When(published_at__gte=now - timedelta(days=7), then=Value(2)),
                When(published_at__gte=now - timedelta(days=30), then=Value(1)),
                default=Value(0),
            ),
            score=F("shared_tags") * 3 + F("section_score") + F("recency"),
        )
        .order_by("-is_pick", "-score", "-published_at", "-pk")
    )


def _pool(pick_id, in_root, tag_ids):
    """A bounded set to rank, whatever the archive's size: the pick, the newest
    public articles in the same top-level section (an index range scan with a
    LIMIT), and for each tag the articles most recently given it (a range of the
    tag index, newest article first, with a LIMIT)."""
    near = (
        Article.objects.published()
        .filter(in_root)
        .order_by("-published_at")
        .values("pk")[:RELATED_POOL]
    )
    pool = [Article.objects.filter(pk=pick_id).values("pk"), near]
    for tag_id in tag_ids[:MAX_RANKED_TAGS]:
        tagged = TaggedItem.objects.filter(
            content_type_id=article_content_type_id(), tag_id=tag_id
        ).order_by("-object_id")
        pool.append(tagged.values("object_id")[:RELATED_POOL])
    return pool


def _shared_tags(tag_ids):
    """How many of `tag_ids` the outer article has (a correlated subquery)."""
    return (
        TaggedItem.objects.filter(
            content_type_id=article_content_type_id(),
            object_id=OuterRef("pk"),
            tag_id__in=tag_ids,
        )
        .order_by()
        .values("object_id")
        .annotate(shared=Count("*"))
        .values("shared")
    )
