"""
Reader comments from a WordPress export (the import itself is articles/wordpress/).

They are written straight to the model, not through `moderation.submit`: they were
moderated on the old site, so no flood, bot or word checks apply. Each keeps its
state (approved, pending, spam; WordPress's trash becomes removed), its place in
the thread, its time, address and website; the article's comment count is then
recounted from the approved ones.
"""

import html
import ipaddress
import re

import nh3
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from articles.models import Article, ImportedObject
from articles.wordpress import content

from .models import Comment

STATES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REMOVED,
    "post-trashed": Comment.Status.REMOVED,
}
NOT_READERS = {"pingback", "trackback"}
NO_PARENT = {"", "0"}
LINK = re.compile(r"""<a\b[^>]*?href\s*=\s*["']([^"']+)["'][^>]*>(.*?)</a>""", re.S | re.I)
is_web_address = URLValidator(schemes=["http", "https"])


def plain_text(markup):
    """A WordPress comment (which may hold a little HTML) as the plain text comments
    are here: paragraphs and line breaks kept, a link as "words (address)"."""

    def link(match):
        address, words = match[1], content.plain(match[2])
        return address if words in {"", address} else f"{words} ({address})"

    text = LINK.sub(link, markup.replace("\r\n", "\n"))
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"</p>\s*", "\n\n", text, flags=re.I)
    text = html.unescape(nh3.clean(text, tags=set()))
    return re.sub(r"\n\s*\n\s*", "\n\n", text).strip()


def thread_order(comments):
    """Parents before their replies (an export need not list them that way)."""
    by_id = {comment.id: comment for comment in comments}
    replies = {}
    roots = []
    for comment in comments:
        if comment.parent in by_id and comment.parent != comment.id:
            replies.setdefault(comment.parent, []).append(comment)
        else:
            roots.append(comment)
    ordered, seen, stack = [], set(), list(reversed(roots))
    while stack:
        comment = stack.pop()
        if comment.id in seen:
            continue
        seen.add(comment.id)
        ordered.append(comment)
        stack.extend(reversed(replies.get(comment.id, [])))
    # Replies caught in a loop of parents come last, as comments of their own.
    return ordered + [comment for comment in comments if comment.id not in seen]


def import_comments(sender, run, article, item, created=False, **kwargs):
    """Receiver of articles.wordpress.post_imported: the post's comments."""
    comments = [comment for comment in item.comments if comment.id]
    for _ in range(len(item.comments) - len(comments)):
        run.report.skip("comments without a wp:comment_id (a re-run could not know them)", item.id)
    if not comments:
        return
    batch = PostComments(run, article, created)
    for wp in thread_order(comments):
        batch.take(wp, where=f"comment {wp.id} (post {item.id})")
    batch.finish()


class PostComments:
    """One post's comments, imported in thread order (see import_comments)."""

    def __init__(self, run, article, created):
        self.run, self.article, self.report = run, article, run.report
        # The article is new: its comments are too, and the ones taken are all it
        # has. An article imported before may hold comments the export does not
        # (readers' since, duplicates stored once): its count is recounted.
        self.created = created
        self.comment_type = run.content_type(Comment)
        self.existing = Comment.objects.in_bulk(
            [
                ref.object_id
                for ref in run.comment_refs.values()
                if ref.content_type_id == self.comment_type.pk
            ]
        )
        # A new article has no comments yet: nothing to look up, nothing to recount.
        self.fingerprints = {}
        if not created:
            self.fingerprints = dict(
                Comment.objects.filter(article=article).values_list("fingerprint", "pk")
            )
        self.approved = 0
        self.made, self.new_refs = {}, []

    def take(self, wp, where):
        """Import one WordPress comment, or say why not."""
        report, article = self.report, self.article
        if wp.type in NOT_READERS:
            report.skip(f"{wp.type}s (notices from other sites, not reader comments)", wp.id)
            return
        if wp.id in self.made:
            report.note("comments", f"{where}: listed twice; imported once")
            return
        ref = self.run.comment_refs.get(wp.id)
        comment = self.existing.get(ref.object_id) if ref else None
        created = comment is None
        if created:
            comment = Comment(article=article)
        parent = self.parent(wp, where)
        status = STATES.get(wp.approved)
        if status is None:
            report.note("comments", f"{where}: unknown state “{wp.approved}”; held as pending")
            status = Comment.Status.PENDING
        fill(comment, wp, where, report, self.run, article)
        comment.article = article
        comment.parent = parent
        comment.status = status
        comment.signals = [] if status == Comment.Status.APPROVED else ["imported from WordPress"]
        fingerprint = Comment.make_fingerprint(
            article.pk, parent.pk if parent else None, comment.email, comment.text
        )
        holder = self.fingerprints.get(fingerprint)
        if holder is not None and holder != comment.pk:
            # The same person sent the same words twice: stored once (the database
            # allows one), replies go to the one stored.
            report.note("comments", f"{where}: the same as an earlier comment; stored once")
            self.made[wp.id] = Comment.objects.get(pk=holder)
            return
        if not created:
            self.fingerprints.pop(comment.fingerprint, None)
        comment.save()
        self.fingerprints[comment.fingerprint] = comment.pk
        self.made[wp.id] = comment
        report.count("comment", "created" if created else "updated")
        self.approved += status == Comment.Status.APPROVED
        self.remember(wp, ref, comment)

    def parent(self, wp, where):
        """The imported comment `wp` replies to, or None."""
        if wp.parent in NO_PARENT:
            return None
        parent = self.made.get(wp.parent)
        if parent is None:
            self.report.note(
                "comments",
                f"{where}: replies to comment {wp.parent}, which is not imported; "
                "shown as a comment of its own",
            )
        return parent

    def remember(self, wp, ref, comment):
        """The import record of the comment: new, or pointed at the comment stored."""
        if ref is None:
            self.new_refs.append(
                ImportedObject(
                    source=self.run.source,
                    kind=ImportedObject.Kind.COMMENT,
                    key=wp.id,
                    content_type=self.comment_type,
                    object_id=comment.pk,
                )
            )
        elif ref.object_id != comment.pk:
            ref.object_id, ref.content_type, ref.updated_at = (
                comment.pk,
                self.comment_type,
                timezone.now(),
            )
            ref.save()

    def finish(self):
        """Store the new import records and set the article's comment count."""
        article = self.article
        ImportedObject.objects.bulk_create(self.new_refs)
        # A comment listed again under a later post of the batch finds these.
        self.run.comment_refs.update((ref.key, ref) for ref in self.new_refs)
        approved = self.approved
        if not self.created:
            approved = Comment.objects.visible().filter(article=article).count()
        if approved != article.comment_count:
            article.comment_count = approved
            Article.objects.filter(pk=article.pk).update(comment_count=approved)


def fill(comment, wp, where, report, run, article):
    """Name, email, website, address, time and text; nothing a reader wrote is cut."""
    name = content.plain(wp.author) or "Anonymous"
    text = plain_text(wp.content)
    limit = Comment._meta.get_field("name").max_length
    if len(name) > limit:
        report.note("comments", f"{where}: name shortened; the full name opens the comment")
        text = f"{name}:\n\n{text}"
        name = content.shorten(name, limit)
    website = wp.url.strip()
    if website in {"http://", "https://"}:
        website = ""
    if website:
        try:
            is_web_address(website)
        except ValidationError:
            report.note("comments", f"{where}: website is not a web address, not kept: {website}")
            website = ""
    if len(website) > Comment._meta.get_field("website").max_length:
        report.note("comments", f"{where}: website too long for its field; added to the text")
        text = f"{text}\n\n{website}"
        website = ""
    email = wp.email.strip()
    if len(email) > Comment._meta.get_field("email").max_length:
        report.note("comments", f"{where}: email address too long, not kept")
        email = ""
    address = None
    if wp.ip:
        try:
            address = str(ipaddress.ip_address(wp.ip.strip()))
        except ValueError:
            report.note("comments", f"{where}: IP address not valid, not kept: {wp.ip}")
    submitted = run.date(wp.date_gmt, wp.date)
    if submitted is None:
        report.note("dates", f"{where}: no readable date; given the article's publish time")
        submitted = comment.submitted_at or article.published_at or timezone.now()
    comment.name, comment.email, comment.website = name, email, website
    comment.text, comment.ip_address, comment.submitted_at = text, address, submitted
