"""Characters a reader cannot see (bidi overrides, zero-width) in names and websites."""

import re

import pytest
from django.test import Client

from comments.models import Comment
from tests.comments.helpers import at_the_form
from tests.helpers.comments import form_data, post
from tests.helpers.html import soup, text

pytestmark = pytest.mark.django_db


# Characters a reader cannot see: bidirectional controls, which show text in
# another order than it is stored ("\u202egnp.exe" reads "exe.png"), and
# zero-width and other format or control characters, which make a name look
# like another ("Admin\u200b").
HIDDEN = [
    *"\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c",
    *"\u200b\u200c\u200d\u2060\ufeff\u00ad\x07\x1b",
]


class TestHiddenCharacters:
    @pytest.mark.parametrize("char", HIDDEN, ids=lambda char: f"U+{ord(char):04X}")
    def test_names_lose_them(self, client, article, settings, char):
        settings.NEWSROOM_COMMENTS_POLICY = "approve_all"
        data = form_data(client, article, name=f"{char}Ad{char}min{char}")
        assert post(client, article, data).status_code == 302
        assert Comment.objects.get().name == "Admin"
        html = Client().get(article.get_absolute_url()).content.decode()
        assert "Admin" in [p.decode_contents() for p in soup(html).select("p.comment-author")]
        assert char not in html

    def test_a_reversed_file_name_reads_as_stored(self, client, article, settings):
        settings.NEWSROOM_COMMENTS_POLICY = "approve_all"
        post(client, article, form_data(client, article, name="\u202egnp.exe"))
        assert Comment.objects.get().name == "gnp.exe"

    def test_ordinary_names_are_kept(self, client, article):
        name = "Zoë O’Brien-Nakamura 中村 علي"
        assert post(client, article, form_data(client, article, name=name)).status_code == 302
        assert Comment.objects.get().name == name

    def test_a_name_of_nothing_visible_is_refused_and_the_comment_kept(self, client, article):
        data = form_data(client, article, name="\u200b\u202e \u2060", text="Words to keep.")
        response = at_the_form(client, post(client, article, data), article)
        assert "Please write a name people can see." in text(response)
        assert "Words to keep." in response.content.decode()
        assert not Comment.objects.exists()

    @pytest.mark.parametrize("char", HIDDEN, ids=lambda char: f"U+{ord(char):04X}")
    def test_a_website_with_them_is_refused_and_kept(self, client, article, char):
        website = f"https://jane.example.org/{char}gnp.exe"
        data = form_data(client, article, website=website, text="Words to keep.")
        response = at_the_form(client, post(client, article, data), article)
        assert not Comment.objects.exists()
        page = text(response)
        assert f"U+{ord(char):04X}" in page
        assert "web address holds a character nobody can see" in page
        html = response.content.decode()
        assert "Words to keep." in html
        website_input = re.search(r'<input [^>]*name="website"[^>]*>', html).group(0)
        assert 'value="https://jane.example.org/' in website_input
        assert 'aria-invalid="true"' in website_input

    def test_a_plain_website_is_kept(self, client, article):
        data = form_data(client, article, website="https://jane.example.org/about")
        assert post(client, article, data).status_code == 302
        assert Comment.objects.get().website == "https://jane.example.org/about"
