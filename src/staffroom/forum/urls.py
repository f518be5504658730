from django.urls import path

from staffroom.core.ratelimit import rate_limited_page

from . import feeds, views

app_name = "forum"
urlpatterns = [
    path("", views.question_list, {"list_name": "recent"}, name="recent"),
    path("unanswered/", views.question_list, {"list_name": "unanswered"}, name="unanswered"),
    path("popular/", views.question_list, {"list_name": "popular"}, name="popular"),
    path("feed/", feeds.RecentFeed(), name="recent_feed"),
    path("unanswered/feed/", feeds.UnansweredFeed(), name="unanswered_feed"),
    path("popular/feed/", feeds.PopularFeed(), name="popular_feed"),
    path("ask/", views.ask, name="ask"),
    # As-you-type helpers count against the search suggestions' limit.
    path("ask/similar/", rate_limited_page("suggest")(views.similar), name="similar"),
    path(
        "resource-picker/",
        rate_limited_page("suggest")(views.resource_picker),
        name="resource_picker",
    ),
    path("search/", views.search, name="search"),
    path("experts/", views.experts, name="experts"),
    path("questions/<int:pk>/edit/", views.question_edit, name="question_edit"),
    path("questions/<int:pk>/answer/", views.answer, name="answer"),
    path("answers/<int:pk>/edit/", views.answer_edit, name="answer_edit"),
    path("answers/<int:pk>/vote/", views.vote, name="vote"),
    path("answers/<int:pk>/accept/", views.accept, name="accept"),
    path("questions/<int:pk>/", views.question, name="question_short"),
    # Last: the slug is free text.
    path("questions/<int:pk>/<slug:slug>/", views.question, name="question"),
]
