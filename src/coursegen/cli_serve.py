"""`coursegen serve`: the browser quiz runner and the trainer's results pages."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import click

from coursegen.errors import UsageError

PASSWORD_ENV = "COURSEGEN_TRAINER_PASSWORD"
SECRET_ENV = "COURSEGEN_SECRET_KEY"
_APP_ENV = "COURSEGEN_SERVE_DIR"


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 lets phones in the room connect.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--db", help="Attempts database: a file path or a URL (postgresql://...).")
@click.option("--trainer-password", envvar=PASSWORD_ENV, show_envvar=True,
              help="Turns on the trainer pages (there is no default password).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (use PostgreSQL for more than one).")
def serve(directory: Path, host: str, port: int, db: str | None, trainer_password: str | None,
          workers: int) -> None:
    """Run the quiz in the browser for learners, with live results for the trainer."""
    import uvicorn

    from coursegen.attempts.store import database_url, open_store

    course = _load(directory)
    store = open_store(db)
    secret = os.environ.get(SECRET_ENV) or _persisted_secret(store.url)
    trainer = "on" if trainer_password else f"off (set --trainer-password or {PASSWORD_ENV})"
    click.echo(f"coursegen: serving “{course.title}” at http://{host}:{port}/ "
               f"(attempts in {store.display_url}; trainer pages {trainer})")
    if workers == 1:
        from coursegen.web.app import create_app

        app = create_app(course, store, trainer_password, secret_key=secret)
        uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
        return
    # Several processes: each builds its own app from the same settings, passed by environment.
    os.environ.update({_APP_ENV: str(directory.resolve()), "COURSEGEN_DB": database_url(db),
                       SECRET_ENV: secret, PASSWORD_ENV: trainer_password or ""})
    store.close()
    uvicorn.run("coursegen.cli_serve:app_from_environment", factory=True, host=host, port=port,
                workers=workers, log_level="warning", server_header=False)


def app_from_environment():  # a Starlette app; its imports stay lazy
    """The app for one worker process of a multi-worker `serve`."""
    from coursegen.attempts.store import open_store
    from coursegen.web.app import create_app

    course = _load(Path(os.environ[_APP_ENV]))
    return create_app(course, open_store(), os.environ.get(PASSWORD_ENV) or None,
                      secret_key=os.environ[SECRET_ENV])


def _load(directory: Path):  # a Course; load stays a lazy import
    from coursegen.load import load_checked

    if not (directory / "course.yaml").is_file():
        raise UsageError(f"{directory}: no course.yaml here; give the course folder "
                         "(e.g. coursegen serve path/to/course)")
    course, _warnings = load_checked(directory)
    return course


def _persisted_secret(url: str) -> str:
    """A cookie-signing key kept beside the data, so a restart keeps learners signed in."""
    from platformdirs import user_data_path
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    folder = (Path(parsed.database).parent if parsed.get_backend_name() == "sqlite"
              and parsed.database and parsed.database != ":memory:"
              else user_data_path("coursegen"))
    path = folder / "web-secret.key"
    if path.is_file():
        return path.read_text().strip()
    folder.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
