"""The summary an import ends with: what it did, and what needs a person's attention."""

from collections import Counter

# WordPress's own shortcodes for what Newsroom will have once the editor has blocks.
LATER = {
    "gallery": "none of their pictures was found",
    "audio": "no file address in them",
    "video": "no file address in them",
    "playlist": "Newsroom has no playlists",
    "embed": "no address in them",
}


class Report:
    """What a run did and what needs a person's attention: the summary at the end."""

    EXAMPLES = 20
    TOPICS = {
        "missing": "Pictures in posts not found under --media-dir (kept in the text as "
        "“Image: caption (old address)”)",
        "attachments_missing": "Attachments whose file was not found under --media-dir (not "
        "imported; still at their old address)",
        "not_pictures": "Attachments that are not pictures (not imported; still at their old "
        "address)",
        "refused": "Pictures the image library refused",
        "featured": "Featured images that could not be imported (no lead image)",
        "long": "Longer than their field: shortened there at a word, kept whole as said",
        "slugs": "Addresses changed to stay unique",
        "private": "Password-protected posts (imported unpublished: Newsroom has no passwords)",
        "no_id": "Posts without a WordPress id (wp:post_id), each imported under one made "
        "from its GUID, address, title and date",
        "dates": "Dates that could not be read",
        "comments": "Comment details not kept",
        "other": "Other notes",
    }

    def __init__(self):
        self.site = None
        self.source = ""
        self.counts = Counter()  # (kind, "created" / "updated")
        self.skipped = Counter()
        self.skipped_examples = {}
        self.notes = {}
        self.shortcodes = Counter()
        self.shortcode_posts = {}
        self.removed = Counter()
        self.dynamic_blocks = Counter()
        self.taxonomies = Counter()
        self.tallies = Counter()

    def count(self, kind, action, number=1):
        self.counts[kind, action] += number

    def skip(self, reason, example=""):
        self.skipped[reason] += 1
        examples = self.skipped_examples.setdefault(reason, [])
        if example and len(examples) < 5:
            examples.append(example)

    def note(self, topic, line):
        self.notes.setdefault(topic, []).append(line)

    def shortcode(self, name, number, post):
        self.shortcodes[name] += number
        posts = self.shortcode_posts.setdefault(name, [])
        if len(posts) < self.EXAMPLES:
            posts.append(post)

    def _shortcode_lines(self):
        out = []
        for name, later in LATER.items():
            if number := self.shortcodes[name]:
                out.append(f"[{name}] shortcodes: {number}, kept as text: {later}")
        if self.shortcodes:
            out.append("Shortcodes Newsroom does not know, kept in the text as they were:")
            for name, number in self.shortcodes.most_common():
                posts = ", ".join(self.shortcode_posts[name])
                more = "…" if len(self.shortcode_posts[name]) == self.EXAMPLES else ""
                out.append(f"  [{name}] ×{number} in posts {posts}{more}")
        return out

    def lines(self):
        site = self.site
        out = [f"Imported {self.source} (WXR {site.version})."]
        for kind, label in (
            ("author", "Authors"),
            ("section", "Sections"),
            ("tag", "Tags"),
            ("image", "Library images"),
            ("article", "Articles"),
            ("page", "Pages"),
            ("gallery", "Galleries"),
            ("comment", "Comments"),
            ("redirect", "Old addresses redirected"),
        ):
            created, updated = self.counts[kind, "created"], self.counts[kind, "updated"]
            out.append(f"  {label}: {created} created, {updated} updated")
        for what, number in sorted(self.tallies.items()):
            out.append(f"  {what}: {number}")
        if self.skipped:
            out.append("Skipped:")
            for reason, number in sorted(self.skipped.items()):
                examples = ", ".join(self.skipped_examples.get(reason, []))
                out.append(f"  {reason}: {number}" + (f" (e.g. {examples})" if examples else ""))
        out.extend(self._shortcode_lines())
        if self.dynamic_blocks:
            names = ", ".join(f"{n} ×{c}" for n, c in self.dynamic_blocks.most_common())
            out.append(
                "Blocks WordPress fills in when a page is shown (not in the export, so "
                f"not imported): {names}"
            )
        if self.removed:
            names = ", ".join(f"<{n}> ×{c}" for n, c in self.removed.most_common())
            out.append(
                f"HTML a body cannot hold, removed (its text kept, except scripts and styles): "
                f"{names}"
            )
        if self.taxonomies:
            names = ", ".join(f"{n} ×{c}" for n, c in self.taxonomies.most_common())
            out.append(f"Other taxonomies on posts, not imported: {names}")
        for topic, title in self.TOPICS.items():
            lines = self.notes.get(topic)
            if lines:
                out.append(f"{title}: {len(lines)}")
                out.extend(f"  {line}" for line in lines)
        return out
