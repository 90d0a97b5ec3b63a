"""The demo newsroom's standing pages (About, our team, Contact, the corrections
policy, Privacy, Terms, Advertise), in the footer in this order. Made once:
an editor's changes to them survive the next `make run`."""

from articles.models import Page

# (path, title, summary, in the footer, paragraphs)
PAGES = [
    (
        "about", "About us", "Who we are and how we report.", True,
        [
            "The Daily Newsroom is an independent newsroom. We report the news "
            "of the world, of politics, business and technology, and of the "
            "places our readers live.",
            "We are funded by our readers and by advertising that never decides "
            "what we report.",
        ],
    ),
    (
        "about/team", "Our team", "The editors and reporters behind the stories.", False,
        [
            "Our reporters work from London, Brussels and Washington. Each "
            "article names who wrote it; their author pages list their work.",
        ],
    ),
    (
        "contact", "Contact", "How to reach the newsroom.", True,
        [
            "News tips: tips@example.com. Letters to the editor: "
            "letters@example.com. We read everything and answer what we can.",
        ],
    ),
    (
        "corrections-policy", "Corrections policy", "How we correct our mistakes.", True,
        [
            "When we get something wrong we say so. A correction is added to "
            "the article, dated, and listed on our corrections page.",
            "Small changes that do not alter the meaning (a typing error, a "
            "broken link) are made without a note.",
        ],
    ),
    (
        "privacy", "Privacy", "What we keep about readers, and why.", True,
        [
            "We set no tracking cookies. A like is counted with a random "
            "identifier kept in your browser; a comment keeps the name, email "
            "and address you give, and your IP address for thirty days.",
            "Videos and posts from other sites load only when you click them, "
            "so those sites learn nothing of readers who do not.",
        ],
    ),
    (
        "terms", "Terms of use", "The rules for using this site.", True,
        ["Our articles are ours; quote them with a link. Comments must be civil."],
    ),
    (
        "advertise", "Advertise", "Reach our readers.", True,
        ["Advertising is sold separately from the newsroom: ads@example.com."],
    ),
]  # fmt: skip


def ensure_pages():
    """Create the demo pages that are missing. Returns how many were made."""
    made = 0
    pages = {}
    for position, (path, title, summary, in_footer, paragraphs) in enumerate(PAGES):
        page = Page.objects.filter(path=path).first()
        if page is None:
            parent_path, _, slug = path.rpartition("/")
            page = Page.objects.create(
                title=title,
                slug=slug,
                parent=pages.get(parent_path),
                summary=summary,
                body="".join(f"<p>{text}</p>" for text in paragraphs),
                status=Page.Status.PUBLISHED,
                in_footer=in_footer,
                footer_position=position,
            )
            made += 1
        pages[path] = page
    return made
