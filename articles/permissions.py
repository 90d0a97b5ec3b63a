"""Who may see what readers cannot."""


def can_preview(user, article):
    """Seeing an unpublished article needs change permission on articles,
    not merely a staff account."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm("articles.change_article")
    )
