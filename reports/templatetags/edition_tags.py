"""Who is offered the preparation of the report (publishing, the year's
start, the checklist: reports.edition_views): city staff."""

from django import template

from core.scoping import get_scope

register = template.Library()


@register.simple_tag
def may_prepare_report(user) -> bool:
    return get_scope(user).is_staff
