from . import harvest_urls, oai_urls

app_name = "interop"
urlpatterns = oai_urls.urlpatterns + harvest_urls.urlpatterns
