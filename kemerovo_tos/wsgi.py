import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kemerovo_tos.settings")
application = get_wsgi_application()

# What a worker's first request would otherwise wait for, done at its boot:
# the URLconf and its reverse map (two thousand admin patterns).
from django.urls import reverse  # noqa: E402

reverse("admin:index")
