"""One-page PDF certificates for passed attempts (template `certificate/`, tagged PDF/UA-1)."""

from __future__ import annotations

from pathlib import Path

from coursegen.attempts.store import AttemptRecord
from coursegen.errors import UsageError
from coursegen.pdf import pdf_bytes, write_pdf
from coursegen.text import long_date
from coursegen.theme import find_template_file, render_template


def certificate_html(record: AttemptRecord, course_root: Path | None = None) -> str:
    """The certificate of a passed attempt as HTML (raises UsageError for any other attempt)."""
    if record.status != "finished" or not record.passed or record.practice:
        raise UsageError(f"attempt {record.id} is not a passed, finished scored attempt; "
                         "certificates are only given for those")
    css = find_template_file(course_root, "certificate/certificate.css").read_text("utf-8")
    return render_template(
        course_root, "certificate/certificate.html",
        css=css,
        learner=record.learner,
        organisation=record.organisation,
        course_title=record.course_title,
        module_title=record.module_title,
        score=f"{record.percent:.0f} %",
        pass_mark=f"{record.pass_mark:g} %",
        date=long_date(record.finished_at.astimezone().date()),
        code=record.verification,
        attempt_id=record.id,
    )


def _base_url(course_root: Path | None) -> str:
    return find_template_file(course_root, "certificate/certificate.html").parent.as_uri() + "/"


def certificate_pdf(record: AttemptRecord, course_root: Path | None = None) -> bytes:
    """The certificate of a passed attempt as tagged PDF bytes (served by the web runner)."""
    return pdf_bytes(certificate_html(record, course_root), _base_url(course_root))


def render_certificate(record: AttemptRecord, target: Path,
                       course_root: Path | None = None) -> Path:
    """Write the certificate PDF of a passed attempt to `target` (atomically)."""
    return write_pdf(certificate_html(record, course_root), target, _base_url(course_root))
