from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "staffroom.accounts"
    verbose_name = "Accounts"
