"""The course model: frozen pydantic nodes that know where they were written."""

from coursegen.model.base import ORIGIN, Node, Origin
from coursegen.model.course import Branding, Course, CourseInfo, Lesson, Module, Objective, Term
from coursegen.model.quiz import (
    QUESTION_TYPES,
    AcceptedAnswer,
    BankSettings,
    Forms,
    Matching,
    MultipleResponse,
    Numeric,
    Option,
    Ordering,
    Pair,
    Question,
    QuestionBank,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
)
from coursegen.model.slides import SLIDE_KINDS, Slide
from coursegen.model.source import Citation, CitationRef, Source, SourceList, parse_citation
from coursegen.model.theme import Theme

__all__ = [
    "ORIGIN",
    "QUESTION_TYPES",
    "SLIDE_KINDS",
    "AcceptedAnswer",
    "BankSettings",
    "Branding",
    "Citation",
    "CitationRef",
    "Course",
    "CourseInfo",
    "Forms",
    "Lesson",
    "Matching",
    "Module",
    "MultipleResponse",
    "Node",
    "Numeric",
    "Objective",
    "Option",
    "Ordering",
    "Origin",
    "Pair",
    "Question",
    "QuestionBank",
    "ShortAnswer",
    "SingleChoice",
    "Slide",
    "Source",
    "SourceList",
    "Term",
    "Theme",
    "TrueFalse",
    "parse_citation",
]
