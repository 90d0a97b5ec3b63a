"""Content shaped like Newsroom's benchmark articles (generate_articles): sections
and subsections, authors with photos, a lead image with a caption, a body of
eight paragraphs with a captioned image after the second, a link elsewhere after
the third and a related story after the fifth, three of 200 tags, four related
stories. Prints the benchmarked article's address, its SQL queries and size."""

import io
import json
import random
from datetime import timedelta

from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image as Picture
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Page, Site

from news.models import ArticlePage, Author, HomePage, RelatedStory, SectionPage

SECTIONS = [
    ("world-news", "World News", ["europe", "americas"]),
    ("politics", "Politics", ["elections"]),
    ("technology", "Technology", ["space", "ai"]),
    ("science", "Science", ["climate", "health"]),
]
AUTHORS = ["Maya Okafor", "Tom Lindqvist", "Priya Raman", "Daniel Hughes", "Ana Sousa"]
PARAGRAPHS = 8


class Text:
    def __init__(self, rng):
        self.rng = rng
        onsets = ("b", "br", "c", "d", "dr", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s",
                  "st", "t", "th", "tr", "v", "w", "z")  # fmt: skip
        syllables = [o + v for o in onsets for v in ("a", "e", "i", "o", "u", "ai", "ou")]
        self.words = ["the", "minister", "council", "report", "tou", "dru", "sta"] + [
            "".join(rng.sample(syllables, rng.choice((1, 2, 2, 3)))) for _ in range(3000)
        ]

    def phrase(self, shortest, longest):
        words = self.rng.choices(self.words, k=self.rng.randint(shortest, longest))
        return " ".join(words).capitalize()

    def paragraph(self):
        sentences = (self.phrase(8, 16) + "." for _ in range(self.rng.choice((2, 2, 3))))
        return "<p>" + " ".join(sentences) + "</p>"


def picture(rng, title, size):
    image = Picture.new("RGB", size, tuple(rng.randrange(40, 220) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        r = rng.randrange(40, 300)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randrange(256) for _ in range(3)))
    data = io.BytesIO()
    image.save(data, "JPEG", quality=85)
    return Image.objects.create(title=title, file=ImageFile(data, name=f"{title}.jpg"))


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000)

    def handle(self, *args, articles, **options):
        if not ArticlePage.objects.exists():
            with transaction.atomic():
                self.make(articles)
        self.stdout.write(json.dumps(self.measure()))

    def make(self, count):
        rng = random.Random(20)
        text = Text(rng)
        images = [picture(rng, f"picture-{i}", (1600, 1000)) for i in range(16)]
        authors = [
            Author.objects.create(name=name, slug=name.lower().replace(" ", "-"),
                                  bio=text.phrase(20, 28) + ".",
                                  photo=picture(rng, f"portrait-{i}", (600, 600)))
            for i, name in enumerate(AUTHORS)
        ]  # fmt: skip
        Page.objects.filter(depth=2).delete()  # Wagtail's welcome page (and its site)
        home = Page.get_first_root_node().add_child(instance=HomePage(title="Home", slug="home"))
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True,
                            site_name="The Daily Wagtail")  # fmt: skip
        sections = []
        for slug, title, children in SECTIONS:
            top = home.add_child(instance=SectionPage(title=title, slug=slug, show_in_menus=True,
                                                      intro=text.phrase(6, 10)))  # fmt: skip
            sections.append(top)
            for child in children:
                page = SectionPage(title=child.title(), slug=child, intro=text.phrase(6, 10))
                sections.append(top.add_child(instance=page))
        now = timezone.now()
        made = []
        for number in range(1, count + 1):
            body = [("paragraph", text.paragraph()) for _ in range(PARAGRAPHS)]
            # After paragraphs 2, 3 and 5, as generate_articles places them.
            if made:
                body.insert(5, ("related", {"page": made[-1], "url": "", "title": ""}))
            body.insert(3, ("related", {"page": None, "url": "https://example.org/",
                                        "title": "Background"}))  # fmt: skip
            body.insert(2, ("image", {"image": rng.choice(images), "caption": text.phrase(6, 12),
                                      "attribution": rng.choice(AUTHORS)}))  # fmt: skip
            article = ArticlePage(
                title=f"{text.phrase(5, 9)} {number}", slug=f"article-{number}",
                intro=text.phrase(14, 24) + ".", date=now - timedelta(minutes=number * 7),
                lead_image=rng.choice(images), lead_caption=text.phrase(6, 12),
                lead_attribution=rng.choice(AUTHORS), author=rng.choice(authors), body=body,
            )  # fmt: skip
            article.tags.add(*(f"Topic {n}" for n in rng.sample(range(200), 3)))
            if len(made) >= 4:
                article.related_stories = [RelatedStory(story=s) for s in rng.sample(made, 4)]
            made.append(rng.choice(sections).add_child(instance=article))
        self.stderr.write(f"Made {count} articles in {len(sections)} sections.")

    def measure(self):
        """Render the benchmarked article once (its renditions are made now, not
        under load) and count its queries on a second, warm render."""
        # Like Newsroom's (bench/run.py): the sixth newest, in a top-level section.
        article = ArticlePage.objects.live().filter(depth=4).order_by("-date")[5]
        client = Client(HTTP_HOST="127.0.0.1")
        client.get(article.url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(article.url)
        assert response.status_code == 200, response.status_code
        return {"article": article.url, "queries": len(queries), "bytes": len(response.content)}
