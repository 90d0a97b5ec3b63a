"""The page-cache key of a library image (pagecache/keys.py): every page that
shows it carries `image:<id>`, and a change to the image (caption, credit,
file, crop) purges exactly those pages."""


def image(pk):
    return f"image:{pk}"


def purges(captioned_image):
    return [image(captioned_image.pk)]
