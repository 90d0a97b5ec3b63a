"""A reader page that draws only when told to, for the stampede tests: each
draw is counted, says it has started, and waits for `release`."""

import threading

from django.http import HttpResponse
from django.urls import path

import pagecache


class Gate:
    def __init__(self):
        self.draws = 0
        self.drawing = threading.Event()
        self.release = threading.Event()

    def reset(self):
        self.drawing.clear()
        self.release.clear()


gate = Gate()


@pagecache.reader_page(params=["page"])
def slow(request):
    gate.draws += 1
    number = gate.draws
    pagecache.shows("story:1")
    gate.drawing.set()
    assert gate.release.wait(timeout=60), "the test never released the draw"
    return HttpResponse(f"draw {number}, page {request.GET.get('page', '1')}")


urlpatterns = [path("slow/", slow)]
