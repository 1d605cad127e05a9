"""One-page PDF certificates for passed attempts at a form that certifies (template
`certificate/`, tagged PDF/UA-1), each carrying a signed code anyone can check offline."""

from __future__ import annotations

from pathlib import Path

from coursegen.attempts.signing import CertificateFacts, sign
from coursegen.attempts.store import FINISHED, AttemptRecord, as_utc
from coursegen.errors import UsageError
from coursegen.i18n.locale_format import babel_locale, format_percent
from coursegen.pdf import pdf_bytes, write_pdf
from coursegen.text import long_date
from coursegen.theme import find_template_file, render_template

CERTIFYING_FORMS = ("post", "exam")
"""Forms whose pass is certified; the pre-test is a diagnostic and practice is practice."""


def certifies(record: AttemptRecord) -> bool:
    """True for a finished, passed attempt at a post-test or exam (not practice)."""
    return (record.status == FINISHED and bool(record.passed) and not record.practice
            and record.form in CERTIFYING_FORMS)


def certificate_facts(record: AttemptRecord) -> CertificateFacts:
    """What the certificate of this attempt states (and its code signs)."""
    assert record.finished_at is not None and record.percent is not None
    return CertificateFacts(
        learner=record.learner, course=record.course_id, module=record.module,
        form=record.form, score=round(record.percent),
        date=as_utc(record.finished_at).date().isoformat())


def certificate_code(record: AttemptRecord) -> str:
    """The signed code printed on the certificate of a certifying attempt."""
    return sign(certificate_facts(record))


def certificate_language(course_root: Path | None) -> str:
    """The language of the course at `course_root` (its course.yaml `language:`), read
    without loading the course; English when there is none or it cannot be read."""
    if course_root is None:
        return "en"
    from coursegen.yaml_errors import YamlProblem
    from coursegen.yamlio import read_yaml

    try:
        data = read_yaml(Path(course_root) / "course.yaml", "course.yaml").data
    except (OSError, YamlProblem):
        return "en"
    lang = data.get("language") if isinstance(data, dict) else None
    return str(lang) if lang else "en"


def certificate_html(record: AttemptRecord, course_root: Path | None = None,
                     language: str | None = None) -> str:
    """The certificate of a passed attempt as HTML (raises UsageError for any other attempt),
    worded in `language` (default: the course's)."""
    if not certifies(record):
        raise UsageError(f"attempt {record.id} is not a passed, finished post-test or exam; "
                         "certificates are only given for those (a pre-test is a diagnostic)")
    css = find_template_file(course_root, "certificate/certificate.css").read_text("utf-8")
    lang = language or certificate_language(course_root)
    return render_template(
        course_root, "certificate/certificate.html", language=lang,
        lang=lang, css=css,
        learner=record.learner,
        organisation=record.organisation,
        course_title=record.course_title,
        module_title=record.module_title,
        score=_percent(round(record.percent), lang),
        pass_mark=_percent(record.pass_mark, lang),
        date=long_date(as_utc(record.finished_at).date(), lang),
        code=certificate_code(record),
        form=record.form,
        attempt_id=record.id,
    )


def _percent(value: float, lang: str) -> str:
    """A percentage as the certificate prints it: '86 %' in English (the house style of the
    attempt pages), the language's own form elsewhere ('86 %', '86%', '٨٦٪')."""
    text = f"{value:g}"
    if babel_locale(lang).language == "en":
        return f"{text} %"
    decimals = len(text.split(".")[1]) if "." in text else 0
    return format_percent(value / 100, lang, decimals)


def _base_url(course_root: Path | None) -> str:
    return find_template_file(course_root, "certificate/certificate.html").parent.as_uri() + "/"


def certificate_pdf(record: AttemptRecord, course_root: Path | None = None,
                    language: str | None = None) -> bytes:
    """The certificate of a passed attempt as tagged PDF bytes (served by the web runner)."""
    return pdf_bytes(certificate_html(record, course_root, language), _base_url(course_root))


def render_certificate(record: AttemptRecord, target: Path,
                       course_root: Path | None = None, language: str | None = None) -> Path:
    """Write the certificate PDF of a passed attempt to `target` (atomically)."""
    return write_pdf(certificate_html(record, course_root, language), target,
                     _base_url(course_root))
