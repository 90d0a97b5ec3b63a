"""Who may change a library image: the hook for the apps that show images.

Changing an image's caption, credit or file changes every page that shows it,
at once. Django's change permission says who may change images at all; the
apps that show them know which are public and whose they are, so each adds its
rule here from its AppConfig.ready() (articles: a writer changes only an image
nothing public shows, articles/editorial/permissions.py). The admin asks
`refusal` before it shows a change form and again before it saves.
"""

_rules = []


def register(rule, message):
    """Add `rule(user, image) -> bool`: False when `user` may not change `image`,
    for the reason `message` gives."""
    _rules.append((rule, message))


def refusal(user, image):
    """Why `user` may not change `image`, or None when every rule allows it."""
    for rule, message in _rules:
        if not rule(user, image):
            return message
    return None


def may_change(user, image):
    return refusal(user, image) is None
