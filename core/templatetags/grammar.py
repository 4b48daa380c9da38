"""Russian noun forms in templates (the table: core/grammar.py).

{% load grammar %}
{{ cl.result_count|counted:cl.opts }}        67 активистов
{{ n|counted_accusative:opts }}              1 заявку
{{ n|counted_genitive:opts }}                3 заявок
{{ opts|noun_case:"accusative" }}            заявку
{{ n|plural:"снимок,снимка,снимков" }}       снимков
{{ inline_admin_formset|inline_formset_data }}
"""

import json

from django import template
from django.utils.translation import gettext

from core import grammar

register = template.Library()


@register.filter
def plural(n, forms):
    """The form of a noun after the number n (forms for 1, 2–4, 5+)."""
    try:
        return grammar.plural(n, forms)
    except (TypeError, ValueError):
        return ""


@register.filter
def counted(n, target):
    """«67 активистов»: a number with its noun, as the subject."""
    return grammar.noun(target).count(n)


@register.filter
def counted_accusative(n, target):
    """«1 заявку»: a number with its noun, as the object of a verb."""
    return grammar.noun(target).count(n, "accusative")


@register.filter
def counted_genitive(n, target):
    """«3 заявок»: a number with its noun, in the genitive."""
    return grammar.noun(target).count(n, "genitive")


@register.filter
def noun_case(target, case):
    """One form of a model's noun: nominative, accusative, genitive,
    plural, accusative_plural, genitive_plural, another."""
    return getattr(grammar.noun(target), case)


@register.filter
def inline_formset_data(inline_admin_formset):
    """Django's inline_formset_data, with «Добавить ещё один снимок» for
    «Добавить еще один Снимок» (its button under the rows)."""
    data = json.loads(inline_admin_formset.inline_formset_data())
    noun = grammar.noun(inline_admin_formset.opts)
    data["options"]["addText"] = f"Добавить {noun.another}"
    data["options"]["deleteText"] = gettext("Remove")
    return json.dumps(data)
