"""Uploaded files are served by the app, after the same scope check as the
records they belong to: nothing under MEDIA_ROOT is public.

Each stored file belongs to a record (an event's photo), and a user may
download it exactly when they may see that record (core.scoping). Files
of no listed owner (booklets, which the report's own view serves; uploads
waiting for an import's confirmation) are never served here. A missing file
and a file of another scope are the same 404.

In production the app checks and nginx sends the bytes: with
DJANGO_MEDIA_ACCEL_PREFIX set (e.g. /protected-media/), the answer is an
empty response with X-Accel-Redirect to that internal location
(docs/deployment.md). Without it the app streams the file itself. With an
S3 bucket the files' URLs are the bucket's signed links and this view is
not reached.
"""

import mimetypes

from django.apps import apps
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.views.decorators.http import require_GET

from core.scoping import scope_queryset

# stored name prefix -> (model label, file field): who owns files there
MEDIA_OWNERS = {
    "events/": ("events.EventPhoto", "image"),
    "consents/": ("committees.Consent", "scan"),
}


def owner_visible(user, name: str) -> bool:
    for prefix, (label, field) in MEDIA_OWNERS.items():
        if name.startswith(prefix):
            model = apps.get_model(label)
            rows = model._default_manager.filter(**{field: name})
            return scope_queryset(user, rows).exists()
    return False


@require_GET
def serve(request, name):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if ".." in name.split("/") or name.startswith("/") or not owner_visible(request.user, name):
        raise Http404("Файл не найден.")
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    prefix = getattr(settings, "TOS_MEDIA_ACCEL_PREFIX", "")
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + name
    else:
        try:
            file = default_storage.open(name, "rb")
        except (FileNotFoundError, OSError):
            raise Http404("Файл не найден.") from None
        response = FileResponse(file, content_type=content_type)
    # Personal data: kept by the user's browser only, never by a shared cache.
    response["Cache-Control"] = "private, max-age=3600"
    return response
