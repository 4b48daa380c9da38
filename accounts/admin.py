from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, User

from .models import AccessRecord, ExportRecord, Profile
from .roles import ROLE_GROUPS


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    autocomplete_fields = ["committee", "center", "territory"]


admin.site.unregister(User)


@admin.register(User)
class TosUserAdmin(UserAdmin):
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
class ExportRecordAdmin(admin.ModelAdmin):
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


@admin.register(AccessRecord)
class AccessRecordAdmin(admin.ModelAdmin):
    """The access log of personal data: read by staff (an inquiry into a
    breach filters it by time, user, table and record), written only by
    accounts.access_log; the database refuses changes."""

    list_display = ["at", "username", "action", "model_name", "ids", "address", "detail"]
    list_filter = ["action", "model", "at"]
    search_fields = ["username", "=address"]
    date_hierarchy = "at"
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
