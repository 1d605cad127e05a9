"""Course, modules and lessons: the tree every renderer walks."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from coursegen.model.base import INTERNAL, Node
from coursegen.model.quiz import BloomLevel, QuestionBank
from coursegen.model.slides import Slide
from coursegen.model.source import Citations, Source
from coursegen.model.theme import Theme


class Objective(Node):
    """A learning objective, written with a Bloom verb, at a Bloom level."""

    id: str = Field(description="Short id that lessons and questions refer to")
    text: str = Field(description="What the learner will be able to do, e.g. 'Explain how ...'")
    level: BloomLevel = Field(description="Bloom level of the verb")


class Term(Node):
    """A glossary entry."""

    term: str
    definition: str
    cite: Citations = ()


class Lesson(Node):
    """One lesson file: a titled sequence of slides with optional handout prose."""

    id: str = Field(description="Unique id within the module")
    title: str
    duration: int = Field(gt=0, description="Minutes the lesson takes to deliver")
    objectives: tuple[str, ...] = Field(default=(), description="Ids of the objectives it serves")
    review_by: dt.date | None = Field(
        default=None, description="Date by which the content must be reviewed (YYYY-MM-DD)"
    )
    summary: str | None = Field(default=None, description="One or two sentences on the lesson")
    handout: str | None = Field(
        default=None, description="Longer prose for the PDF handout (Markdown paragraphs)"
    )
    cite: Citations = Field(default=(), description="Citations backing the handout prose")
    slides: tuple[Slide, ...] = Field(min_length=1)

    file: str = Field(default="", description="Path of the lesson file", json_schema_extra=INTERNAL)


class Module(Node):
    """A module: `module.yaml` plus its lessons and question bank (filled in by the loader)."""

    id: str = Field(description="Module id; must match its folder name under modules/")
    title: str
    summary: str = Field(description="What the module is about, in two or three sentences")
    audience: str | None = Field(default=None, description="Who the module is for")
    duration: int = Field(gt=0, description="Minutes the module takes to deliver")
    objectives: tuple[Objective, ...] = Field(min_length=1)
    glossary: tuple[Term, ...] = ()
    review_by: dt.date | None = Field(default=None, description="Default review date for lessons")

    lessons: tuple[Lesson, ...] = Field(default=(), json_schema_extra=INTERNAL)
    bank: QuestionBank | None = Field(default=None, json_schema_extra=INTERNAL)
    folder: str = Field(default="", json_schema_extra=INTERNAL)

    def objective(self, objective_id: str) -> Objective | None:
        """The objective with this id, or None."""
        return next((o for o in self.objectives if o.id == objective_id), None)

    def cited_sources(self) -> list[str]:
        """Ids of every source cited anywhere in the module, in order of first citation."""
        from coursegen.model.walk import citations_in_module

        seen: dict[str, None] = {}
        for _node, ref in citations_in_module(self):
            seen.setdefault(ref.source, None)
        return list(seen)


class Branding(Node):
    """How outputs look: colours, logo, and the organisation's own deck template."""

    primary_colour: str = Field(default="#1F3A5F", pattern=r"^#[0-9A-Fa-f]{6}$")
    accent_colour: str = Field(default="#C8102E", pattern=r"^#[0-9A-Fa-f]{6}$")
    logo: str | None = Field(
        default=None,
        description="Logo for handout covers, inside the course folder: PNG, JPEG, GIF or SVG",
    )
    deck_template: str | None = Field(
        default=None, description="A .pptx whose layouts the decks use, relative to the course"
    )
    font: str | None = Field(default=None, description="Font family for handouts and the site")


class CourseInfo(Node):
    """The contents of `course.yaml`."""

    id: str
    title: str
    subtitle: str | None = None
    organisation: str = Field(description="Who delivers the course")
    version: str = Field(default="1.0", description="Version printed on covers")
    date: dt.date | None = Field(default=None, description="Edition date printed on covers")
    language: str = Field(default="en", description="Main language (BCP 47 tag)")
    languages: tuple[str, ...] = Field(
        default=(), description="Further languages the course is offered in; `coursegen build` "
        "makes each into build/<lang>/ from its catalogs in translations/<lang>/ "
        "(docs/translating.md)")
    audience: str | None = None
    pass_mark: float = Field(default=70, ge=0, le=100, description="Pass mark in percent")
    marking: str | None = Field(
        default=None, description="Handling marking on every page, e.g. 'For training use only'"
    )
    footer: str | None = Field(default=None, description="Source footer on every slide")
    paper: Literal["A4", "Letter"] = Field(default="A4", description="Handout paper size")
    branding: Branding = Field(default_factory=Branding)
    certificate_key: str | None = Field(
        default=None,
        description="The training centre's public key for certificates, as `coursegen "
        "certificate key` prints it; the site's page `verify.html` checks certificate codes "
        "with it in the browser (without it, the page asks for the key)",
    )
    modules: tuple[str, ...] = Field(min_length=1, description="Module ids, in teaching order")

    @field_validator("certificate_key")
    @classmethod
    def _public_key(cls, value: str | None) -> str | None:
        if value is not None and not _PUBLIC_KEY.fullmatch(value):
            raise ValueError(f"'{value}' is not a public key; copy the one `coursegen "
                             "certificate key` prints (52 letters A-Z and 2-7, in groups of "
                             "five joined by '-')")
        return value


_PUBLIC_KEY = re.compile(r"[A-Z2-7]{5}(-[A-Z2-7]{5}){9}-[A-Z2-7]{2}")
"""An Ed25519 public key (32 bytes) in base32, grouped as `coursegen certificate key` prints it."""


class Translation(BaseModel):
    """How far a course built in another language is translated, and whether it is reviewed."""

    model_config = ConfigDict(frozen=True)

    language: str = Field(description="The language the course was translated into")
    status: Literal["draft", "reviewed"] = Field(
        description="draft: not yet reviewed; reviewed: every catalog used says so")
    translated: int = Field(description="Strings shown translated")
    total: int = Field(description="Translatable strings; the others are shown in English")

    @property
    def label(self) -> str:
        """The status in words, as outputs state it."""
        return ("reviewed translation" if self.status == "reviewed"
                else "draft translation, not yet reviewed")


class Course(BaseModel):
    """A loaded, validated course: what every renderer and the quiz engine receive."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True, defer_build=True)

    root: Path
    info: CourseInfo
    sources: tuple[Source, ...]
    modules: tuple[Module, ...]
    theme: Theme = Theme()
    """The course's own `templates/theme.yml` (empty when it has none: built-in values)."""
    translation: Translation | None = None
    """Set on a course built in another language (`build --lang`): its translation status."""

    @property
    def language(self) -> str:
        """The language every output of this course is rendered in (a BCP 47 tag)."""
        return self.info.language

    @property
    def title(self) -> str:
        """The course title."""
        return self.info.title

    def module(self, module_id: str) -> Module:
        """The module with this id; raises KeyError naming the ids there are."""
        for module in self.modules:
            if module.id == module_id:
                return module
        known = ", ".join(m.id for m in self.modules)
        raise KeyError(f"no module '{module_id}' in this course (modules: {known})")

    def source(self, source_id: str) -> Source | None:
        """The source with this id, or None."""
        return next((s for s in self.sources if s.id == source_id), None)

    def pass_mark(self, module: Module) -> float:
        """The pass mark (percent) for a module's quiz: the bank's own, else the course's."""
        if module.bank and module.bank.settings.pass_mark is not None:
            return module.bank.settings.pass_mark
        return self.info.pass_mark
