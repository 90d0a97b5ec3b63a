"""The image library in the admin: upload, describe, focal point and crops."""

from functools import partial

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from . import crops, permissions, renditions, stash, storage, validation
from .forms import CaptionedImageForm
from .models import CaptionedImage, Crop


def thumbnail(image, size=60):
    """A library image's square thumbnail: its 1:1 crop, as readers' thumbnails show it."""
    if image is None or not image.image:
        return "—"
    return format_html(
        '<img class="admin-thumb" src="{}" alt="" width="{}" height="{}">',
        renditions.rendition_url(image, Crop.SQUARE, size * 2),
        size,
        size,
    )


@admin.register(CaptionedImage)
class CaptionedImageAdmin(admin.ModelAdmin):
    form = CaptionedImageForm
    list_display = ["thumb", "title", "credit", "dimensions", "renditions_made", "created_at"]
    list_display_links = ["thumb", "title"]
    list_filter = ["decorative"]
    search_fields = ["title", "caption", "credit", "alt_text"]
    date_hierarchy = "created_at"
    readonly_fields = ["picker", "crop_previews"]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/focal-point.js", "js/image-upload.js"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        stash_url = reverse(f"{self.admin_site.name}:images_captionedimage_stash")
        return type(form.__name__, (form,), {"user": request.user, "stash_url": stash_url})

    def get_fieldsets(self, request, obj=None):
        about = ["upload", "stashed_upload", "title", "alt_text", "decorative", "caption", "credit"]
        if obj is None:
            return [(None, {"fields": about})]
        return [
            (None, {"fields": ["picker", *about]}),
            (
                "Focal point and crops",
                {
                    "fields": [("focal_x", "focal_y"), "crop_wide", "crop_square", "crop_previews"],
                    "description": "Every crop keeps the focal point in frame. Draw a crop "
                    "by hand only where the automatic one cuts something important.",
                },
            ),
        ]

    def get_urls(self):
        thumbnail_url = path(
            "<int:object_id>/thumbnail/",
            self.admin_site.admin_view(self.thumbnail_view),
            name="images_captionedimage_thumbnail",
        )
        stash_url = path(
            "stash/",
            self.admin_site.admin_view(require_POST(self.stash_view)),
            name="images_captionedimage_stash",
        )
        return [thumbnail_url, stash_url, *super().get_urls()]

    def stash_view(self, request):
        """Take an upload ahead of the form (static/js/image-upload.js sends it as soon
        as it is chosen, with a progress bar): check it, keep it, and answer with the
        token the form sends instead of the file, and a thumbnail to show."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        file = request.FILES.get("upload")
        if file is None:
            return JsonResponse({"error": "Choose a file to upload."}, status=400)
        try:
            upload = validation.inspect(file)
        except ValidationError as error:
            return JsonResponse({"error": " ".join(error.messages)}, status=400)
        return JsonResponse(
            {
                "token": stash.put(upload, request.user),
                "filename": file.name,
                "thumbnail": stash.thumbnail(upload.picture),
            }
        )

    def thumbnail_view(self, request, object_id):
        """The image's small square rendition, for the image pickers' thumbnails."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        image = get_object_or_404(CaptionedImage, pk=object_id)
        url = renditions.rendition_url(image, Crop.SQUARE, 96)
        if not url:
            raise Http404("This image has no file.")
        return redirect(url)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if obj is None or not allowed:
            return allowed
        return permissions.may_change(request.user, obj)

    def save_model(self, request, obj, form, change):
        if change:
            # Asked of the image as stored, not as the form would change it.
            refusal = permissions.refusal(request.user, CaptionedImage.objects.get(pk=obj.pk))
            if refusal:
                raise PermissionDenied(refusal)
        else:
            obj.uploaded_by = request.user
        upload = form.cleaned_data.get("upload")
        typed = (obj.caption, obj.credit)
        storage.save(obj, upload)
        if upload and form.stash_token:
            transaction.on_commit(partial(stash.discard, form.stash_token, request.user))
        if upload and (obj.caption, obj.credit) != typed:
            self.message_user(
                request,
                "The caption or credit was filled in from the file's metadata: check it.",
                messages.WARNING,
            )

    def delete_model(self, request, obj):
        files = storage.files_of(obj)
        super().delete_model(request, obj)
        transaction.on_commit(partial(storage.delete_files, files))

    def delete_queryset(self, request, queryset):
        files = [file for image in queryset for file in storage.files_of(image)]
        super().delete_queryset(request, queryset)
        transaction.on_commit(partial(storage.delete_files, files))

    @admin.display(description="image")
    def thumb(self, obj):
        return thumbnail(obj)

    @admin.display(description="size")
    def dimensions(self, obj):
        return f"{obj.width} × {obj.height}" if obj.width else "—"

    @admin.display(description="renditions", boolean=True)
    def renditions_made(self, obj):
        return bool((obj.rendition_cache or {}).get("crops"))

    @admin.display(description="picture")
    def picker(self, obj):
        """The picture, with its focal point and crops drawn on it. Clicking sets the
        focal point (static/js/focal-point.js); without JavaScript, type it below.

        The marks are an SVG over the picture, placed by their x, y, width and
        height attributes: the Content Security Policy refuses style attributes,
        and attributes need no script, so the crops show without JavaScript too.
        Each mark is a foreignObject holding the HTML that static/css/admin.css
        draws (dashed frame, label, ringed marker)."""
        if not obj.pk or not obj.image or not obj.width:
            return "—"
        outlines = []
        for crop, css in ((Crop.WIDE, "wide"), (Crop.SQUARE, "square")):
            box = crops.crop_box(
                obj.width,
                obj.height,
                crops.SHAPES[crop],
                (obj.focal_x, obj.focal_y),
                (obj.crops or {}).get(crop),
            )
            outlines.append(
                format_html(
                    '<foreignObject class="crop-outline crop-outline-{}" data-crop="{}" '
                    'x="{}%" y="{}%" width="{}%" height="{}%">'
                    '<div class="crop-frame"><span class="crop-label">{}</span></div>'
                    "</foreignObject>",
                    css,
                    crop,
                    *(
                        f"{value:.3f}"
                        for value in (
                            100 * box[0] / obj.width,
                            100 * box[1] / obj.height,
                            100 * (box[2] - box[0]) / obj.width,
                            100 * (box[3] - box[1]) / obj.height,
                        )
                    ),
                    crop,
                )
            )
        return format_html(
            '<div class="focal-picker" data-width="{}" data-height="{}">'
            '<img src="{}" alt="" width="{}" height="{}">'
            '<svg class="focal-overlay" aria-hidden="true" focusable="false">{}'
            '<foreignObject class="focal-marker" x="{}%" y="{}%" width="28" height="28" '
            'transform="translate(-14 -14)"><div class="focal-marker-ring"></div></foreignObject>'
            "</svg></div>",
            obj.width,
            obj.height,
            renditions.rendition_url(obj, Crop.ORIGINAL, 640),
            obj.width,
            obj.height,
            mark_safe("".join(outlines)),  # noqa: S308 - built with format_html above
            f"{obj.focal_x * 100:.2f}",
            f"{obj.focal_y * 100:.2f}",
        )

    @admin.display(description="what readers get")
    def crop_previews(self, obj):
        if not (obj.rendition_cache or {}).get("crops"):
            return "The renditions are being made: reload the page in a moment."
        return format_html_join(
            "",
            '<figure class="crop-preview"><img src="{}" alt="" height="120">'
            "<figcaption>{}</figcaption></figure>",
            (
                (renditions.rendition_url(obj, crop, 320), label)
                for crop, label in ((Crop.WIDE, "16:9 card"), (Crop.SQUARE, "1:1 thumbnail"))
            ),
        )
