"""Language -> extractor class. A new language adds its patterns/ directory and one entry here."""
from __future__ import annotations

from .en import EnExtractor
from .zh import ZhExtractor

EXTRACTORS = {"zh": ZhExtractor, "en": EnExtractor}
