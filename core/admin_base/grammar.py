"""The admin's titles and messages in correct Russian (nouns: core/grammar.py).

Django writes a model's verbose_name into its phrases as it stands: «Выберите
заявка для изменения», «Добавить активист», «Заявка "…" был успешно
добавлен», «Успешно удалены 5 мероприятия». GrammarMixin replaces each such
title and message with one built from the model's forms: «Выберите заявку
для изменения», «Добавить активиста», «Заявка «…» успешно добавлена»,
«Удалено 5 мероприятий».

Titles are replaced only where they are still Django's own (a view given its
own title keeps it); a message only when it is one of Django's phrases about
this model. The templates of templates/admin/ do the same for the counts,
buttons and confirmations they print.
"""

import re

from django.contrib import messages
from django.contrib.admin.actions import delete_selected
from django.template.response import TemplateResponse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext

from core.grammar import noun


def _pattern(template: str, **groups: str) -> re.Pattern:
    """A regex matching Django's translated `template` with its
    `{name}`-style or `%(name)s`-style placeholders as named groups."""
    parts = re.split(r"(\{\w+\}|%\(\w+\)[sd])", template)
    regex = []
    for part in parts:
        name = re.fullmatch(r"\{(\w+)\}|%\((\w+)\)[sd]", part)
        if name:
            key = name.group(1) or name.group(2)
            regex.append(groups.get(key, f"(?P<{key}>.*?)"))
        else:
            # Translators vary the quotes: “…“, “…”, "…".
            regex.append(re.sub(r"[“”\"]", '[“”"«»]', re.escape(part)))
    return re.compile("^" + "".join(regex) + "$", re.DOTALL)


class GrammarMixin:
    """Titles, the delete action and the messages of a ModelAdmin, with the
    model's noun in the case and number each phrase needs."""

    # Titles

    def _titles(self, request, obj=None) -> dict[str, str]:
        """Django's default titles of this model's pages -> ours."""
        name, word = str(self.opts.verbose_name), noun(self.opts)
        return {
            gettext("Select %s") % name: f"Выберите {word.accusative}",
            gettext("Select %s to change") % name: f"Выберите {word.accusative} для изменения",
            gettext("Select %s to view") % name: f"Выберите {word.accusative} для просмотра",
            gettext("Add %s") % name: f"Добавить {word.accusative}",
            gettext("Change %s") % name: f"Изменить {word.accusative}",
            gettext("View %s") % name: f"Просмотреть {word.accusative}",
            gettext("Delete"): f"Удалить {word.accusative}?",
            gettext("Cannot delete %(name)s")
            % {"name": name}: f"Нельзя удалить {word.accusative}",
        }

    def _retitle(self, request, response):
        if isinstance(response, TemplateResponse) and response.context_data:
            title = response.context_data.get("title")
            ours = self._titles(request).get(str(title)) if title else None
            if ours:
                response.context_data["title"] = ours
        return response

    def changelist_view(self, request, extra_context=None):
        return self._retitle(request, super().changelist_view(request, extra_context))

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return self._retitle(
            request, super().changeform_view(request, object_id, form_url, extra_context)
        )

    def delete_view(self, request, object_id, extra_context=None):
        return self._retitle(request, super().delete_view(request, object_id, extra_context))

    # The delete action

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions and actions["delete_selected"][0] is delete_selected:
            word = noun(self.opts)
            actions["delete_selected"] = (
                _delete_selected,
                "delete_selected",
                f"Удалить {'выбранных' if word.animate else 'выбранные'} {word.accusative_plural}",
            )
        return actions

    # Messages

    def _messages(self) -> list[tuple[re.Pattern, object]]:
        """(Django's message about this model, as a regex; a function of
        its match giving ours)."""
        word = noun(self.opts)
        name = re.escape(str(self.opts.verbose_name))
        subject = capfirst(word.nominative)

        def saved(stem, tail=""):
            # m["obj"] is as Django wrote it: HTML (a link) in a safe
            # message, plain text in a plain one.
            return lambda m, safe: (
                f"{escape(subject) if safe else subject} «{m['obj']}» успешно "
                f"{word.participle(stem)}.{tail}"
            )

        again = f" Ниже можно изменить {word.pronoun} снова."
        another = f" Ниже можно добавить {word.another}."
        added = "The {name} “{obj}” was added successfully."
        changed = "The {name} “{obj}” was changed successfully."
        table = [
            (added, saved("добавлен")),
            (added + " You may edit it again below.", saved("добавлен", again)),
            (added + " You may add another {name} below.", saved("добавлен", another)),
            (changed, saved("изменён")),
            (changed + " You may edit it again below.", saved("изменён", again)),
            (changed + " You may add another {name} below.", saved("изменён", another)),
            ("The %(name)s “%(obj)s” was deleted successfully.", saved("удалён")),
        ]
        patterns = [(_pattern(gettext(english), name=name), build) for english, build in table]

        def counted(stem):
            def build(m, safe):
                n = int(m["count"])
                return f"{capfirst(word.participle(stem, n))} {word.count(n)}."

            return build

        items = f"(?:{name}|{re.escape(str(self.opts.verbose_name_plural))})"
        patterns.append(
            (
                _pattern(gettext("Successfully deleted %(count)d %(items)s."), items=items),
                counted("удалён"),
            )
        )
        for n_form in (1, 2, 5):
            changed_many = ngettext(
                "%(count)s %(name)s was changed successfully.",
                "%(count)s %(name)s were changed successfully.",
                n_form,
            )
            patterns.append((_pattern(changed_many, name=items), counted("изменён")))
        return patterns

    def message_user(
        self, request, message, level=messages.INFO, extra_tags="", fail_silently=False
    ):
        text = str(message)
        for pattern, build in self._messages():
            match = pattern.match(text)
            if match:
                safe = isinstance(message, SafeString)
                ours = build(match, safe)
                message = mark_safe(ours) if safe else ours
                break
        super().message_user(request, message, level, extra_tags, fail_silently)


def _delete_selected(modeladmin, request, queryset):
    """Django's delete_selected, its confirmation titled in Russian."""
    response = delete_selected(modeladmin, request, queryset)
    if isinstance(response, TemplateResponse) and response.context_data is not None:
        context = response.context_data
        word = noun(modeladmin.opts)
        n = len(context.get("queryset") or [])
        refused = context.get("perms_lacking") or context.get("protected")
        context["title"] = (
            f"Нельзя удалить {word.count(n, 'accusative')}"
            if refused
            else f"Удалить {word.count(n, 'accusative')}?"
        )
    return response


_delete_selected.allowed_permissions = delete_selected.allowed_permissions
_delete_selected.short_description = delete_selected.short_description
