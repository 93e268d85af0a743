"""The output contract: pydantic models for figures, documents and error records.

Field names and meanings follow ``../shared/eval/GUIDELINES.md``; a downstream
database depends on them, so change them only together with the guidelines.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Kind = Literal["money", "percent", "ppt", "count", "quantity"]
Comparator = Literal["=", ">=", ">", "<=", "<", "~"]
Change = Literal["increase", "decrease"]
Role = Literal["target", "actual"]
Lang = Literal["zh", "en", "mixed"]


class Figure(BaseModel):
    """One figure found in a document.

    ``text == document.text[start:end]``. ``value`` is exact decimal arithmetic on
    the written digits, serialised as a JSON number (money in units of the
    currency, percent and ppt as the number shown, counts as the count).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    kind: Kind
    value: float
    unit: str | None = None
    high: float | None = None
    comparator: Comparator = "="
    change: Change | None = None
    role: Role = "actual"
    year: int | None = None
    metric: str | None = None
    subject: str | None = None
    # provenance
    sentence_start: int | None = Field(default=None, ge=0, description="start of the sentence holding the figure")
    sentence_end: int | None = Field(default=None, ge=0, description="end of the sentence holding the figure")
    rule: str | None = Field(default=None, description="id of the pattern that produced the figure")

    @model_validator(mode="after")
    def _span(self) -> "Figure":
        if self.end <= self.start:
            raise ValueError(f"empty or inverted span {self.start}:{self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError("text length does not match the span")
        return self


class Source(BaseModel):
    """Where a document came from."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["text", "jsonl", "html", "warc", "url", "api"] = "api"
    path: str | None = None
    url: str | None = None
    line: int | None = Field(default=None, description="1-based line of a JSONL input")
    warc_record_id: str | None = None
    http_status: int | None = None
    encoding: str | None = Field(default=None, description="detected or declared encoding of the bytes")
    content_type: str | None = None
    content_hash: str | None = Field(default=None, description="sha256 of the document text")


class Section(BaseModel):
    """A part of a document that sets a time frame: a heading, or an opening such as ``刚刚过去的2025年``.

    ``start:heading_end`` is the heading (or the opening cue), ``start:end`` the part it governs.
    ``year`` and ``mode`` are the frame in force there (the section's own, merged over its parent's):
    ``review`` (actuals of a finished period) or ``plan`` (targets); ``multi_year`` marks a period of
    several years (``这五年``, a five-year review), whose figures take no single year.
    """

    model_config = ConfigDict(extra="forbid")

    kind: Literal["heading", "opening"]
    level: int = Field(ge=0, description="1 for the outermost heading style; openings sit one below their section")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    heading_end: int = Field(ge=0)
    heading: str
    year: int | None = None
    mode: Literal["review", "plan"] | None = None
    multi_year: bool = False


class Dateline(BaseModel):
    """The date a document speaks from; it resolves 今年 / this year / 去年 / last year."""

    model_config = ConfigDict(extra="forbid")

    date: str = Field(description="ISO date YYYY-MM-DD")
    year: int
    source: Literal["input", "text"] = Field(description="the input's published field, or found in the text")
    pattern: str | None = Field(default=None, description="name of the dateline pattern that found it (text only)")
    start: int | None = Field(default=None, ge=0)
    end: int | None = Field(default=None, ge=0)


class Document(BaseModel):
    """One processed document: one line of ``documents.jsonl``."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str
    source: Source = Field(default_factory=Source)
    title: str | None = None
    published: str | None = Field(default=None, description="ISO date (YYYY-MM-DD) when known")
    lang: Lang = "zh"
    script: Literal["hans", "hant"] | None = Field(default=None, description="simplified or traditional Chinese "
                                                  "(read as simplified, offsets into the text as written)")
    text: str
    dateline: Dateline | None = Field(default=None, description="the dateline used for relative years")
    sections: list[Section] = Field(default_factory=list, description="headings and openings with their time frames")
    figures: list[Figure] = Field(default_factory=list)

    @model_validator(mode="after")
    def _offsets(self) -> "Document":
        n = len(self.text)
        for f in self.figures:
            if f.end > n or self.text[f.start:f.end] != f.text:
                raise ValueError(f"figure {f.text!r} does not point into the text at {f.start}:{f.end}")
        return self


class ErrorRecord(BaseModel):
    """A document that could not be processed: one line of ``errors.jsonl``."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str | None = None
    code: str
    reason: str
    source: Source = Field(default_factory=Source)
