"""The slide kinds a lesson is made of. Text fields allow inline Markdown."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, field_validator

from coursegen.model.base import Node
from coursegen.model.source import Citations


class Point(Node):
    """A bullet point: text, optional citations, optional sub-points. A plain string is a point."""

    text: str = Field(description="The point, inline Markdown allowed")
    cite: Citations = ()
    points: tuple[Point, ...] = Field(default=(), description="Sub-points (one level deeper)")

    @classmethod
    def from_scalar(cls, data: Any) -> Any:
        """Let a bare string stand for a point without citations."""
        return {"text": data} if isinstance(data, str | int | float) else data

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> dict:
        schema = handler(core_schema)
        return {"anyOf": [{"type": "string"}, schema]}


Points = Annotated[tuple[Point, ...], Field(default=(), description="Bullet points")]


class SlideBase(Node):
    """Fields every slide kind shares."""

    id: str | None = Field(default=None, description="Optional anchor for cross-references")
    notes: str | None = Field(default=None, description="Speaker notes: what to say")
    ask: str | None = Field(default=None, description="A question to ask the room")
    minutes: float | None = Field(default=None, ge=0, description="Time to spend on the slide")
    cite: Citations = ()

    @property
    def heading(self) -> str:
        """The slide's title, or a title derived from its content when it has none."""
        return getattr(self, "title", None) or self.default_title()

    def default_title(self) -> str:
        """The title used when the author gave none."""
        return self.__class__.__name__.removesuffix("Slide")


class BulletsSlide(SlideBase):
    """A titled list of points (the default kind)."""

    kind: Literal["bullets"] = "bullets"
    title: str = Field(description="Slide title")
    points: Points


class SectionSlide(SlideBase):
    """A divider between parts of a lesson."""

    kind: Literal["section"]
    title: str
    subtitle: str | None = None


class StatSlide(SlideBase):
    """A key figure: a big value with a label saying what it counts."""

    kind: Literal["stat"]
    title: str | None = None
    value: str = Field(description="The figure as printed, e.g. 42% or 36.2 million")
    label: str = Field(description="What the figure counts")
    context: str | None = Field(default=None, description="One sentence of context")

    def default_title(self) -> str:
        """A key-figure slide without a title; the figure itself is shown below it."""
        return "Key figure"


class Column(Node):
    """One side of a compare slide."""

    heading: str
    points: Points


class CompareSlide(SlideBase):
    """Two columns side by side, e.g. misuse vs investigative use."""

    kind: Literal["compare"]
    title: str
    left: Column
    right: Column


class QuoteSlide(SlideBase):
    """A quotation or a short passage with its attribution."""

    kind: Literal["quote"]
    title: str | None = None
    text: str
    attribution: str | None = None

    def default_title(self) -> str:
        """A quote slide without a title: short, as the attribution below names the speaker."""
        return "In their words"


class TableSlide(SlideBase):
    """A small table: header row and data rows."""

    kind: Literal["table"]
    title: str
    columns: tuple[str, ...] = Field(min_length=1, description="Header cells")
    rows: tuple[tuple[str, ...], ...] = Field(min_length=1, description="Data rows")
    caption: str | None = None


class ImageSlide(SlideBase):
    """A picture with required alternative text."""

    kind: Literal["image"]
    title: str
    src: str = Field(description="Image path, relative to the course folder")
    alt: str = Field(description="Alternative text describing the image for screen readers")
    caption: str | None = None

    @field_validator("alt")
    @classmethod
    def _alt_says_something(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("alt text must describe the image; it may not be empty")
        return value


class Exhibit(Node):
    """A piece of evidence in a case study: text, a list, or a small table."""

    title: str
    text: str | None = None
    items: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


class CaseSlide(SlideBase):
    """A case study: scenario, exhibits and questions for discussion."""

    kind: Literal["case"]
    title: str
    scenario: str = Field(description="What happened, in a short paragraph")
    exhibits: tuple[Exhibit, ...] = ()
    questions: tuple[str, ...] = Field(default=(), description="Discussion questions")
    guidance: str | None = Field(
        default=None, description="Trainer guidance for the discussion (trainer editions only)"
    )
    fictional: bool = Field(
        default=True,
        description="The scenario and exhibits are invented for training: outputs label them "
        "so, and their figures are not checked against sources",
    )


class KnowledgeCheckSlide(SlideBase):
    """A question from the module's bank, asked in the room, with the answer on the next slide."""

    kind: Literal["knowledge-check"]
    title: str = "Knowledge check"
    question: str = Field(description="Id of a question in the module's bank")


class SummarySlide(SlideBase):
    """The lesson's take-aways; without points, the module objectives."""

    kind: Literal["summary"]
    title: str = "Summary"
    points: Points


class ReferencesSlide(SlideBase):
    """Every source cited in the module, formatted."""

    kind: Literal["references"]
    title: str = "References"


SLIDE_KINDS: dict[str, type[SlideBase]] = {
    "bullets": BulletsSlide,
    "section": SectionSlide,
    "stat": StatSlide,
    "compare": CompareSlide,
    "quote": QuoteSlide,
    "table": TableSlide,
    "image": ImageSlide,
    "case": CaseSlide,
    "knowledge-check": KnowledgeCheckSlide,
    "summary": SummarySlide,
    "references": ReferencesSlide,
}


def _slide_kind(data: Any) -> str:
    if isinstance(data, dict):
        return str(data.get("kind", "bullets"))
    return getattr(data, "kind", "bullets")


Slide = Annotated[
    Annotated[BulletsSlide, Tag("bullets")]
    | Annotated[SectionSlide, Tag("section")]
    | Annotated[StatSlide, Tag("stat")]
    | Annotated[CompareSlide, Tag("compare")]
    | Annotated[QuoteSlide, Tag("quote")]
    | Annotated[TableSlide, Tag("table")]
    | Annotated[ImageSlide, Tag("image")]
    | Annotated[CaseSlide, Tag("case")]
    | Annotated[KnowledgeCheckSlide, Tag("knowledge-check")]
    | Annotated[SummarySlide, Tag("summary")]
    | Annotated[ReferencesSlide, Tag("references")],
    Discriminator(_slide_kind),
]
