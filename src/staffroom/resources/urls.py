from django.urls import path

from . import feeds, link_views, preview_views, views

app_name = "resources"
urlpatterns = [
    path("", views.browse, name="browse"),
    path("contribute/", views.contribute, name="contribute"),
    path("mine/", views.mine, name="mine"),
    path("feed/", feeds.NewResourcesFeed(), name="feed"),
    path("feed/level/<slug:code>/", feeds.LevelFeed(), name="level_feed"),
    path("feed/subject/<slug:code>/", feeds.SubjectFeed(), name="subject_feed"),
    path("links/", link_views.links_report, name="links_report"),
    path("folders/", views.folders, name="folders"),
    path("folders/<int:pk>/", views.folder, name="folder"),
    path("folders/shared/<str:token>/", views.shared_folder_view, name="shared_folder"),
    path("<int:pk>/edit/draft/", views.contribute, name="edit"),
    path("<int:pk>/edit/published/", views.edit_published, name="edit_published"),
    path("<int:pk>/files/<int:file_pk>/download/", views.download, name="download"),
    path("<int:pk>/files/<int:file_pk>/preview/", views.preview, name="preview"),
    path(
        "<int:pk>/files/<int:file_pk>/pages/<int:number>/",
        preview_views.preview_page,
        name="preview_page",
    ),
    path("<int:pk>/picture/", preview_views.picture, name="picture"),
    path("<int:pk>/files/<int:file_pk>/remove/", views.remove_file, name="remove_file"),
    path("<int:pk>/visit/", views.visit, name="visit"),
    path("<int:pk>/link/accept-move/", link_views.link_accept_move, name="link_accept_move"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/withdraw-from-queue/", views.withdraw_from_queue, name="withdraw_from_queue"),
    path("<int:pk>/delete-draft/", views.delete_draft, name="delete_draft"),
    path("<int:pk>/pick/", views.pick, name="pick"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/save/", views.save_to_folder, name="save"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/replies/<int:reply_pk>/edit/", views.reply_edit, name="reply_edit"),
    # Last: the slug is free text and would otherwise swallow the addresses above.
    path("<int:pk>/", views.detail, name="detail_short"),
    path("<int:pk>/<slug:slug>/", views.detail, name="detail"),
]
