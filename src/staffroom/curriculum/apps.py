from django.apps import AppConfig


class CurriculumConfig(AppConfig):
    name = "staffroom.curriculum"
    verbose_name = "Curriculum"
