from django.apps import AppConfig


class KbConfig(AppConfig):
    name = "kb"
    verbose_name = "คลังข้อมูลเอกสาร"

    def ready(self):
        from . import admin_dates, documents, moderation, renditions  # noqa: F401  (moderation connects its signal)
        from .files import tasks as file_tasks
        from .legal import signals as legal_signals
        from .opendata import signals as opendata_signals
        from .thai import diff as thai_diff

        admin_dates.register()  # admin date fields show and read B.E. (before any admin form is built)
        thai_diff.install()
        documents.register()  # tells search what to index
        renditions.connect()
        file_tasks.connect()  # a document's new content is queued for text extraction
        legal_signals.connect()  # statuses follow amendments and repeals; citations found on publish
        opendata_signals.connect()  # the /opendata/ files are rebuilt after commits that change records
