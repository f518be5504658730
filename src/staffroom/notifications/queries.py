def unread_count(member) -> int:
    return member.notifications.filter(read_at__isnull=True).count()


def notifications_for(member):
    return member.notifications.all()
