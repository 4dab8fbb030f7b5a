import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# No 0/O or 1/I/L, so a code read aloud or copied by hand survives.
INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
INVITE_CODE_LENGTH = 16  # 31**16 ≈ 7·10**23: guessing is hopeless even without rate limits.


def new_invite_code() -> str:
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_CODE_LENGTH))


class CoachProfile(models.Model):
    """Makes a user a coach. Clients link to a coach by entering the invite code."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_profile"
    )
    invite_code = models.CharField(_("invite code"), max_length=32, unique=True, default=new_invite_code)
    bio = models.TextField(_("about you"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("coach profile")
        verbose_name_plural = _("coach profiles")

    def __str__(self):
        return str(self.user)

    @property
    def invite_code_display(self) -> str:
        """The code in groups of four, easier to read and to type."""
        return "-".join(self.invite_code[i : i + 4] for i in range(0, len(self.invite_code), 4))
