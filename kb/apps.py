from django.apps import AppConfig


class KbConfig(AppConfig):
    name = "kb"
    verbose_name = "คลังข้อมูลเอกสาร"

    def ready(self):
        from . import moderation, thai_diff  # noqa: F401  (moderation connects its signal)

        thai_diff.install()
