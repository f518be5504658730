from django import template

from staffroom.forum.queries import questions_linking

register = template.Library()


@register.simple_tag
def linking_questions(resource, limit: int = 5):
    """Questions of the teachers' room that link ``resource`` (for its page)."""
    return questions_linking(resource, limit)
