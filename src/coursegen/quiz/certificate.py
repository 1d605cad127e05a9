"""One-page PDF certificates for passed attempts (WeasyPrint, template `certificate/`)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from coursegen.errors import UsageError
from coursegen.output import atomic_path
from coursegen.quiz.store import AttemptRecord

TEMPLATE_DIR = "certificate"


def template_dirs(course_root: Path | None) -> list[Path]:
    """Where the certificate template is looked up: the course's templates, then the built-in."""
    builtin = Path(str(files("coursegen") / "templates" / TEMPLATE_DIR))
    own = [course_root / "templates" / TEMPLATE_DIR] if course_root else []
    return [d for d in own if d.is_dir()] + [builtin]


def certificate_html(record: AttemptRecord, course_root: Path | None = None) -> str:
    """The certificate of a passed attempt as HTML (raises UsageError for any other attempt)."""
    if record.status != "finished" or not record.passed or record.practice:
        raise UsageError(f"attempt {record.id} is not a passed, finished scored attempt; "
                         "certificates are only given for those")
    dirs = template_dirs(course_root)
    environment = Environment(loader=FileSystemLoader([str(d) for d in dirs]),
                              autoescape=select_autoescape(["html"]))
    css = environment.loader.get_source(environment, "certificate.css")[0]
    return environment.get_template("certificate.html").render(
        css=css,
        learner=record.learner,
        organisation=record.organisation,
        course_title=record.course_title,
        module_title=record.module_title,
        score=f"{record.percent:.0f} %",
        pass_mark=f"{record.pass_mark:g} %",
        date=record.finished_at.astimezone().strftime("%d %B %Y"),
        code=record.verification,
        attempt_id=record.id,
    )


def render_certificate(record: AttemptRecord, target: Path,
                       course_root: Path | None = None) -> Path:
    """Write the certificate PDF of a passed attempt to `target` (atomically)."""
    from weasyprint import HTML

    html = certificate_html(record, course_root)
    base = template_dirs(course_root)[0]
    target = Path(target)
    with atomic_path(target) as temporary:
        HTML(string=html, base_url=str(base)).write_pdf(temporary)
    return target
