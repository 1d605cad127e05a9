"""`coursegen serve`: the browser quiz runner and the trainer's results pages."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import click

from coursegen.errors import UsageError

PASSWORD_ENV = "COURSEGEN_TRAINER_PASSWORD"
SECRET_ENV = "COURSEGEN_SECRET_KEY"
FORWARDED_ENV = "FORWARDED_ALLOW_IPS"
"""uvicorn's own variable for the trusted proxies, kept so existing deployments carry over."""
_APP_ENV = "COURSEGEN_SERVE_DIR"
_LANG_ENV = "COURSEGEN_SERVE_LANG"


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
@click.option("--roster", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="CSV of participants (name[,session]): each joins with a personal code, "
                   "printable at /trainer/roster.")
@click.option("--certfile", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="TLS certificate (PEM): serve over HTTPS; needs --keyfile.")
@click.option("--keyfile", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="The TLS certificate's private key (PEM).")
@click.option("--forwarded-allow-ips", envvar=FORWARDED_ENV, show_envvar=True,
              help="Comma-separated addresses of reverse proxies (or *) whose X-Forwarded-For "
                   "and X-Forwarded-Proto are believed; from others they are ignored.")
@click.option("--lang", "language", metavar="LANG",
              help="Serve the course in this language (from translations/LANG/; English "
                   "where a translation is missing). Question ids are the same in every "
                   "language, so results form one cohort.")
def serve(directory: Path, host: str, port: int, db: str | None, trainer_password: str | None,
          workers: int, roster: Path | None, certfile: Path | None, keyfile: Path | None,
          forwarded_allow_ips: str | None, language: str | None) -> None:
    """Run the quiz in the browser for learners, with live results for the trainer."""
    import uvicorn

    from coursegen.attempts.store import database_url, open_store

    if bool(certfile) != bool(keyfile):
        raise UsageError("give --certfile and --keyfile together to serve over HTTPS")
    course = _load(directory, language)
    store = open_store(db)
    if roster:
        _load_roster(store, roster)
    secret = os.environ.get(SECRET_ENV) or _persisted_secret(store.url)
    trainer = "on" if trainer_password else f"off (set --trainer-password or {PASSWORD_ENV})"
    scheme = "https" if certfile else "http"
    click.echo(f"coursegen: serving “{course.title}” at {scheme}://{host}:{port}/ "
               f"(attempts in {store.display_url}; trainer pages {trainer})")
    # uvicorn's own X-Forwarded-For handling is off (it trusts 127.0.0.1 by default); the app
    # applies it, only for the proxies named here.
    server = {"host": host, "port": port, "log_level": "warning", "server_header": False,
              "proxy_headers": False,
              "ssl_certfile": str(certfile) if certfile else None,
              "ssl_keyfile": str(keyfile) if keyfile else None}
    if workers == 1:
        from coursegen.web.app import create_app

        app = create_app(course, store, trainer_password, secret_key=secret,
                         forwarded_allow_ips=forwarded_allow_ips)
        uvicorn.run(app, **server)
        return
    # Several processes: each builds its own app from the same settings, passed by environment.
    os.environ.update({_APP_ENV: str(directory.resolve()), "COURSEGEN_DB": database_url(db),
                       SECRET_ENV: secret, PASSWORD_ENV: trainer_password or "",
                       FORWARDED_ENV: forwarded_allow_ips or "", _LANG_ENV: language or ""})
    store.close()
    uvicorn.run("coursegen.cli_serve:app_from_environment", factory=True, workers=workers,
                **server)


def app_from_environment():  # a Starlette app; its imports stay lazy
    """The app for one worker process of a multi-worker `serve`."""
    from coursegen.attempts.store import open_store
    from coursegen.web.app import create_app

    course = _load(Path(os.environ[_APP_ENV]), os.environ.get(_LANG_ENV) or None)
    return create_app(course, open_store(), os.environ.get(PASSWORD_ENV) or None,
                      secret_key=os.environ[SECRET_ENV],
                      forwarded_allow_ips=os.environ.get(FORWARDED_ENV) or None)


def _load_roster(store, path: Path) -> None:  # an AttemptStore; imports stay lazy
    """Add the participants of the roster CSV at `path` (clear errors for a bad file)."""
    from coursegen.attempts.roster import Roster, parse_roster

    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text; save it from the spreadsheet as "
                         "“CSV UTF-8”") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot read the roster: {error.strerror}") from None
    people = Roster(store).load(parse_roster(text, str(path)))
    click.echo(f"coursegen: {len(people)} participants on the roster; print their join codes "
               "at /trainer/roster")


def _load(directory: Path, language: str | None = None):  # a Course; imports stay lazy
    from coursegen.load import load_checked
    from coursegen.translation.content_apply import in_language

    if not (directory / "course.yaml").is_file():
        raise UsageError(f"{directory}: no course.yaml here; give the course folder "
                         "(e.g. coursegen serve path/to/course)")
    course, _warnings = load_checked(directory)
    return in_language(course, language)


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
