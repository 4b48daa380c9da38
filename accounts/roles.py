"""The roles as Django groups: which permissions each group holds.

Permissions say what a role may do with a model at all (Django's view, add,
change, delete, and the registry's own import and export); core.scoping
says on which rows; both are declared per model in core.access. The groups
are created by a migration of this app and brought up to date after every
`migrate` (models added later get their permissions into the groups
without a new data migration).
"""

from django.apps import apps as global_apps
from django.db.models import Q

from core.access import FULL, STAFF_APPS, VIEW, permissions_by_role

# The project's own apps: city staff hold every permission of them.
PROJECT_APPS = STAFF_APPS

# The Django group of each role (accounts.models.Profile.Role values).
ROLE_GROUPS = {
    "staff": "Сотрудники администрации",
    "chair": "Председатели окружных комитетов",
    "center": "Специалисты ЦРН",
    "viewer": "Наблюдатели",
}

# Not a role of a profile but a group given to some staff members: the
# officer responsible for personal data (152-ФЗ, art. 22.1) handles the
# queue «На уничтожение» and the destruction acts (accounts.destruction).
OFFICER_GROUP = "Ответственные за обработку ПДн"
OFFICER_PERMISSIONS = ("destroy_personal_data", "view_destructionact")

# role -> {model label: actions}, read off core.access.ACCESS; staff
# additionally hold everything of PROJECT_APPS.
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = permissions_by_role(ROLE_GROUPS)

__all__ = [
    "FULL",
    "OFFICER_GROUP",
    "PROJECT_APPS",
    "ROLE_GROUPS",
    "ROLE_PERMISSIONS",
    "VIEW",
    "create_all_permissions",
    "role_permission_q",
    "sync_after_migrate",
    "sync_role_groups",
]


def role_permission_q(role: str) -> Q:
    """The permissions of a role, as a filter on auth.Permission."""
    q = Q(pk__in=[])
    if role == "staff":
        q |= Q(content_type__app_label__in=PROJECT_APPS) & ~Q(
            content_type__app_label="accounts", codename__in=OFFICER_PERMISSIONS
        )
    for label, actions in ROLE_PERMISSIONS[role].items():
        app_label, model_name = label.split(".")
        q |= Q(
            content_type__app_label=app_label,
            content_type__model=model_name,
            codename__in=[f"{action}_{model_name}" for action in actions],
        )
    return q


def create_all_permissions(apps=global_apps, using="default"):
    """Create the content types and permissions of every installed app now,
    not after the whole migrate run, so that the groups can be given them."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        had_models = getattr(app_config, "models_module", None)
        app_config.models_module = had_models or True
        create_permissions(app_config, apps=apps, verbosity=0, using=using)
        app_config.models_module = had_models


def sync_role_groups(apps=global_apps, using="default"):
    """Create the role groups and give each exactly its permissions."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, name in ROLE_GROUPS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.set(Permission.objects.using(using).filter(role_permission_q(role)))
    officer, _ = Group.objects.using(using).get_or_create(name=OFFICER_GROUP)
    officer.permissions.set(Permission.objects.using(using).filter(
        content_type__app_label="accounts", codename__in=OFFICER_PERMISSIONS
    ))


def sync_after_migrate(sender, app_config=None, using="default", apps=global_apps, **kwargs):
    """post_migrate receiver of accounts: keep the groups in step with the
    models (a flush in tests empties them, a new model brings permissions)."""
    create_all_permissions(apps=apps, using=using)
    sync_role_groups(apps=apps, using=using)
