from django.urls import path

from . import views

app_name = "newsletter"
urlpatterns = [
    path("l/", views.click, name="click"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("preferences/", views.preferences, name="preferences"),
    path("preferences/<str:token>/", views.preferences_token, name="preferences_token"),
    path("fresh-link/<str:token>/", views.fresh_link, name="fresh_link"),
    path("archive/", views.archive, name="archive"),
    path("archive/<int:pk>/", views.archive_issue, name="archive_issue"),
    path("bounces/<str:token>/", views.bounce_webhook, name="bounce_webhook"),
    path("staff/", views.staff_list, name="staff"),
    path("staff/next-week/", views.staff_next_week, name="staff_next_week"),
    path("staff/<int:pk>/", views.staff_mailing, name="staff_mailing"),
    path("staff/<int:pk>/preview/", views.staff_preview, name="staff_preview"),
    path("staff/<int:pk>/send/", views.staff_send, name="staff_send"),
    path("staff/<int:pk>/retry/", views.staff_retry, name="staff_retry"),
    path("staff/orders/", views.staff_orders, name="staff_orders"),
    path("staff/orders/<int:pk>/", views.staff_order_move, name="staff_order_move"),
    path("staff/prices/<str:kind>/", views.staff_price, name="staff_price"),
    path("promotions/", views.promotions, name="promotions"),
    path("promotions/new/", views.promotion_new, name="promotion_new"),
]
