"""The search page."""

from django.utils.decorators import method_decorator
from django.views.generic import TemplateView

from core import ratelimit
from core.pagination import paginate

from ..discovery import search
from ..models import SectionTree


@method_decorator(ratelimit.rate_limit("search"), name="dispatch")
class SearchView(TemplateView):
    """The search box's results: public articles, best match first, with filters."""

    template_name = "articles/search.html"

    def get_context_data(self, **kwargs):
        tree = SectionTree.load()
        form = search.SearchForm(
            self.request.GET or None, tree=tree, authors=search.authors_for_filter()
        )
        query = page = count = None
        if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
            query = search.Search(form.cleaned_data["q"], **form.filters)
            with query.planned():
                results = query.results()
                page = paginate(self.request, results.for_cards())
                # One page holds them all: no need to ask the database to count.
                count = results.count() if page.has_other_pages else len(page)
            query.add_snippets(page.object_list)
        return super().get_context_data(
            form=form,
            query=query,
            page_obj=page,
            count=count,
            more=bool(query and query.capped and count >= search.RANKED_MATCHES),
            articles=page.object_list if page else [],
            **kwargs,
        )
