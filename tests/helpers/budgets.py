"""How many queries a reader page may make (README: performance budgets)."""

# The article (with its tags, corrections, live updates, the ids of what its stored
# body places and the reader's like), bylines, Check Also with the related stories,
# how many threads of comments there are (for their pages) and the page's comments.
ARTICLE_BUDGET = 5
LISTING_BUDGET = 6
# Site-wide data cached for every page (the section tree, the site settings, the
# pages' tree for the footer menu; on the home page also this week's most liked
# and most discussed): a cold cache costs these on top of a page's budget, once.
SITE_WIDE = 3
