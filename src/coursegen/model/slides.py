"""The slide kinds a lesson is made of. Text fields allow inline Markdown."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, PrivateAttr, Tag, field_validator

from coursegen.i18n.ui import N_
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


UPDATE_LABEL = N_("Update before you deliver (beyond the course's sources; review by {date})")
"""The heading of an update note (English; coursegen.translation.default_words translates it)."""


class UpdateNote(Node):
    """What the field may have changed since the sources: the trainer checks it before delivery."""

    text: str = Field(description="What to check and where, beyond the course's own sources")
    review_by: dt.date = Field(description="Date by which to check it again (YYYY-MM-DD)")
    _shown_label: str | None = PrivateAttr(default=None)
    """The label in the course's language (set by coursegen.translation.default_words)."""

    @property
    def label(self) -> str:
        """The note's heading, the same in speaker notes and the trainer handout."""
        date = f"{self.review_by:%Y-%m-%d}"
        return self._shown_label or UPDATE_LABEL.format(date=date)


class SlideBase(Node):
    """Fields every slide kind shares."""

    id: str | None = Field(default=None, description="Optional anchor for cross-references")
    notes: str | None = Field(default=None, description="Speaker notes: what to say")
    ask: str | None = Field(default=None, description="A question to ask the room")
    minutes: float | None = Field(default=None, ge=0, description="Time to spend on the slide")
    cite: Citations = ()
    updates: tuple[UpdateNote, ...] = Field(
        default=(),
        description="'Update before you deliver' notes for the trainer: what may have changed "
        "since the sources, each with a review date (trainer outputs only)",
    )

    _shown_default: str | None = PrivateAttr(default=None)
    """The default title in the course's language (set by coursegen.translation.default_words)."""

    @property
    def heading(self) -> str:
        """The slide's title, or a title derived from its content when it has none."""
        return getattr(self, "title", None) or self._shown_default or self.default_title()

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
    src: str = Field(
        description="Image path inside the course folder, relative to it: a PNG, JPEG or GIF "
        "of at most 50 megapixels"
    )
    alt: str = Field(
        description="Alternative text describing the image for screen readers",
        json_schema_extra={"pattern": r"\S"},
    )
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


class ChartSeries(Node):
    """One named row of figures in a chart with several series."""

    name: str = Field(description="What the series counts, shown in the legend")
    values: tuple[str, ...] = Field(
        min_length=1, description="One figure per label, written as printed (42%, 36.2 million)")



class ChartSlide(SlideBase):
    """A native, editable chart from a few labelled figures, with its source."""

    kind: Literal["chart"]
    title: str
    chart: Literal["bar", "column", "line", "pie"] = Field(
        description="bar (horizontal), column (vertical), line or pie")
    labels: tuple[str, ...] = Field(min_length=1, description="One label per figure")
    values: tuple[str, ...] = Field(
        default=(), description="The figures, one per label, written as printed: 42%, 68,092, "
        "36.2 million (quote decimals, e.g. '1.50', and figures with commas)")
    series: tuple[ChartSeries, ...] = Field(
        default=(), description="Several named rows of figures instead of `values`")
    unit: str | None = Field(default=None, description="What the figures count (axis title)")
    caption: str | None = None
    alt: str | None = Field(
        default=None, description="Alternative text; by default the chart's figures in words")



class DiagramNode(Node):
    """A box in a diagram: a step, a date, or an entity in a link chart. A string is a label."""

    id: str | None = Field(default=None, description="Name that edges use (link charts)")
    label: str = Field(description="The box's text, e.g. Placement, 2015 or Wallet A")
    text: str | None = Field(default=None, description="A short line under the label")

    @classmethod
    def from_scalar(cls, data: Any) -> Any:
        """Let a bare string stand for a node with only a label."""
        return {"label": data} if isinstance(data, str | int | float) else data


class DiagramEdge(Node):
    """A labelled arrow between two nodes of a link chart."""

    start: str = Field(alias="from", description="Id of the node the arrow leaves")
    end: str = Field(alias="to", description="Id of the node the arrow points to")
    label: str | None = Field(default=None, description="What links them, e.g. 0.8 BTC")
    arrow: bool = Field(
        default=True, description="Draw an arrowhead (false for a link without direction, "
        "such as a shared identifier)")


class DiagramSlide(SlideBase):
    """A process, cycle, timeline or link chart drawn as editable shapes and connectors."""

    kind: Literal["diagram"]
    title: str
    diagram: Literal["process", "cycle", "timeline", "links"] = Field(
        description="process (steps in order), cycle (steps that repeat), timeline (dated "
        "events) or links (entities and labelled connections)")
    nodes: tuple[DiagramNode, ...] = Field(min_length=2, description="The boxes, in order")
    edges: tuple[DiagramEdge, ...] = Field(
        default=(), description="Connections between node ids (links diagrams only)")
    caption: str | None = None
    alt: str | None = Field(
        default=None, description="Alternative text; by default the diagram described in words")
    fictional: bool = Field(
        default=False, description="The diagram shows an invented case: outputs label it so, "
        "and its figures are not checked against sources")


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
    "chart": ChartSlide,
    "diagram": DiagramSlide,
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
    | Annotated[ReferencesSlide, Tag("references")]
    | Annotated[ChartSlide, Tag("chart")]
    | Annotated[DiagramSlide, Tag("diagram")],
    Discriminator(_slide_kind),
]
