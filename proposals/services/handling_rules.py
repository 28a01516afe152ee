"""The town's rules for handling proposals and suggestions, saved by its office."""

from proposals.models import HandlingSettings


def handling_settings_save(*, settings: HandlingSettings) -> HandlingSettings:
    """Save the town's handling rules (one row per town, made on the first save)."""
    settings.full_clean()
    settings.save()
    return settings
