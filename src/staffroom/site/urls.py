from django.urls import path
from django.views.generic import TemplateView

from . import security_txt, sitemaps, staff_views, tasks_views, trust_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("region/", views.set_region, name="set_region"),
    path("language/", views.set_language, name="set_language"),
    path(
        "help/search/",
        TemplateView.as_view(template_name="site/help_search.html"),
        name="help_search",
    ),
    path("accessibility/", trust_views.accessibility, name="accessibility"),
    path("contact/", trust_views.contact, name="contact"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", security_txt.security_txt, name="security_txt"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("styleguide/", views.styleguide, name="styleguide"),
    path("staff/", staff_views.staff_home, name="staff_home"),
    path("staff/tasks/", tasks_views.tasks, name="staff_tasks"),
    path("staff/tasks/<uuid:task_id>/retry/", tasks_views.task_retry_view, name="staff_task_retry"),
]
