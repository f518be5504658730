from django.apps import AppConfig

# Published resources on the page of a member or an organisation, per page.
PROFILE_PAGE_SIZE = 12


class ResourcesConfig(AppConfig):
    name = "staffroom.resources"
    verbose_name = "Resources"

    def ready(self):
        from django.db.models import Count, Q

        from staffroom.accounts.profiles import register_profile_section
        from staffroom.accounts.queries import register_feed_source, register_list_count
        from staffroom.core.pagination import paginate
        from staffroom.core.ratelimit import register_post_model

        from .follows import resources_for_feed
        from .models import Reply, Status
        from .queries import resources_published_by_member, resources_published_by_organisation

        # Replies count towards the posting limits of new accounts.
        register_post_model(Reply)

        from django.utils.translation import gettext_lazy

        from staffroom.notifications.messages import register_message

        # A followed public collection grew (collections.collection_followers_notify).
        register_message(
            "collection_grew",
            gettext_lazy("New in the collection “%(collection)s”: %(title)s"),
        )

        # What accounts shows of resources: published resources of followed teachers,
        # organisations and subjects in the feed, each member's and organisation's published
        # resources on their page, and how many they published on the staff's lists.
        register_feed_source(
            "resources",
            items=resources_for_feed,
            date_field="published_at",
            template="resources/_feed_resource.html",
        )
        register_profile_section(
            "resources",
            page="member",
            slot="content",
            template="resources/_published_resources.html",
            context=lambda request, member: {
                "page": paginate(request, resources_published_by_member(member), PROFILE_PAGE_SIZE)
            },
        )
        register_profile_section(
            "resources",
            page="organisation",
            slot="content",
            template="resources/_published_resources.html",
            context=lambda request, organisation: {
                "page": paginate(
                    request, resources_published_by_organisation(organisation), PROFILE_PAGE_SIZE
                )
            },
        )
        published = Count("resources", filter=Q(resources__status=Status.PUBLISHED))
        register_list_count("published_count", member=published, organisation=published)

        from django.db.models.signals import post_delete

        from .models import PreviewPage, Resource
        from .review import resource_changed
        from .services import preview_image_delete_with_row, resource_picture_follow_change

        # Links and embeds get a picture fetched once published (or their address changed);
        # derived images go with the rows they belong to.
        resource_changed.connect(resource_picture_follow_change, dispatch_uid="resource-picture")
        post_delete.connect(preview_image_delete_with_row, sender=PreviewPage)
        post_delete.connect(preview_image_delete_with_row, sender=Resource)

        from staffroom.notifications.messages import register_message

        from . import remix

        # Remix notices: an adaptation published, an original corrected or taken offline.
        register_message(remix.REMIX_PUBLISHED, remix.remix_published_message)
        register_message(remix.REMIX_ALERT, remix.remix_alert_message)

        from .links import link_checks_connect

        # Links and embeds are checked by the clock; dead and moved ones are told about.
        link_checks_connect()
