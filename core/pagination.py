"""Listing pages without counting the table.

A news archive grows without end; `COUNT(*)` over it on every request is the
first thing to fall over. A page fetches one row more than it shows, which is
enough to know whether an older page exists. Page numbers beyond the end are
a 404, and numbers past NEWSROOM_MAX_PAGE are refused (deep OFFSET scans).
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404


@dataclass
class Page:
    object_list: list
    number: int
    has_next: bool

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def has_other_pages(self):
        return self.has_next or self.has_previous

    @property
    def next_page_number(self):
        return self.number + 1

    @property
    def previous_page_number(self):
        return self.number - 1

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)


def page_number(request):
    raw = request.GET.get("page", "1")
    if not raw.isdigit() or len(raw) > 6:
        raise Http404("No such page.")
    number = int(raw)
    if number < 1 or number > settings.NEWSROOM_MAX_PAGE:
        raise Http404("No such page.")
    return number


def paginate(request, queryset, per_page=None):
    per_page = per_page or settings.NEWSROOM_PAGE_SIZE
    number = page_number(request)
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if number > 1 and not rows:
        raise Http404("No such page.")
    return Page(object_list=rows[:per_page], number=number, has_next=len(rows) > per_page)
