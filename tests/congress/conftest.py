"""The fixtures of the congress tests."""

from tests.congress.history_world import world  # noqa: F401 (the history tests' town, a fixture)
