"""The fixture of the fuzz tests: `world` (town A's rows and users, town B's ids, each URL's forms). It stands in
for tests/congress/conftest.py's `world` (the history tests' town) in this package."""

from tests.congress.fuzz.world import world  # noqa: F401 (a fixture)
