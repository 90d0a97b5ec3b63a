"""What the image library tells other apps.

- `renditions_made`, with `image`: an image's renditions were (re)made and its
  row's `rendition_cache` written with a queryset update, which sends no
  post_save. Pages that stored the picture's HTML draw it again.
"""

from django.dispatch import Signal

renditions_made = Signal()
