"""Load the demo content. Safe to run again: what exists is left as it is, so an
editor's changes to a demo article survive the next `make run`."""

from datetime import timedelta

from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from articles import blocks
from articles import body as body_rules
from articles.editorial import workflow
from articles.models import Article, Author, Byline, Section
from images import library as images
from images.models import CaptionedImage

from . import content
from . import images as pictures
from .galleries import ensure_gallery
from .pages import ensure_pages

EDITOR_USERNAME = "editor"
EDITOR_PASSWORD = "newsroom-editor"  # noqa: S105 - a local demo account, printed on purpose


def ensure_image(key, spec=None):
    spec = spec or content.IMAGES[key]
    image = CaptionedImage.objects.filter(title=spec["title"]).first()
    if image is not None and image.image and image.image.storage.exists(image.image.name):
        return image, False
    data = pictures.scene(key, spec["palette"], spec["motif"])
    image = image or CaptionedImage(title=spec["title"])
    image.alt_text = spec["alt"]
    image.caption = spec.get("caption", "")
    image.credit = spec.get("credit", "")
    images.save(image, images.inspect(ContentFile(data, name=f"demo-{key}.jpg")))
    return image, True


def ensure_sections():
    sections = {}
    for position, (path, name, description) in enumerate(content.SECTIONS):
        parent_path, _, slug = path.rpartition("/")
        parent = sections.get(parent_path) if parent_path else None
        section = Section.objects.filter(path=path).first()
        if section is None:
            section = Section.objects.create(
                name=name, slug=slug, parent=parent, description=description, position=position
            )
        sections[path] = section
    return sections


def ensure_authors():
    authors = {}
    for spec in content.AUTHORS:
        author = Author.objects.filter(slug=spec["slug"]).first()
        if author is None:
            photo = CaptionedImage.objects.filter(title=f"Portrait of {spec['name']}").first()
            if photo is None:
                photo = CaptionedImage(
                    title=f"Portrait of {spec['name']}", alt_text=f"{spec['name']}"
                )
                portrait = pictures.portrait(spec["name"], spec["colour"])
                images.save(
                    photo, images.inspect(ContentFile(portrait, name=f"demo-{spec['slug']}.jpg"))
                )
            author = Author.objects.create(
                name=spec["name"], slug=spec["slug"], bio=spec["bio"], photo=photo
            )
        authors[spec["slug"]] = author
    return authors


def ensure_editor():
    """A staff account in the Editors group for trying the admin; never reset."""
    user = User.objects.filter(username=EDITOR_USERNAME).first()
    created = user is None
    if created:
        user = User.objects.create_user(
            EDITOR_USERNAME,
            email="editor@example.com",
            password=EDITOR_PASSWORD,
            first_name="Demo",
            last_name="Editor",
            is_staff=True,
        )
    user.groups.add(Group.objects.get(name="Editors"))
    return user, created


@transaction.atomic
def load():
    """Create whatever part of the demo is missing. Returns the number of articles made."""
    sections = ensure_sections()
    authors = ensure_authors()
    ensure_pages()
    made = {}
    now = timezone.now()
    for spec in content.ARTICLES:
        section = sections[spec["section"]]
        if Article.objects.filter(section=section, slug=spec["slug"]).exists():
            continue
        status = spec.get("status", Article.Status.PUBLISHED)
        article = Article(
            headline=spec["headline"],
            slug=spec["slug"],
            standfirst=spec["standfirst"],
            body="".join(f"<p>{escape(text)}</p>" for text in spec["paragraphs"]),
            section=section,
            is_developing=spec.get("developing", False),
        )
        published_at = (
            now - timedelta(hours=spec["hours_ago"]) if status == Article.Status.PUBLISHED else None
        )
        created = workflow.imported(article, status, published_at, note="Demo content")
        if spec.get("lead_image"):
            article.lead_image = ensure_image(spec["lead_image"])[0]
        article.save()
        created.save()
        for position, slug in enumerate(spec["authors"]):
            Byline.objects.create(article=article, author=authors[slug], position=position)
        article.tags.set(spec["tags"])
        made[spec["slug"]] = (article, spec)

    # Links and picks point at other demo articles, so they come once all exist.
    by_slug = {article.slug: article for article in Article.objects.all()}
    for article, spec in made.values():
        placed = [
            (after, blocks.canonical("image", {"image": ensure_image(key)[0].pk}))
            for key, after in spec.get("figures", [])
        ]
        for link in spec.get("related", []):
            if "target" in link:
                attrs = {"article": by_slug[link["target"]].pk}
            else:
                image = ensure_image(link["image"])[0].pk if link.get("image") else None
                attrs = {"url": link["url"], "headline": link["headline"], "image": image}
            placed.append((link["after"], blocks.canonical("related", attrs)))
        if placed:
            pieces = body_rules.paragraphs(article.body)
            article.body = blocks.place(pieces, sorted(placed, key=lambda p: p[0]))
            article.save(update_fields=["body"])
        if spec.get("check_also"):
            article.check_also = by_slug[spec["check_also"]]
            article.save(update_fields=["check_also"])
    ensure_gallery(ensure_image)
    return len(made)
