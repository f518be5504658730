from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "staffroom.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deployment checks)
