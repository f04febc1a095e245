"""Remembered devices: ``device_tracking``."""

from __future__ import annotations

from cognito_auth.config._base import Model

__all__ = ["DeviceTracking"]


class DeviceTracking(Model):
    """Cognito remembers the devices users sign in from; a remembered device can skip the
    second factor (MFA) at later sign-ins. ``device_tracking: true`` turns it on with the
    defaults below."""

    challenge_required_on_new_device: bool = False
    """Sign-ins from a device that is not remembered yet are challenged (a second factor,
    or threat protection's challenge) even when the user's MFA would not ask. Default:
    off."""
    device_only_remembered_on_user_prompt: bool = True
    """A device is remembered only when the user agrees (the app calls
    ``UpdateDeviceStatus``); ``false`` remembers every device. Default: on, the user
    decides."""
