from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Profile
from accounts.services import create_user_for, generate_password
from centers.models import Center
from committees.models import DistrictCommittee, Territory

LINKS = {
    Profile.Role.CHAIR: ("committee", DistrictCommittee),
    Profile.Role.CENTER: ("center", Center),
    Profile.Role.VIEWER: ("territory", Territory),
}


class Command(BaseCommand):
    help = (
        "Создает или обновляет пользователя с ролью: председателя комитета "
        "(--committee), специалиста ЦРН (--center), наблюдателя (--territory) "
        "или сотрудника администрации; печатает пароль."
    )

    def add_arguments(self, parser):
        parser.add_argument("--role", required=True, choices=Profile.Role.values)
        parser.add_argument("--username", required=True)
        parser.add_argument("--committee", type=int, help="id окружного комитета")
        parser.add_argument("--center", type=int, help="id центра")
        parser.add_argument("--territory", type=int, help="id территории")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--reset-password", action="store_true",
            help="задать новый пароль существующему пользователю",
        )

    def handle(self, *args, role, username, verbosity, reset_password, **options):
        links = {}
        for link_role, (option, model) in LINKS.items():
            value = options[option]
            if role == link_role and value is None:
                raise CommandError(f"Для роли {role} укажите --{option}.")
            if role != link_role and value is not None:
                raise CommandError(f"--{option} не нужен для роли {role}.")
            if value is not None:
                try:
                    links[option] = model.objects.get(pk=value)
                except model.DoesNotExist as error:
                    name = model._meta.verbose_name
                    raise CommandError(f"Нет записи «{name}» №{value}.") from error
        password = generate_password() if reset_password else None
        try:
            user, password = create_user_for(
                username=username, role=role, password=password,
                first_name=options["first_name"], last_name=options["last_name"], **links,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        if password:
            self.stdout.write(f"Пароль: {password}")
        elif verbosity > 0:
            self.stdout.write("Пароль не изменен (--reset-password задает новый).")
        self.stdout.write(self.style.SUCCESS(
            f"Пользователь {user.username}: {Profile.Role(role).label}"
        ))
