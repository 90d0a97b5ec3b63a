"""Test data. Every factory starts from the least privileged state: articles are
drafts, users are anonymous readers' equivalents (no staff, no permissions)."""

import io
from datetime import timedelta

import factory
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PILImage

from articles import blocks
from articles import body as body_rules
from articles.models import (
    Article,
    ArticleEmbed,
    ArticleGallery,
    ArticleImage,
    Author,
    Byline,
    Page,
    RelatedLink,
    Section,
)
from images import library as images
from images.models import CaptionedImage


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


def picture_file(width=120, height=80, color="teal", fmt="JPEG", name=None, **options):
    """An image file made with Pillow, as a browser would upload it."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), color).save(buffer, fmt, **options)
    return ContentFile(buffer.getvalue(), name=name or f"picture.{fmt.lower()}")


class CaptionedImageFactory(factory.django.DjangoModelFactory):
    """A library image stored the way an upload is (see articles/images.py). Its
    renditions are made when the test's transaction commits, so only in
    transactional tests, or under django_capture_on_commit_callbacks."""

    class Meta:
        model = CaptionedImage

    title = factory.Sequence(lambda n: f"Image {n}")
    upload = factory.LazyFunction(picture_file)
    alt_text = factory.Sequence(lambda n: f"Alt text {n}")
    caption = factory.Sequence(lambda n: f"Caption {n}")
    credit = factory.Sequence(lambda n: f"Photographer {n}")

    @classmethod
    def _create(cls, model_class, *args, upload, **kwargs):
        image = model_class(*args, **kwargs)
        images.save(image, images.inspect(upload))
        return image


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    bio = factory.LazyAttribute(lambda o: f"{o.name} writes about things.")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Headline number {n}")
    slug = factory.Sequence(lambda n: f"headline-{n}")
    standfirst = factory.LazyAttribute(lambda o: f"Standfirst of {o.headline}")
    body = "<p>First paragraph.</p><p>Second paragraph.</p><p>Third paragraph.</p>"
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.DRAFT

    class Params:
        published = factory.Trait(
            status=Article.Status.PUBLISHED,
            published_at=factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1)),
        )

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        for position, author in enumerate(extracted or [AuthorFactory()]):
            Byline.objects.create(article=self, author=author, position=position)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


def place_block(into, kind, after=1, **attrs):
    """Put a block (articles/blocks.py) in `article`'s body after paragraph `after`,
    after the blocks already there, as an editor does in the body editor, and save:
    returns the placement row derived from it (or None when it shows nothing)."""
    article = into
    element = blocks.canonical(kind, attrs)
    assert element, f"a {kind} block needs more than {attrs}"
    article.refresh_from_db(fields=["body", "updated_at"])
    pieces = body_rules.paragraphs(article.body)
    pieces.insert(blocks.after_prose(pieces, after), element)
    article.body = "".join(pieces)
    updated_at = article.updated_at
    article.save()
    # Test data, not an edit: the article is not "Updated" for it.
    Article.objects.filter(pk=article.pk).update(updated_at=updated_at)
    article.updated_at = updated_at
    model = {"image": ArticleImage, "related": RelatedLink}.get(kind)
    if kind == "gallery":
        model = ArticleGallery
    elif kind == "embed":
        model = ArticleEmbed
    return model.objects.filter(article=article).order_by("-pk").first()


class BlockFactory(factory.Factory):
    """A block placed in an article's body, returning its derived placement row."""

    article = factory.SubFactory(ArticleFactory)
    after_paragraph = 1

    @classmethod
    def _create(cls, model_class, article, after_paragraph, kind, **attrs):
        return place_block(article, kind, after_paragraph, **cls.attrs(**attrs))


class ArticleImageFactory(BlockFactory):
    class Meta:
        model = ArticleImage

    kind = "image"
    image = factory.SubFactory(CaptionedImageFactory)
    alignment = ""

    @staticmethod
    def attrs(image, alignment):
        return {"image": image.pk, "align": alignment}


class RelatedLinkFactory(BlockFactory):
    class Meta:
        model = RelatedLink

    kind = "related"
    target = None
    url = "https://example.org/story"
    teaser_headline = factory.Sequence(lambda n: f"Elsewhere story {n}")
    teaser_image = None

    @staticmethod
    def attrs(target, url, teaser_headline, teaser_image):
        if target is not None:
            return {"article": target.pk}
        return {
            "url": url,
            "headline": teaser_headline,
            "image": teaser_image.pk if teaser_image else None,
        }


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.django.Password("correct horse battery")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))
            self.save()


def make_page(title, slug, parent=None, **fields):
    """A page (About, Contact…), published unless told otherwise, checked as the
    admin checks it."""
    fields.setdefault("status", Page.Status.PUBLISHED)
    page = Page(title=title, slug=slug, parent=parent, **fields)
    page.full_clean()
    page.save()
    return page
