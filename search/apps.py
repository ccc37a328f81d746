from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "ค้นหา"

    def ready(self):
        from . import signals  # noqa: F401  (connects index sync to page events)
