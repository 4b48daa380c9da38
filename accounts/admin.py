from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from .models import Profile


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
