"""What contests hold about a person, for a subject request (152-ФЗ,
art. 14; registered with core.personal_data.register_subject_source)."""

from .models import Application


def applications_of(activist):
    """The applications filed in the person's name by their own committee
    (a namesake's application in another committee is not theirs)."""
    applications = Application.objects.filter(
        applicant_name=activist.full_name, committee_id=activist.committee_id
    ).select_related("edition__contest", "nomination").order_by("pk")
    header = ["номер", "конкурс", "номинация", "заявитель", "этап"]
    rows = [
        [a.pk, str(a.edition), str(a.nomination or ""), a.applicant_name, a.get_stage_display()]
        for a in applications
    ]
    return "Заявки на конкурсы", header, rows
