"""An article page the way a Wagtail site builds one (after bakerydemo): sections
are pages, the body is a StreamField, the author a snippet, tags through
modelcluster, related stories an orderable."""

from django.db import models
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Orderable, Page
from wagtail.snippets.models import register_snippet


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False)
    attribution = blocks.CharBlock(required=False)

    class Meta:
        template = "news/blocks/captioned_image.html"


class RelatedLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(required=False, page_type="news.ArticlePage")
    url = blocks.URLBlock(required=False)
    title = blocks.CharBlock(required=False)

    class Meta:
        template = "news/blocks/related_link.html"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])
    image = CaptionedImageBlock()
    related = RelatedLinkBlock()


@register_snippet
class Author(models.Model):
    name = models.CharField(max_length=100)
    slug = models.SlugField(unique=True)
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return self.name


class HomePage(Page):
    subpage_types = ["news.SectionPage"]


class SectionPage(Page):
    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["news.SectionPage", "news.ArticlePage"]


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "news.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(Page):
    intro = models.TextField(help_text="The standfirst.")
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_caption = models.CharField(max_length=255, blank=True)
    lead_attribution = models.CharField(max_length=255, blank=True)
    author = models.ForeignKey(
        Author, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    date = models.DateTimeField()
    body = StreamField(BodyBlock())
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("author"),
        FieldPanel("date"),
        FieldPanel("lead_image"),
        FieldPanel("lead_caption"),
        FieldPanel("body"),
        FieldPanel("tags"),
        InlinePanel("related_stories", label="Related stories"),
    ]
    parent_page_types = ["news.SectionPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        related = [item.story_id for item in self.related_stories.all()]
        stories = ArticlePage.objects.live().filter(pk__in=related).select_related("lead_image")
        context["related"] = sorted(stories, key=lambda story: related.index(story.pk))
        return context


class RelatedStory(Orderable):
    page = ParentalKey(ArticlePage, related_name="related_stories", on_delete=models.CASCADE)
    story = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("story")]
