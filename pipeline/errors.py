"""Error codes. Every document that cannot be processed ends as an ErrorRecord with one of these."""
from __future__ import annotations

from enum import Enum


class Code(str, Enum):
    """Reason codes written to ``errors.jsonl`` (stable: the database keys on them)."""

    EMPTY = "E001_empty"                  # no text at all, or only whitespace
    BINARY = "E002_binary"                # bytes that are not text in any encoding we accept
    DECODE = "E003_decode"                # text could not be decoded without mojibake
    TOO_LARGE = "E004_too_large"          # over the size cap
    BAD_JSON = "E005_bad_json"            # a JSONL line that is not a JSON object
    MISSING_ID = "E006_missing_id"        # a JSONL record without an id
    MISSING_TEXT = "E007_missing_text"    # a JSONL record without a text string
    UNREADABLE = "E008_unreadable"        # file could not be opened or read
    NO_MAIN_TEXT = "E009_no_main_text"    # HTML with no main text after cleaning
    WARC = "E010_warc"                    # truncated or corrupt WARC archive
    FETCH = "E011_fetch"                  # network error after retries
    HTTP_STATUS = "E012_http_status"      # 4xx/5xx after retries
    ROBOTS = "E013_robots"                # disallowed by robots.txt
    BLOCKED_URL = "E014_blocked_url"      # scheme or address refused
    CONTENT_TYPE = "E015_content_type"    # not an HTML or text response
    DUPLICATE_ID = "E016_duplicate_id"    # id already seen in this run with other content
    EXTRACT = "E020_extract"              # the extraction stage raised
    INTERNAL = "E099_internal"            # anything else


class PipelineError(Exception):
    """Base class for errors raised by pipeline stages."""


class DropDocument(PipelineError):
    """Raised by a stage to turn the current document into an error record."""

    def __init__(self, code: Code, reason: str):
        super().__init__(f"[{code.value}] {reason}")
        self.code = code
        self.reason = reason


class PatternError(PipelineError):
    """A pattern file is malformed: bad YAML, unknown reference, duplicate id, regex that does not compile."""
