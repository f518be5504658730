from django import template

from staffroom.accounts.queries import follow_field, follow_key, is_following

register = template.Library()


@register.inclusion_tag("accounts/_follow_button.html", takes_context=True)
def follow_button(context, target, show_name: bool = False, following=None):
    """Follow or unfollow ``target`` (a member, an organisation or a subject); visitors are
    invited to log in, and members see no button on their own profile. ``show_name`` names
    the target on the button (where the page does not say what it is about); ``following``
    saves the lookup where the page knows it already."""
    request = context["request"]
    user = request.user
    kind = follow_field(target)
    if kind == "subject":
        name = target.in_region(context.get("region") or "fl").label
    else:
        name = str(target)
    # Back to this page; a live-filtered fragment comes back as the whole page.
    params = request.GET.copy()
    params.pop("fragment", None)
    back = f"{request.path}?{params.urlencode()}" if params else request.path
    return {
        "request": request,
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "kind": kind,
        "key": follow_key(target),
        "name": name,
        "show_name": show_name,
        "own": kind == "member" and user.pk == target.pk,
        "following": is_following(user, target) if following is None else following,
        "next": back,
    }
