"""Record page models (app label "kb"): base.py (RecordPage and what every record shares),
kinds.py (the record kinds), indexes.py (the per-kind index pages), files.py (the text
inside attached files). Other modules and the
migrations import the names from here."""

from .base import (  # noqa: F401
    RecordPage,
    RecordSubjectTag,
    RelatedRecord,
    ThaiSearchMixin,
    block_text_lines,
    body_anchors,
    free_identifier,
    published_records,
    visible_ids,
    visible_to_public,
)
from .files import FileText, FileTextPage  # noqa: F401
from .indexes import (  # noqa: F401
    INDEX_MODELS,
    CabinetResolutionIndexPage,
    EthicsCodeIndexPage,
    MOUIndexPage,
    NewsIndexPage,
    ProjectIndexPage,
    RecordIndexPage,
    RegulationIndexPage,
    ReportIndexPage,
)
from .kinds import (  # noqa: F401
    CABINET_DISCLAIMER,
    RECORD_MODELS,
    CabinetResolutionPage,
    ContentPage,
    EthicsCodePage,
    MOUPage,
    NewsPage,
    ProjectPage,
    RegulationPage,
    ReportPage,
)
from .legal import Citation, LegalRelation, ResolutionRegulation  # noqa: F401
