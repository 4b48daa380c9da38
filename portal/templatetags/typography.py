"""Russian typography of names printed on the portal's pages.

`no_break_number`: a number sign keeps its number on the same line
(«Окружной комитет ТОС №&nbsp;1»): a no-break space after «№», also
where the name had none («№1417»). The names themselves stay as entered
(the admin, the report and the exports print them as they are).
"""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

NUMBER_SIGN = re.compile(r"№\s*(?=\d)")


@register.filter
def no_break_number(value) -> str:
    return mark_safe(NUMBER_SIGN.sub("№&nbsp;", conditional_escape(value)))
