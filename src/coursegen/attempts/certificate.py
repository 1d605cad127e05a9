"""One-page PDF certificates for passed attempts at a form that certifies (template
`certificate/`, tagged PDF/UA-1), each carrying a signed code anyone can check offline."""

from __future__ import annotations

from pathlib import Path

from coursegen.attempts.signing import CertificateFacts, sign
from coursegen.attempts.store import FINISHED, AttemptRecord, as_utc
from coursegen.errors import UsageError
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


def certificate_html(record: AttemptRecord, course_root: Path | None = None) -> str:
    """The certificate of a passed attempt as HTML (raises UsageError for any other attempt)."""
    if not certifies(record):
        raise UsageError(f"attempt {record.id} is not a passed, finished post-test or exam; "
                         "certificates are only given for those (a pre-test is a diagnostic)")
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
        date=long_date(as_utc(record.finished_at).date()),
        code=certificate_code(record),
        form=record.form,
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
