"""Presenter view and live Q&A: addresses under /events/ (namespace ``events``)."""

from django.urls import path

from . import live_views

urlpatterns: list = [
    path("<int:pk>/presenter/", live_views.presenter, name="presenter"),
    path("<int:pk>/presenter/registrants.csv", live_views.presenter_csv, name="presenter_csv"),
    path("<int:pk>/questions/", live_views.questions, name="questions"),
    path("<int:pk>/questions/move-to-forum/", live_views.questions_move, name="questions_move"),
    path(
        "<int:pk>/questions/<int:question_pk>/vote/",
        live_views.question_vote,
        name="question_vote",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/answered/",
        live_views.question_answer,
        name="question_answer",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/group/",
        live_views.question_group,
        name="question_group",
    ),
    path(
        "<int:pk>/questions/<int:question_pk>/hide/",
        live_views.question_hide,
        name="question_hide",
    ),
]
