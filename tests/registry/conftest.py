import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # admin_client's superuser is created with a password; the production
    # hasher takes a good part of a second for each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
