"""Signed certificate codes: an Ed25519 signature over a certificate's facts, checkable offline.

A code carries the facts themselves (learner, course, module, form, score, date) and the
training centre's signature over them, written in base32 in groups of five letters so it can
be typed from paper. Anyone with the centre's public key checks it without the attempts
database: change one character and it no longer verifies.

The private key lives in the file named by ``$COURSEGEN_SIGNING_KEY``, else
``signing-key.pem`` in the user data folder (next to the default attempts database); it is
created on first use with file mode 0600 and never printed.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass
from pathlib import Path

from coursegen.errors import UsageError

KEY_ENV = "COURSEGEN_SIGNING_KEY"
"""Environment variable naming the private key file."""

_DOMAIN = b"coursegen certificate v1\0"
"""Signed before the facts, so a signature made for anything else never verifies here."""
_SEPARATOR = "\x1f"
_SIGNATURE_BYTES = 64
_GROUP = 5


class CodeInvalid(UsageError):
    """A certificate code that is malformed or whose signature does not match its facts."""


@dataclass(frozen=True)
class CertificateFacts:
    """What a certificate states, all of it covered by the signature."""

    learner: str
    course: str
    module: str
    form: str
    score: int
    date: str
    """The day the attempt finished, YYYY-MM-DD (UTC)."""

    def encoded(self) -> bytes:
        """The facts as the bytes that are signed and carried in the code."""
        fields = (self.learner, self.course, self.module, self.form, str(self.score), self.date)
        if any(_SEPARATOR in field for field in fields):
            raise UsageError("a certificate fact contains a control character (U+001F)")
        return _SEPARATOR.join(fields).encode("utf-8")

    @classmethod
    def decoded(cls, data: bytes) -> CertificateFacts:
        """The facts from their signed bytes (raises CodeInvalid if they are not facts)."""
        try:
            learner, course, module, form, score, date = data.decode("utf-8").split(_SEPARATOR)
            return cls(learner, course, module, form, int(score), date)
        except ValueError:
            raise CodeInvalid("this is not a certificate code") from None


def key_path() -> Path:
    """Where the private signing key is kept: $COURSEGEN_SIGNING_KEY or the user data folder."""
    configured = os.environ.get(KEY_ENV)
    if configured:
        return Path(configured).expanduser()
    from platformdirs import user_data_path

    return user_data_path("coursegen") / "signing-key.pem"


def signing_key(create: bool = True):
    """The private Ed25519 key, created (mode 0600) if missing and `create` is set."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    path = key_path()
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError) as error:
            raise UsageError(f"{path}: not an unencrypted PEM private key ({error}); "
                             f"point {KEY_ENV} at the key file coursegen made") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise UsageError(f"{path}: not an Ed25519 key; point {KEY_ENV} at the key file "
                             "coursegen made")
        return key
    if not create:
        raise UsageError(f"no signing key at {path}; create one with `coursegen certificate key`")
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL: two runners creating the key at once must not overwrite each other's.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    return key


def public_key_text(key=None) -> str:
    """The public key to publish, in base32 (what `certificate verify --public-key` takes)."""
    from cryptography.hazmat.primitives import serialization

    raw = (key or signing_key()).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return _grouped(raw)


def sign(facts: CertificateFacts) -> str:
    """The certificate code of these facts, signed with the training centre's key."""
    payload = facts.encoded()
    signature = signing_key().sign(_DOMAIN + payload)
    return _grouped(payload + signature)


def verify(code: str, public_key: str | None = None) -> CertificateFacts:
    """The facts a code states, if its signature matches (raises CodeInvalid otherwise)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    data = _ungrouped(code, "certificate code")
    if len(data) <= _SIGNATURE_BYTES:
        raise CodeInvalid("this certificate code is too short: check it was copied in full")
    payload, signature = data[:-_SIGNATURE_BYTES], data[-_SIGNATURE_BYTES:]
    if public_key is None:
        if not key_path().exists():
            raise UsageError(f"no signing key on this computer ({key_path()}): give the "
                             "training centre's public key with --public-key KEY")
        key = signing_key(create=False).public_key()
    else:
        try:
            key = Ed25519PublicKey.from_public_bytes(_ungrouped(public_key, "public key"))
        except ValueError:
            raise UsageError("the public key should be 52 base32 characters, as "
                             "`coursegen certificate key` prints it") from None
    try:
        key.verify(signature, _DOMAIN + payload)
    except InvalidSignature:
        raise CodeInvalid("NOT VALID: this code was not signed with this key, or it was "
                          "changed or mistyped") from None
    return CertificateFacts.decoded(payload)


def _grouped(data: bytes) -> str:
    text = base64.b32encode(data).decode("ascii").rstrip("=")
    return "-".join(text[i:i + _GROUP] for i in range(0, len(text), _GROUP))


def _ungrouped(text: str, what: str) -> bytes:
    letters = "".join(c for c in text.upper() if c.isalnum())
    try:
        data = base64.b32decode(letters + "=" * (-len(letters) % 8))
    except (binascii.Error, ValueError):
        data = None
    # The last letter carries spare bits that decoding ignores: only the one spelling that
    # encodes the data counts, so every changed letter is caught.
    if data is None or base64.b32encode(data).decode("ascii").rstrip("=") != letters:
        raise CodeInvalid(f"this {what} has characters base32 does not use (A-Z, 2-7), "
                          "or a wrong length: check it was copied in full")
    return data
