"""The records that travel from the engines to the journal, and how an error becomes one.

Nothing here imports another part of the batch layer: every part may import this module.
"""
from __future__ import annotations

import json
import traceback
from pathlib import Path
from typing import Any

from ..errors import Code
from ..models import Document, ErrorRecord

# A result record travels as (seq, kind, extra, json):
#   kind "D" a documents.jsonl line, extra = number of figures
#   kind "E" an errors.jsonl line, extra = error code
#   kind "U" a document with the same text as the document at seq int(extra); filled in at assembly
Rec = tuple[int, str, str, str]


def describe_exception(exc: BaseException) -> str:
    """``Type: message (file.py:123 in func)``: the reason of an error record, with the innermost frame."""
    where = ""
    tb = traceback.extract_tb(exc.__traceback__) if exc.__traceback__ else None
    if tb:
        fr = tb[-1]
        where = f" ({Path(fr.filename).name}:{fr.lineno} in {fr.name})"
    msg = str(exc)
    if len(msg) > 500:
        msg = msg[:500] + "..."
    return f"{type(exc).__name__}: {msg}{where}"


def err_rec(seq: int, err: ErrorRecord) -> Rec:
    """The ``E`` record of an error."""
    return (seq, "E", err.code, safe_json(err))


def fail_rec(seq: int, doc_json: str, code: Code, reason: str) -> Rec:
    """The ``E`` record of a document the engine could not process (a crash, a timeout), with its id and source."""
    try:
        doc = Document.model_validate_json(doc_json)
        err = ErrorRecord(doc_id=doc.doc_id, code=code.value, reason=reason, source=doc.source)
    except Exception:  # noqa: BLE001
        err = ErrorRecord(code=code.value, reason=reason)
    return err_rec(seq, err)


def safe_json(model: Any) -> str:
    """``model_dump_json``, replacing unpaired surrogates (invalid in UTF-8) with U+FFFD when needed."""
    try:
        return model.model_dump_json()
    except Exception:  # noqa: BLE001 - PydanticSerializationError on lone surrogates
        return json.dumps(_scrub(model.model_dump(mode="python")), ensure_ascii=False, separators=(",", ":"))


def _scrub(obj: Any) -> Any:
    if isinstance(obj, str):
        return obj.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    if isinstance(obj, dict):
        return {k: _scrub(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_scrub(v) for v in obj]
    return obj
