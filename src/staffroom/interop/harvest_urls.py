"""Staff pages of the harvested sources."""

urlpatterns: list = []
