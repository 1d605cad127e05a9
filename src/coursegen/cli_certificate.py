"""`coursegen certificate`: show the signing key, and check a certificate's code offline."""

from __future__ import annotations

import click


@click.group()
def certificate() -> None:
    """Certificates: the signing key and offline verification of certificate codes."""


@certificate.command()
def key() -> None:
    """Create the signing key if there is none, and print where it is and its public key."""
    from coursegen.attempts.signing import key_path, public_key_text, signing_key

    public = public_key_text(signing_key())
    click.echo(f"private key: {key_path()} (keep it secret; set $COURSEGEN_SIGNING_KEY "
               "to keep it elsewhere)")
    click.echo(f"public key:  {public}")
    click.echo("Publish the public key: anyone can check a certificate with "
               "`coursegen certificate verify CODE --public-key KEY`.")


@certificate.command()
@click.argument("code")
@click.option("--public-key", help="The training centre's public key (as `certificate key` "
              "prints it); default: the public half of this computer's signing key.")
def verify(code: str, public_key: str | None) -> None:
    """Check a certificate CODE against the public key and print what it certifies."""
    from coursegen.attempts.signing import verify as check

    facts = check(code, public_key)
    click.echo("VALID certificate:")
    for label, value in (("learner", facts.learner), ("course", facts.course),
                         ("module", facts.module), ("form", FORM_NAMES.get(facts.form, facts.form)),
                         ("score", f"{facts.score} %"), ("date", facts.date)):
        click.echo(f"  {label + ':':<8} {value}")


FORM_NAMES = {"post": "post-test", "exam": "exam"}
