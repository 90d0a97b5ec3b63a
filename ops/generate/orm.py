"""The generator's writer for SQLite and any other database: bulk_create."""

from taggit.models import TaggedItem

from articles.models import Article, ArticleImage, Byline, Like, RelatedLink, refresh_search
from comments.models import Comment

from .text import TAGS_PER_ARTICLE


class OrmWriter:
    """bulk_create, for SQLite and any other database."""

    def __init__(self, plan):
        self.plan = plan
        self.start_id = Article.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.totals = {"comments": 0, "likes": 0, "links": 0}
        self.seconds = {}

    def write(self, made, size):
        """Articles number made + 1 to made + size, and all that belongs to them."""
        created = self._articles(made, size)
        self._placements(created)
        self._reactions(created)

    def _articles(self, made, size):
        plan, rng, text = self.plan, self.plan.rng, self.plan.text
        rows, self.pictures = [], {}
        for i in range(size):
            n = self.start_id + made + i + 1
            picture = self.pictures[n] = rng.choice(plan.images)
            previous = n - 1 if n - 1 > self.start_id else None
            rows.append(Article(
                headline=text.headline(n),
                slug=f"bench-{n}",
                standfirst=text.standfirst(),
                body=text.body(picture, previous),
                section_id=rng.choice(plan.sections),
                lead_image_id=rng.choice(plan.images),
                status=Article.Status.PUBLISHED,
                published_at=plan.published_at(n),
                like_count=plan.count(plan.likes),
                comment_count=plan.count(plan.comments),
            ))  # fmt: skip
        created = Article.objects.bulk_create(rows, batch_size=1000)
        if not created[0].pk:  # backends that return no ids
            by_slug = {
                a.slug: a.pk
                for a in Article.objects.filter(slug__in=[a.slug for a in rows]).only("slug")
            }
            for a in created:
                a.pk = by_slug[a.slug]
        # bulk_create bypasses Article.save(), which keeps the search index in step.
        refresh_search([a.pk for a in created])
        return created

    def _placements(self, created):
        """Bylines, tags, and the rows of the body's image and related links
        (bulk_create skips the save that derives them from the body)."""
        plan, rng = self.plan, self.plan.rng
        Byline.objects.bulk_create(
            [Byline(article=a, author_id=rng.choice(plan.authors)) for a in created],
            batch_size=2000,
        )
        TaggedItem.objects.bulk_create(
            [
                TaggedItem(tag_id=tag, content_type_id=plan.content_type_id, object_id=a.pk)
                for a in created
                for tag in rng.sample(plan.tags, TAGS_PER_ARTICLE)
            ],
            batch_size=5000,
        )
        ArticleImage.objects.bulk_create(
            [
                ArticleImage(article=a, image_id=self.pictures[a.pk], after_paragraph=2)
                for a in created
            ],
            batch_size=5000,
        )
        links = []
        for a in created:
            links.append(RelatedLink(article=a, url="https://example.org/",
                                     teaser_headline="Background", after_paragraph=3))  # fmt: skip
            if a.pk - 1 > self.start_id:
                links.append(RelatedLink(article=a, target_id=a.pk - 1, after_paragraph=5))
        RelatedLink.objects.bulk_create(links, batch_size=5000)
        self.totals["links"] += len(links)

    def _reactions(self, created):
        """Approved comments and likes, as many as each article's counters say."""
        plan, text = self.plan, self.plan.text
        comments = [
            Comment(article=a, name="Reader", email=f"r{j}@example.com", text=text.comment(),
                    status=Comment.Status.APPROVED,
                    submitted_at=plan.after(a.published_at, j + 1),
                    fingerprint=f"bench-{a.pk}-{j}", ip_address="192.0.2.1")
            for a in created
            for j in range(a.comment_count)
        ]  # fmt: skip
        Comment.objects.bulk_create(comments, batch_size=5000)
        likes = [
            Like(article=a, reader=f"bench-{a.pk}-{j}",
                 created_at=plan.after(a.published_at, j + 1))
            for a in created
            for j in range(a.like_count)
        ]  # fmt: skip
        Like.objects.bulk_create(likes, batch_size=5000)
        self.totals["comments"] += len(comments)
        self.totals["likes"] += len(likes)
