"""No 500 on any input: every form of the site is posted generated input, and every page is opened with
generated query strings; the answer is a 200, a redirect or a 4xx, never a server error.

The URLs and who may use them come from the access matrix (tests/access/matrix.py): each URL outside
the Django admin is posted to by every role whose POST the matrix allows (200, 400 or a redirect that is
not the login), and opened with a query string by one role the matrix lets read it (cases.py). The fields
come from the page itself: its forms (or the forms of the page that posts to it, HOSTS) are read with
html.parser (forms.py), so a field added tomorrow is fuzzed tomorrow; the form classes a view uses (HINTS)
add the fields a page shows only in another state. Each field gets, from Hypothesis (strategies.py), a value
seen on the page, an empty string, a long or odd unicode string, a huge or negative number, a date in an odd
format, or the id of a row of another town; a few unexpected keys are added. Every example runs in a
savepoint rolled back after it (world.py), so the examples do not see each other's rows.

A request answered with a 500 re-raises the view's exception, so Hypothesis reports the smallest input that
breaks the view, with the view's traceback. A 500 that is known and not fixed yet is listed in KNOWN_500
(known.py, with the smallest input found): the fuzz tests let it pass, and test_known_500_still_reproduces
(test_replay.py) replays it as an expected failure (xfail) that fails once the view is fixed — then remove
its entry. The 500s once found and fixed (FIXED_500) are replayed on every run, to stay fixed.

Each POST is also watched (test_post.py, tests/snapshots.py's watch_changes): town B's rows must not change
when anyone but town B's own office posts, whatever town B ids the data carries, and a refused POST (400,
403, 404, 405, 409, 410, 413, 429) must change no town's rows. A change that is known and not fixed yet is listed
in KNOWN_LEAKS (known.py), with its reason.

Uploads (test_uploads.py): the register import, a proposal's attachment and the panel meeting's report are
also posted files too large, of the wrong type and empty, and must be refused with nothing kept.

Search harder than the suite does: NO500_EXAMPLES=200 NO500_RANDOM=1 pytest -n0 tests/congress/fuzz/
"""
