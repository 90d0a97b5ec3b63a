"""The body editor's side of blocks (static/js/prose-blocks.js): find what to place
(library images, our articles by headline, galleries), show a block as readers
will see it, and add a freshly uploaded picture to the library.

Each answer is JSON for staff who may write articles (`desk.may_edit`, the
editorial gate); an article is found or shown only when this person may see it
(`permissions.visible_articles`), an image added only by who may add images."""

from django.contrib.admin.utils import flatten_fieldsets
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from images.models import CaptionedImage, Crop
from images.renditions import rendition_url

from .. import blocks, placed
from .. import body as body_rules
from ..editorial import desk, permissions
from ..models import Gallery
from . import previews

FOUND = 12  # answers to a search
TEMPLATES = {
    "image": "admin/articles/blocks/image.html",
    "related": "admin/articles/blocks/related.html",
    "gallery": "admin/articles/blocks/gallery.html",
    "embed": "admin/articles/blocks/embed.html",
}


def _thumbnail(image):
    return rendition_url(image, Crop.SQUARE, 96) if image is not None else ""


class BlocksMixin:
    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("blocks/", wrap(require_GET(self.blocks_view)), name="articles_article_blocks"),
            path(
                "blocks/image/",
                wrap(require_POST(self.block_image_view)),
                name="articles_article_block_image",
            ),
            *super().get_urls(),
        ]

    def blocks_view(self, request):
        """GET `find` (image, related, gallery) and `q`: what matches, newest first.
        GET `show` (a block's element, as the body holds it): the block drawn as
        readers will see it, or 404 when what it names is gone or hidden."""
        desk.may_edit(request.user, None)
        if "show" in request.GET:
            return self._show(request, request.GET["show"])
        finders = {"image": self._images, "related": self._articles, "gallery": self._galleries}
        finder = finders.get(request.GET.get("find", ""))
        if finder is None:
            return JsonResponse(
                {"error": "Say what to find: image, related or gallery."}, status=400
            )
        term = " ".join(request.GET.get("q", "").split())[:100]
        return JsonResponse({"results": finder(request, term)})

    def _images(self, request, term):
        images = CaptionedImage.objects.order_by("-created_at", "-pk")
        if term:
            images = images.filter(
                Q(title__icontains=term) | Q(caption__icontains=term) | Q(credit__icontains=term)
            )
        return [
            {"id": image.pk, "text": image.title or image.caption, "thumbnail": _thumbnail(image)}
            for image in images[:FOUND]
        ]

    def _articles(self, request, term):
        articles = permissions.visible_articles(request.user).select_related("lead_image")
        if term:
            articles = articles.filter(headline__icontains=term)
        return [
            {
                "id": article.pk,
                "text": article.headline,
                "detail": article.state_label,
                "thumbnail": _thumbnail(article.lead_image),
            }
            for article in articles.order_by("-updated_at", "-pk")[:FOUND]
        ]

    def _galleries(self, request, term):
        galleries = Gallery.objects.all()
        if term:
            galleries = galleries.filter(title__icontains=term)
        return [{"id": gallery.pk, "text": gallery.title} for gallery in galleries[:FOUND]]

    def _show(self, request, markup):
        ref = blocks.parse(body_rules.sanitize(markup[:3000]))
        if ref is None:
            return JsonResponse({"error": "This is not a block."}, status=400)
        target = ref.number("article") if ref.kind == "related" else None
        if (
            target is not None
            and not permissions.visible_articles(request.user).filter(pk=target).exists()
        ):
            return JsonResponse({"error": "No such article."}, status=404)
        item = placed.Items([ref]).item(ref)
        if item is None:
            return JsonResponse({"error": "What this block shows is no longer there."}, status=404)
        context = {"item": item, "ref": ref}
        if ref.kind == "related" and item.target_id and not item.target.is_public:
            context["state"] = item.target.state_label
        if ref.kind == "embed":
            context["state"] = previews.preview_state(item)
        return JsonResponse({"html": render_to_string(TEMPLATES[ref.kind], context)})

    def block_image_view(self, request):
        """POST a kept upload's `stashed_upload` token with `alt_text` (or
        `decorative`), `title`, `caption` and `credit`: the picture joins the
        library. Answers its id, or the form's errors by field."""
        desk.may_edit(request.user, None)
        images = self.admin_site.get_model_admin(CaptionedImage)
        if not images.has_add_permission(request):
            raise PermissionDenied
        form_class = images.get_form(
            request, None, fields=flatten_fieldsets(images.get_fieldsets(request))
        )
        data = request.POST.copy()
        data.setdefault("focal_x", "0.5")
        data.setdefault("focal_y", "0.5")
        if not data.get("title"):
            data["title"] = data.get("caption", "")[:100] or data.get("alt_text", "")[:100]
        form = form_class(data, {})
        if not form.is_valid():
            errors = {name: " ".join(messages) for name, messages in form.errors.items()}
            return JsonResponse({"errors": errors}, status=400)
        image = form.save(commit=False)
        images.save_model(request, image, form, change=False)
        return JsonResponse(
            {
                "id": image.pk,
                "markup": blocks.canonical("image", {"image": image.pk}),
                "change": reverse(
                    f"{self.admin_site.name}:images_captionedimage_change", args=[image.pk]
                ),
            }
        )
