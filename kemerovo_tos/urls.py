from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from portal import media
from portal import views as portal_views

admin.site.site_header = "Реестр ТОС города Кемерово"
admin.site.site_title = "Реестр ТОС"
admin.site.index_title = "Управление реестром"

urlpatterns = [
    path("", portal_views.start, name="start"),  # each role to its own pages
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("contests/", include("contests.urls")),
    path("reports/", include("reports.urls")),
    path("portal/", include("portal.urls")),
    path("imports/", include("core.imports.urls")),
    # Uploaded photos, after the scope check of their records (portal.media).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", media.serve, name="media"),
]
