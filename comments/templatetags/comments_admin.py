from django import template

from ..models import Comment

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_comments(context):
    """How many comments wait for moderation, for those who may moderate."""
    user = context["request"].user
    if not user.has_perm("comments.moderate_comment"):
        return None
    return Comment.objects.filter(status=Comment.Status.PENDING).count()
