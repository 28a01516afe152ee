"""Settings for the test suite: the same settings, with a fast hasher, mail kept in memory, tasks eager."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

# Tests run with debug off, as production does; the key below never leaves the test process.
os.environ["DJANGO_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-any-deployment")

from congress.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "congress.sms.MemorySmsBackend"
# The suite runs its tasks in-process; the real-worker tests start their own worker against Redis.
CELERY_TASK_ALWAYS_EAGER = True
# Uploads on disk, as in production (a file is sent by its path), in a folder of this test process's own.
MEDIA_ROOT = SENDFILE_ROOT = Path(tempfile.mkdtemp(prefix="congress-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
STORAGES = {
    "default": {"BACKEND": "congress.storage.PrivateStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
# The test client and the browser tests speak plain HTTP on loopback.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SMS_QUIET_FROM = SMS_QUIET_UNTIL = 0  # no quiet hours unless a test sets them
# Each test process its own cache (the per-address limits); the voters' tests clear it before each test.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
