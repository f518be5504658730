from django.urls import path

from . import feeds, views

app_name = "themes"

urlpatterns = [
    path("", views.theme_list, name="list"),
    path("edit/", views.editor_list, name="editor_list"),
    path("new/", views.theme_new, name="new"),
    path("staff/home/", views.staff_home_slots, name="staff_home_slots"),
    path("staff/curators/", views.staff_curators, name="staff_curators"),
    path(
        "staff/curators/<int:pk>/remove/",
        views.staff_curator_remove,
        name="staff_curator_remove",
    ),
    path("sections/<int:pk>/edit/", views.section_edit, name="section_edit"),
    path("sections/<int:pk>/move/", views.section_move, name="section_move"),
    path("sections/<int:pk>/remove/", views.section_remove, name="section_remove"),
    path("sections/<int:pk>/items/add/", views.item_add, name="item_add"),
    path("items/<int:pk>/move/", views.item_move, name="item_move"),
    path("items/<int:pk>/note/", views.item_note, name="item_note"),
    path("items/<int:pk>/remove/", views.item_remove, name="item_remove"),
    path("<slug:slug>/", views.theme_detail, name="detail"),
    path("<slug:slug>/image/", views.theme_image, name="image"),
    path("<slug:slug>/feed/", feeds.ThemeFeed(), name="feed"),
    path("<slug:slug>/follow/", views.follow, name="follow"),
    path("<slug:slug>/unfollow/", views.unfollow, name="unfollow"),
    path("<slug:slug>/edit/", views.theme_edit, name="edit"),
    path("<slug:slug>/delete/", views.theme_delete, name="delete"),
    path("<slug:slug>/sections/add/", views.section_add, name="section_add"),
]
