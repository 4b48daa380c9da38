from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from core.scoping import get_scope

from .models import ContestEdition, Result


def edition_results(request, edition_id: int):
    """The winners of an edition by nomination, for staff to print or send."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url="admin:login")
    if not get_scope(request.user).is_staff:
        raise PermissionDenied("Итоги конкурсов доступны сотрудникам администрации.")
    edition = get_object_or_404(ContestEdition.objects.select_related("contest"), pk=edition_id)
    context = {
        "edition": edition,
        "nominations": edition.nominations.all(),
        "outcomes": edition.outcomes.all(),
        "results": Result.objects.for_edition_page(edition),
    }
    return render(request, "contests/edition_results.html", context)
