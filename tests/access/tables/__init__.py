"""The role table of each app, one module per urls.py: MATRIX, URL_KWARGS and VARIANTS (see tests/access/matrix.py)."""
