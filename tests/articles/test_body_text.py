"""The plain words of a body's blocks, as search, revisions and the placement chooser
read them."""

from articles.body import paragraph_texts


def test_words_parted_by_markup_stay_apart_and_entities_read_as_characters():
    body = (
        "<p>Line<br>break &amp; E = MC<sup>2</sup></p>"
        "<ul><li>one</li><li>two</li></ul>"
        '<figure class="table"><table><tr><td>John Doe</td><td>$1,000</td></tr></table></figure>'
    )
    assert paragraph_texts(body) == ["Line break & E = MC2", "one two", "John Doe $1,000"]
