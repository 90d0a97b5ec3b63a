"""manage.py anonymise_comment_ips: old comments forget their readers' addresses."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from comments.models import Comment
from tests.helpers.comments import make_comment

pytestmark = pytest.mark.django_db


def test_anonymise_old_ips(article, time_machine, capsys, settings):
    settings.NEWSROOM_COMMENTS_CLOSE_AFTER_DAYS = 0  # 0: comments never close
    old = make_comment(article, ip_address="203.0.113.77", text="Old")
    old6 = make_comment(
        article, ip_address="2001:db8:abcd:12::1", text="Old six", email="six@example.com"
    )
    time_machine.move_to(timezone.now() + timedelta(days=31))
    new = make_comment(article, ip_address="198.51.100.23", text="New", email="new@example.com")
    call_command("anonymise_comment_ips")
    assert "2 comment(s)" in capsys.readouterr().out
    assert Comment.objects.get(pk=old.pk).ip_address == "203.0.113.0"
    assert Comment.objects.get(pk=old6.pk).ip_address == "2001:db8:abcd::"
    assert Comment.objects.get(pk=new.pk).ip_address == "198.51.100.23"
