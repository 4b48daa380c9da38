from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from core.scoping import get_scope, scope_queryset

from .models import Application, ContestEdition, Result


def may_read_results(user, edition) -> bool:
    """City staff read every edition's results; a chair those of an edition
    their committee applied to (the application read through core.scoping)."""
    scope = get_scope(user)
    if scope.is_staff:
        return True
    if scope.role != "chair":
        return False
    return scope_queryset(user, Application.objects.filter(edition=edition)).exists()


def _published(results) -> list:
    """The results as the page prints them: a resident named only with a
    publication consent (Application.mark_for_publication)."""
    results = list(results)
    Application.mark_for_publication([result.application for result in results])
    return results


def edition_results(request, edition_id: int):
    """The winners of an edition by nomination, for staff to print or send
    and for the chairs whose committees applied."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), login_url="admin:login")
    edition = get_object_or_404(ContestEdition.objects.select_related("contest"), pk=edition_id)
    if not may_read_results(request.user, edition):
        raise PermissionDenied(
            "Итоги этого конкурса доступны сотрудникам администрации и председателям "
            "комитетов, подавших на него заявки."
        )
    context = {
        "edition": edition,
        "nominations": edition.nominations.all(),
        "outcomes": edition.outcomes.all(),
        "results": _published(Result.objects.for_edition_page(edition)),
        # A chair goes back to the portal's «Мои заявки», staff to the admin.
        "back_url": "" if get_scope(request.user).is_staff else reverse("portal:my_applications"),
    }
    return render(request, "contests/edition_results.html", context)
