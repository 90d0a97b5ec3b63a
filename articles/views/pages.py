"""A page's own address (`/about/`, `/about/team/`), and the URL converter that
tells a page's address from an article's before the article pattern is tried."""

from django.conf import settings
from django.http import Http404
from django.views.generic import DetailView

import pagecache

from .. import embeds, page_body, pagekeys, reader_body
from ..editorial import permissions
from ..models import Page, PageTree


class PagePathConverter:
    """Matches only the address of an existing page (one cache read: PageTree).

    Raising ValueError makes Django's resolver go on to the next pattern, so
    `/world-news/some-story/` still reaches the article. A page's first segment
    never is a section's or the site's own (Page.clean refuses it)."""

    regex = r"[-a-zA-Z0-9_]+(?:/[-a-zA-Z0-9_]+)*"

    def to_python(self, value):
        if value not in PageTree.load().by_path:
            raise ValueError(value)
        return value

    def to_url(self, value):
        return value


class PageView(DetailView):
    template_name = "articles/page_detail.html"
    context_object_name = "page"

    def get_object(self, queryset=None):
        tree = PageTree.load()
        path = self.kwargs["path"]
        self.preview = not tree.is_public(path)
        if self.preview and not permissions.can_view_page(self.request.user):
            raise Http404("No such page.")
        page = Page.objects.filter(path=path).first()
        if page is None:
            raise Http404("No such page.")
        return page

    def get_context_data(self, **kwargs):
        tree = PageTree.load()
        ancestors, path = [], self.object.path.rpartition("/")[0]
        while path:
            pk, status, title, parent = tree.by_path[path]
            ancestors.insert(0, {"title": title, "path": path})
            path = parent
        children = [
            {"title": entry[2], "path": child}
            for child, entry in tree.by_path.items()
            if entry[3] == self.object.path and tree.is_public(child)
        ]
        body, _ = reader_body.for_page(self.object)
        # Its blocks: what they show (the cache), its embeds (the policy), its scripts.
        self.shown = page_body.shown(self.object.body)
        pagecache.shows(pagekeys.PAGES, *self.shown.keys)
        return super().get_context_data(
            ancestors=ancestors,
            children=children,
            preview=self.preview,
            body=body,
            has_galleries=self.shown.galleries,
            has_embeds=bool(self.shown.embeds),
            **kwargs,
        )

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # The strict policy opens for this page's embeds only, as on articles.
        policy = embeds.content_security_policy(settings.SECURE_CSP, self.shown.embeds)
        if policy is not settings.SECURE_CSP:
            response._csp_config = policy
        if self.preview:
            pagecache.private(response)
            response["X-Robots-Tag"] = "noindex, nofollow"
        return response
