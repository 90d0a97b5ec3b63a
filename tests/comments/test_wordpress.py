"""WordPress comments imported again: the article's count is every visible comment it
has, not only those the export lists."""

import pytest
import time_machine

from comments.models import Comment
from tests.helpers.wordpress import GAZETTE, NOW, edited, imported_article, run_import

pytestmark = pytest.mark.django_db

NEW_COMMENT = """
		<wp:comment>
			<wp:comment_id>17</wp:comment_id>
			<wp:comment_author><![CDATA[Late Reader]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[late@example.org]]></wp:comment_author_email>
			<wp:comment_date_gmt><![CDATA[2021-05-12 08:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[Still no ferry on Sundays.]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
			<wp:comment_type><![CDATA[comment]]></wp:comment_type>
			<wp:comment_parent>0</wp:comment_parent>
		</wp:comment>
	</item>
"""
LAST_HARBOUR_COMMENT = "[&#8230;] the harbour reopened [&#8230;]]]></wp:comment_content>"


def harbour_with_a_new_comment(tmp_path):
    text = GAZETTE.read_text()
    end = text.index("</item>", text.index(LAST_HARBOUR_COMMENT))
    path = tmp_path / "later.xml"
    path.write_text(text[:end] + NEW_COMMENT.strip() + text[end + len("</item>") :])
    return path


@time_machine.travel(NOW, tick=True)
def test_reimport_counts_comments_made_since_the_first_import(gazette, uploads, tmp_path, client):
    harbour = imported_article(1)
    Comment.objects.create(
        article=harbour,
        name="Newsroom Reader",
        email="reader@example.com",
        text="Written here after the move.",
        status=Comment.Status.APPROVED,
        submitted_at=NOW,
    )
    run_import(harbour_with_a_new_comment(tmp_path), uploads)
    harbour.refresh_from_db()
    # Two from the first import, the reader's since, and the new one from the export.
    assert harbour.comment_count == 4
    assert "4 comments" in client.get(harbour.get_absolute_url()).text


def test_comments_without_an_id_are_listed_as_skipped(gazette, uploads, tmp_path):
    summary, _ = run_import(
        edited(GAZETTE, tmp_path, {"<wp:comment_id>13</wp:comment_id>": ""}), uploads
    )
    assert "comments without a wp:comment_id (a re-run could not know them): 1" in summary
