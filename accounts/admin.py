from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from core.admin_base.grammar import GrammarMixin
from core.personal_data import log_access

from . import access_log, destruction, subject_requests
from .models import (
    AccessRecord,
    DestructionAct,
    ErasureQueue,
    ExportRecord,
    Profile,
    SubjectRequest,
)
from .roles import ROLE_GROUPS


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    autocomplete_fields = ["committee", "center", "territory"]


admin.site.unregister(User)


@admin.register(User)
class TosUserAdmin(GrammarMixin, UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "last_name", "first_name", "role", "scope_name", "is_active",
                    "last_login"]
    list_filter = ["profile__role", "is_active", "is_staff"]
    list_select_related = ["profile__committee", "profile__center", "profile__territory"]
    search_fields = ["username", "first_name", "last_name", "email"]
    # The role's group follows the profile (save_related); only a superuser
    # grants superuser status or single permissions.
    superuser_only_fields = ["is_superuser", "groups", "user_permissions"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not request.user.is_superuser:
            # Staff must not reset a superuser's password and log in as one.
            queryset = queryset.filter(is_superuser=False)
        return queryset

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += self.superuser_only_fields
        return readonly

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        profile = Profile.objects.filter(user=form.instance).first()
        if profile is not None:
            form.instance.groups.set(Group.objects.filter(name=ROLE_GROUPS[profile.role]))

    @admin.display(description="роль", ordering="profile__role")
    def role(self, obj):
        profile = getattr(obj, "profile", None)
        return profile.get_role_display() if profile else "—"

    @admin.display(description="зона ответственности")
    def scope_name(self, obj):
        profile = getattr(obj, "profile", None)
        if profile is None:
            return "—"
        return profile.committee or profile.center or profile.territory or "весь город"


@admin.register(ExportRecord)
class ExportRecordAdmin(GrammarMixin, admin.ModelAdmin):
    """The export log: read by staff, written only by the export paths."""

    list_display = ["created", "username", "model_name", "row_count", "personal_fields",
                    "file_format", "via"]
    list_filter = ["model", "via", "created"]
    search_fields = ["username", "model_name"]
    date_hierarchy = "created"
    readonly_fields = ["created", "user", "username", "model", "model_name", "row_count",
                       "object_ids", "filters", "file_format", "via", "personal_fields"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordFilter(admin.SimpleListFilter):
    """The entries naming one record: `?record=<table>:<number>`, as an
    inquiry into a breach asks (who saw this person's card, and when)."""

    title = "запись"
    parameter_name = "record"

    def lookups(self, request, model_admin):
        value = self.value()
        return [(value, f"№{value.partition(':')[2]}")] if value else []

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        model, _, pk = value.partition(":")
        return queryset.filter(access_log.naming(model, pk))


@admin.register(AccessRecord)
class AccessRecordAdmin(GrammarMixin, admin.ModelAdmin):
    """The access log of personal data: read by staff (an inquiry into a
    breach filters it by time, user, table and record), written only by
    accounts.access_log; the database refuses changes."""

    list_display = ["at", "username", "action", "model_name", "ids", "address", "detail"]
    list_filter = ["action", "model", "at", RecordFilter]
    search_fields = ["username", "=address"]
    date_hierarchy = "at"
    actions = ["export_xlsx"]

    @admin.action(description="Выгрузить выбранные записи журнала (.xlsx)")
    def export_xlsx(self, request, queryset):
        response = HttpResponse(
            access_log.log_xlsx(queryset.order_by("at", "pk")),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        day = timezone.localdate()
        response["Content-Disposition"] = f'attachment; filename="zhurnal-dostupa-{day}.xlsx"'
        return response
    readonly_fields = ["at", "user", "username", "action", "model", "model_name", "object_ids",
                       "detail", "address"]
    fields = readonly_fields

    @admin.display(description="записи")
    def ids(self, obj):
        shown = ", ".join(obj.object_ids[:10])
        return shown + (" …" if len(obj.object_ids) > 10 else "")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SubjectRequest)
class SubjectRequestAdmin(GrammarMixin, admin.ModelAdmin):
    """Requests of people for the data held about them (152-ФЗ, art. 14):
    open ones first, by due date; the action makes the answer's workbook."""

    list_display = ["__str__", "activist", "received", "due_state", "answered", "channel"]
    list_filter = [("answered", admin.EmptyFieldListFilter), "channel", "received"]
    autocomplete_fields = ["activist"]
    fields = ["activist", "received", "channel", "note", "answered", "due", "registered_by"]
    readonly_fields = ["due", "registered_by"]
    actions = ["download_answer"]

    @admin.display(description="ответить до", ordering="due")
    def due_state(self, obj):
        if obj.answered:
            return f"{obj.due:%d.%m.%Y}"
        if obj.overdue:
            return format_html('<strong class="errornote">{} — просрочен</strong>',
                               f"{obj.due:%d.%m.%Y}")
        return f"{obj.due:%d.%m.%Y}"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.registered_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Сведения о человеке для ответа (.xlsx)")
    def download_answer(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Выберите один запрос.", messages.WARNING)
            return None
        subject = queryset.get()
        activist = subject.activist
        log_access(request, "export", type(activist), [activist.pk],
                   detail=f"ответ на запрос №{subject.pk} (ст. 14 152-ФЗ)")
        response = HttpResponse(
            subject_requests.subject_xlsx(activist),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="zapros-{subject.pk}-{subject.received:%Y-%m-%d}.xlsx"'
        )
        return response


DESTROY = "accounts.destroy_personal_data"


class OfficerOnly:
    """Pages of the officer responsible for personal data (the group
    accounts.roles.OFFICER_GROUP, or a superuser)."""

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(DESTROY)

    # Django answers a missing object before asking for permission; here
    # nobody else learns even that.
    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._refuse_others(request)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._refuse_others(request)
        return super().history_view(request, object_id, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._refuse_others(request)
        return super().delete_view(request, object_id, extra_context)

    def _refuse_others(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ErasureQueue)
class ErasureQueueAdmin(OfficerOnly, GrammarMixin, admin.ModelAdmin):
    """The queue «На уничтожение»: who withdrew consent, who left longer
    than the retention period ago, who has no consent (accounts.destruction).
    Destroying asks for confirmation, names what goes, and writes an act."""

    list_display = ["pk", "full_name", "tos_body", "reason", "since", "due"]
    list_display_links = None
    actions = ["destroy_selected"]
    search_fields = ["full_name"]

    def _queue(self, request):
        if not hasattr(request, "_erasure_queue"):
            request._erasure_queue = {item.activist.pk: item for item in destruction.queue()}
        return request._erasure_queue

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=list(self._queue(request))) \
            .select_related("tos_body")

    @admin.display(description="причина")
    def reason(self, obj):
        return self._item(obj).reason_text

    @admin.display(description="с")
    def since(self, obj):
        day = self._item(obj).since
        return f"{day:%d.%m.%Y}" if day else "—"

    @admin.display(description="уничтожить до")
    def due(self, obj):
        day = self._item(obj).due
        return f"{day:%d.%m.%Y}" if day else "решает ответственный"

    def _item(self, obj):
        return obj.due_item

    def get_changelist_instance(self, request):
        # Each row of the page carries its place in the queue (the admin
        # instance is shared by every request: nothing is kept on it).
        changelist = super().get_changelist_instance(request)
        queue = self._queue(request)
        for obj in changelist.result_list:
            obj.due_item = queue[obj.pk]
        return changelist

    @admin.action(description="Уничтожить персональные данные выбранных")
    def destroy_selected(self, request, queryset):
        items = [self._queue(request)[pk] for pk in queryset.values_list("pk", flat=True)]
        if request.POST.get("confirm") != "yes":
            return TemplateResponse(request, "admin/accounts/erasurequeue/confirm.html", {
                **self.admin_site.each_context(request),
                "title": "Уничтожить персональные данные?",
                "items": items,
                "opts": self.model._meta,
                "selected": [item.activist.pk for item in items],
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            })
        act = destruction.destroy(items, user=request.user,
                                  basis="решение ответственного за обработку ПДн")
        url = reverse("admin:accounts_destructionact_change", args=[act.pk])
        self.message_user(request, format_html(
            "Данные уничтожены, составлен <a href=\"{}\">{}</a>.", url, act), messages.SUCCESS)
        return None


@admin.register(DestructionAct)
class DestructionActAdmin(OfficerOnly, GrammarMixin, admin.ModelAdmin):
    list_display = ["__str__", "at", "username", "basis", "count", "pdf"]
    readonly_fields = ["at", "username", "basis", "object_ids", "reasons", "pdf"]
    fields = readonly_fields

    @admin.display(description="субъектов")
    def count(self, obj):
        return len(obj.object_ids)

    @admin.display(description="акт")
    def pdf(self, obj):
        if not obj.file:
            return "—"
        url = reverse("admin:accounts_destructionact_pdf", args=[obj.pk])
        return format_html('<a href="{}">PDF</a>', url)

    def get_urls(self):
        return [
            path("<int:pk>/pdf/", self.admin_site.admin_view(self.pdf_view),
                 name="accounts_destructionact_pdf"),
            *super().get_urls(),
        ]

    def pdf_view(self, request, pk):
        if not self.has_view_permission(request):
            raise Http404
        act = get_object_or_404(DestructionAct, pk=pk)
        if not act.file:
            raise Http404
        return FileResponse(act.file.open("rb"), as_attachment=True,
                            filename=f"akt-unichtozheniya-{act.pk}.pdf")
