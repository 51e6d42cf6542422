"""The one-click unsubscribe link of a job alert's mail: it works without signing in, so the link itself
carries the authority, as a signature of the alert's id (django.core.signing, with a salt of its own so
that no other signature of the site can stand for it)."""

from __future__ import annotations

from django.core import signing

_SALT = "concours.candidates.job-alert.unsubscribe"


def _signer() -> signing.Signer:
    return signing.Signer(salt=_SALT)


def unsubscribe_token(alert_id: int) -> str:
    """The signature of `alert_id` alone: the id is in the address already."""
    return _signer().sign(str(alert_id)).rsplit(_signer().sep, 1)[1]


def unsubscribe_token_is_valid(alert_id: int, token: str) -> bool:
    # unsign() compares in constant time, and accepts signatures made with SECRET_KEY_FALLBACKS, so that
    # links already mailed keep working when the key is rotated.
    try:
        return _signer().unsign(f"{alert_id}{_signer().sep}{token}") == str(alert_id)
    except signing.BadSignature:
        return False
