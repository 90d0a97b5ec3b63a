"""
The page-cache keys of what articles' reader pages show (pagecache/keys.py),
named here once: views and feeds record them while drawing a page
(`show_cards`, `show_article_page`), and articles/purging.py purges them when
the thing changes.

- `article:<id>`: what every mention of an article shows (its headline,
  standfirst, picture, address, date, the "Developing" badge): its page, a
  card, a feed item, a teaser, a link in another article's body.
- `article-page:<id>`: what only its own page shows (its body and figures,
  corrections, live updates, related links, galleries, embeds), and its feed
  items (when its text last changed; the whole text with
  NEWSROOM_FEED_FULL_TEXT). A correction or a typo fix in the body purges its
  page and the feeds, not every listing that shows its card.
- `likes:<id>`, `comments:<id>`: its like count, its approved comments and
  their count (the article page and its cards).
- `article-tags:<id>`: which tags an article has (its page, feed items).
- `section:<id>`, `author:<id>`, `tag:<id>`: their names, addresses, photos;
  `gallery:<id>`: a gallery's pictures and their order.
- `list:...`: a listing an article enters when it becomes public or moves
  (its section's and its ancestors', its tags', its authors', its year's
  archive, the latest on the home page and the site feeds, every public
  article in the sitemaps), and the front page's pinned places.
- `list:popular`: what the front page's "most liked" and "most discussed"
  count (likes, approved comments). No page shows it: the counts are kept until
  it is purged or for a minute (articles/discovery/frontpage.py).
- `embed:<hash of its address>`: an embed's preview (title, thumbnail), on the
  pages (About…) that embed it.
- `nav`: the sections menu on every page (the top-level sections); `footer`:
  the pages in the footer menu, also on every page; `pages`: the page tree
  (About, Contact…), shown by every page's own view (its parents, children).

"Related stories" under an article are not purged when a new article could
enter them: they are redrawn with the page (NEWSROOM_PAGE_CACHE_SECONDS at
most), and at once when an article they show changes.
"""

import hashlib

import pagecache
from images.pagekeys import image

NAV = "nav"
FOOTER = "footer"
PAGES = "pages"
LATEST = "list:latest"
FRONT = "list:front"
CORRECTIONS = "list:corrections"
POPULAR = "list:popular"
ALL = "list:all"


def article(pk):
    return f"article:{pk}"


def page_of(pk):
    """What only the article's own page and its feed items show."""
    return f"article-page:{pk}"


def likes(pk):
    return f"likes:{pk}"


def comments(pk):
    return f"comments:{pk}"


def tags_of(pk):
    """Which tags an article has (its page and feed items list them)."""
    return f"article-tags:{pk}"


def gallery(pk):
    return f"gallery:{pk}"


def embed(url):
    """An embedded address's preview (its provider's title and thumbnail)."""
    return "embed:" + hashlib.sha256(url.encode()).hexdigest()[:20]


def section(pk):
    return f"section:{pk}"


def author(pk):
    return f"author:{pk}"


def tag(pk):
    return f"tag:{pk}"


def section_list(pk):
    return f"list:section:{pk}"


def author_list(pk):
    return f"list:author:{pk}"


def tag_list(pk):
    return f"list:tag:{pk}"


def archive(year):
    return f"list:archive:{year}"


def item_keys(item):
    """What a mention of an article shows (a feed item, a teaser, a link in the
    body): its headline, address, image, and its authors when its bylines were
    fetched with it (read only if prefetched: recording keys runs no query)."""
    keys = [article(item.pk), section(item.section_id)]
    if item.lead_image_id:
        keys.append(image(item.lead_image_id))
    bylines = getattr(item, "_prefetched_objects_cache", {}).get("bylines")
    if bylines is not None:
        keys += [author(byline.author_id) for byline in bylines]
    return keys


def card_keys(item):
    """What a card shows: a mention, and its like and comment counts."""
    return [*item_keys(item), likes(item.pk), comments(item.pk)]


def show_cards(articles):
    """The page being drawn shows these articles as cards."""
    pagecache.shows(*(key for item in articles if item is not None for key in card_keys(item)))


def show_items(articles):
    """The page being drawn mentions these articles (no counts)."""
    pagecache.shows(*(key for item in articles if item is not None for key in item_keys(item)))


def show_sections(sections):
    pagecache.shows(*(section(item.pk) for item in sections))


def show_author(item):
    pagecache.shows(author(item.pk), image(item.photo_id) if item.photo_id else None)


def show_article_page(item, breadcrumbs, teasers):
    """The article page: the article, its sections, authors, tags, images, the
    articles its body links to and the related stories under it."""
    show_cards(teasers)
    show_sections(breadcrumbs)
    for person in item.ordered_authors:
        show_author(person)
    pagecache.shows(
        *card_keys(item),
        page_of(item.pk),
        tags_of(item.pk),
        *(tag(each.pk) for each in item.tags.all()),
        *(image(figure.image_id) for figure in item.figures.all()),
    )
    for placement in item.galleries.all():
        pagecache.shows(gallery(placement.gallery_id))
        pagecache.shows(*(image(each.image_id) for each in getattr(placement, "pictures", [])))
    for link in item.link_keys:
        # The body's related links as the article view reads them (ids only): a
        # teaser shows its article's headline, address and picture, or its own.
        if link["target"]:
            pagecache.shows(article(link["target"]), section(link["target__section"]))
        for picture in (link["target__lead_image"], link["teaser_image"]):
            if picture:
                pagecache.shows(image(picture))
