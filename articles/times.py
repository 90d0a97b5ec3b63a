"""Times written for machines: to the second."""


def to_the_second(value):
    """`value` without its fraction of a second (None stays None).

    Times are stored with microseconds, but HTML's `datetime` attribute allows at
    most three digits of a fraction and nobody reads one: the datetime attributes,
    JSON-LD, feeds and the news sitemap all write whole seconds."""
    return value.replace(microsecond=0) if value else value
