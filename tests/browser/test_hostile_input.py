"""Stored XSS: hostile strings typed into every place a person can type, rendered
in headless Chromium with alert, fetch and XMLHttpRequest hooked.

The corpus (tests/browser/hostile/strings.txt, one string a line, plus a few very long
strings made here) goes into: comments (name, website, text) through the
public form; article headline, standfirst and body, tags, corrections, live
updates; image title, caption, credit and alt text; author name and bio; the
search box and the admin's search. Reader pages and admin lists are loaded and
must show 0 executions, 0 requests off the site, 0 javascript: links, 0
event-handler attributes, no script or frame we did not ship, and no CSP
violation.
"""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from articles.models import Article, ArticleNote, LiveUpdate
from comments import moderation
from comments.models import Comment
from tests.helpers.factories import (
    ArticleFactory,
    AuthorFactory,
    CaptionedImageFactory,
    SectionFactory,
    UserFactory,
    place_block,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CORPUS = Path(__file__).resolve().parent / "hostile" / "strings.txt"
STRINGS = [line for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]
LONG = [
    "<script>alert(1)</script>" * 400,
    "A" * 20_000 + "<img src=x onerror=alert(1)>",
    "<b>" * 2_000 + "unclosed",
    '"><svg onload=alert(1)>' * 500,
]
HOSTILE = STRINGS + LONG
BATCH = 10

HOOKS = """
window.__xss = {calls: [], requests: [], violations: []};
for (const name of ["alert", "confirm", "prompt", "print"]) {
  window[name] = (...args) => {
    window.__xss.calls.push(`${name}(${String(args[0]).slice(0, 40)})`);
  };
}
const realFetch = window.fetch;
window.fetch = function (input, init) {
  window.__xss.requests.push(String((input && input.url) || input));
  return realFetch.apply(this, arguments);
};
const realOpen = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function (method, url) {
  window.__xss.requests.push(String(url));
  return realOpen.apply(this, arguments);
};
document.addEventListener("securitypolicyviolation", (e) => {
  window.__xss.violations.push(`${e.violatedDirective} ${e.blockedURI}`);
});
"""

# What a page may contain: only what we ship.
AUDIT = r"""
() => {
  const bad = [];
  const urlAttributes = ["href", "src", "action", "formaction", "data", "xlink:href",
                         "background", "poster", "srcset", "ping"];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) bad.push(`${el.tagName} has ${name}`);
      if (name === "srcdoc") bad.push(`${el.tagName} has srcdoc`);
      if (urlAttributes.includes(name)) {
        const value = attr.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
        for (const scheme of ["javascript:", "vbscript:", "data:text/html"]) {
          if (value.startsWith(scheme)) {
            bad.push(`${el.tagName} ${name}=${attr.value.slice(0, 50)}`);
          }
        }
      }
    }
  }
  for (const a of document.querySelectorAll("a[href], area[href]")) {
    if (a.protocol === "javascript:") bad.push(`javascript: link ${a.href.slice(0, 50)}`);
  }
  for (const s of document.querySelectorAll("script")) {
    const src = s.getAttribute("src");
    const ours = src
      ? new URL(src, location.href).origin === location.origin &&
        /^\/(static|admin\/jsi18n)\//.test(new URL(src, location.href).pathname)
      : ["application/ld+json", "application/json"].includes(s.type) || s.nonce.length > 0;
    if (!ours) bad.push(`script ${s.outerHTML.slice(0, 60)}`);
  }
  for (const s of document.querySelectorAll("style")) {
    if (!s.nonce && !s.hasAttribute("data-tiptap-style")) {
      bad.push(`style ${s.outerHTML.slice(0, 60)}`);
    }
  }
  const foreign = "iframe, frame, frameset, object, embed, applet, portal, base, " +
    "meta[http-equiv], link[rel=import]";
  for (const el of document.querySelectorAll(foreign)) {
    bad.push(`element ${el.outerHTML.slice(0, 60)}`);
  }
  return {bad, xss: window.__xss, title: document.title};
}
"""


def fit(text, length):
    return text[:length]


def batches(items, size=BATCH):
    return [items[i : i + size] for i in range(0, len(items), size)]


@pytest.fixture
def hostile_site(settings):
    """A site where every field holds hostile strings."""
    settings.NEWSROOM_PAGE_SIZE = 300
    settings.NEWSROOM_COMMENTS_MIN_SECONDS = 0
    settings.NEWSROOM_COMMENTS_FLOOD_SECONDS = 0
    settings.NEWSROOM_RATE_LIMITS = {"comment": "0/60", "like": "0/60", "search": "0/60"}
    section = SectionFactory(name="Hostile", slug="hostile")
    authors, images, leads = [], [], []
    for n, batch in enumerate(batches(HOSTILE)):
        joined = " ".join(batch)
        authors.append(
            AuthorFactory(name=fit(batch[0], 100), slug=f"hostile-author-{n}", bio=fit(joined, 600))
        )
        images.append(
            CaptionedImageFactory(
                title=fit(batch[1 % len(batch)], 200),
                caption=fit(joined, 500),
                credit=fit(batch[-1], 200),
                alt_text=fit(" ".join(reversed(batch)), 300),
            )
        )
    for n, text in enumerate(HOSTILE):
        batch_number = n // BATCH
        batch = batches(HOSTILE)[batch_number]
        lead = n % BATCH == 0
        article = ArticleFactory(
            published=True,
            section=section,
            slug=f"hostile-{n}",
            headline=fit(text, 200) or "x",
            standfirst=fit(text, 400),
            body="".join(f"<p>{item}</p>{item}" for item in batch) if lead else f"<p>{text}</p>",
            authors=[authors[batch_number]],
            tags=["hostile-corpus", fit(text, 100)],
            lead_image=images[batch_number] if lead else None,
            is_developing=lead,
        )
        if lead:
            leads.append(article)
            place_block(article, "image", 1, image=images[batch_number].pk)
            ArticleNote.objects.create(article=article, text=" ".join(batch))
            LiveUpdate.objects.create(article=article, text=fit(" ".join(batch), 500))

    # Comments through the public form, as a reader sends them.
    reader = Client()
    for n, text in enumerate(HOSTILE):
        article = leads[n // BATCH]
        # The page is shared and cached; its script asks for the form token.
        token = reader.get(reverse("articles:reader", args=[article.pk])).json()["comment_token"]
        data = {
            "name": fit(text, 100),
            "email": f"reader{n}@example.com",
            "website": text if len(text) <= 200 else "",
            "text": fit(text, 5000),
            "parent": "",
            "token": token,
            "homepage": "",
        }
        response = reader.post(
            reverse("comments:post", args=[article.pk]),
            data,
            REMOTE_ADDR=f"10.9.{n // 250}.{n % 250}",
        )
        if response.status_code == 303 and data["website"]:
            # Not a web address: back to the form, which says so. Send it again without one.
            data["website"] = ""
            response = reader.post(
                reverse("comments:post", args=[article.pk]),
                data,
                REMOTE_ADDR=f"10.9.{n // 250}.{n % 250}",
            )
        assert response.status_code in {302, 303}, (n, response.status_code)
    for comment in Comment.objects.exclude(status=Comment.Status.APPROVED):
        moderation.approve(comment)
    assert Comment.objects.count() >= len(HOSTILE) - 10
    return leads, authors


def audit(page, url, problems):
    page.goto(url, wait_until="load")
    result = page.evaluate(AUDIT)
    foreign = [
        request
        for request in result["xss"]["requests"]
        if "evil" in request
        or re.match(r"^(https?:)?//", request)
        and "127.0.0.1" not in request
        and "localhost" not in request
    ]
    found = result["bad"] + result["xss"]["calls"] + foreign + result["xss"]["violations"]
    if found:
        problems[url] = found[:10]
    return result


def test_hostile_input_never_runs(live_server, browser, hostile_site):
    leads, authors = hostile_site
    base = live_server.url
    problems = {}

    context = browser.new_context()
    context.add_init_script(HOOKS)
    page = context.new_page()
    pages = ["/", "/section/hostile/", "/tag/hostile-corpus/", "/corrections/"]
    pages += [article.get_absolute_url() for article in leads]
    pages += [author.get_absolute_url() for author in authors[:5]]
    pages += [reverse("articles:live_updates", args=[leads[0].pk])]
    for path in pages:
        result = audit(page, base + path, problems)
        assert "Server Error" not in result["title"], path
    # Every tag page, for tags named by the corpus.
    tags = {
        tag.slug
        for article in Article.objects.prefetch_related("tags")
        for tag in article.tags.all()
    }
    assert len(tags) > len(HOSTILE) // 2
    for slug in sorted(tags)[:40]:
        audit(page, f"{base}/tag/{slug}/", problems)
    # The search box, with every string (its answer repeats the query).
    for text in HOSTILE:
        audit(page, f"{base}/search/?q={quote(text[:300])}", problems)

    # A comment form sent back with mistakes shows the reader's words again.
    article = leads[1]
    for text in STRINGS[:8]:
        page.goto(base + article.get_absolute_url())
        page.locator("#id_name").fill(fit(text, 100))
        page.locator("#id_email").fill("reader@example.com")
        page.locator("#id_website").fill("javascript:alert(1)")
        page.locator("#id_text").fill(text)
        expect(page.locator("input[data-reader-token]")).not_to_have_value("")
        page.get_by_role("button", name="Post Comment").click()
        page.wait_for_load_state("load")
        assert "Enter a valid URL" in page.content()
        result = page.evaluate(AUDIT)
        found = result["bad"] + result["xss"]["calls"] + result["xss"]["violations"]
        if found:
            problems[f"comment error page: {text[:30]}"] = found[:10]
    context.close()

    # The admin: lists, searches and an article's editing page.
    UserFactory(username="chief", is_staff=True, is_superuser=True)
    admin = browser.new_context()
    admin.add_init_script(HOOKS)
    page = admin.new_page()
    page.goto(base + "/admin/login/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(base + "/admin/")
    admin_pages = [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/?p=2",
        "/admin/comments/comment/",
        "/admin/comments/comment/?p=2",
        "/admin/articles/captionedimage/",
        "/admin/articles/author/",
        "/admin/taggit/tag/",
        f"/admin/articles/article/{leads[0].pk}/change/",
        f"/admin/articles/author/{authors[0].pk}/change/",
        f"/admin/articles/article/{leads[0].pk}/history/",
    ]
    admin_pages += [f"/admin/articles/article/?q={quote(text[:100])}" for text in STRINGS[:15]]
    for path in admin_pages:
        result = audit(page, base + path, problems)
        assert "Server Error" not in result["title"], path
    admin.close()

    assert problems == {}
