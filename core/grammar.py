"""Russian noun forms of every model the admin shows, in one table.

Django's admin puts a model's verbose_name wherever a phrase needs a noun:
after a verb («Добавить %s», «Выберите %s для изменения»), after a number
(«67 активисты», «0 мероприятия») and before a past participle («%s был
успешно добавлен» for a feminine «заявка»). English needs one form there;
Russian needs a case, a number form and the noun's gender.

`NOUNS` gives each model (by its label, `app_label.ModelName`) a `Noun`:
the forms counted after 1, 2–4 and 5 or more («мероприятие», «мероприятия»,
«мероприятий»: the first is the nominative singular, the last the genitive
plural), the accusative and genitive singular, the nominative plural, the
gender and whether the noun is animate (an animate noun's accusative plural
is its genitive plural: «выбранных активистов»). An inline whose own
verbose_name is not its model's («снимок» for an event's photos) finds its
forms in `WORDS`, by that name. `tests/registry/test_grammar.py` fails when
a model registered in the admin, or an inline of one, has no entry here.

`plural(n, forms)` picks the form a number takes; `Noun.count(n)` writes
«67 активистов». The admin's titles and messages are rewritten with these
by core/admin_base/grammar.py, its templates use the filters of
core/templatetags/grammar.py.
"""

from dataclasses import dataclass

from django.db.models.options import Options
from django.utils.formats import number_format

MASCULINE, FEMININE, NEUTER = "m", "f", "n"


def plural(n: int, forms) -> str:
    """The form of a noun after the number n, of forms for 1, 2–4 and 5+
    (a sequence or a comma-separated string): 1, 21, 101 take the first;
    2–4, 22–24 the second; 0, 5–20, 25–30, 111–114 the third."""
    if isinstance(forms, str):
        forms = [form.strip() for form in forms.split(",")]
    one, few, many = forms
    n = abs(int(n))
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def number(n: int) -> str:
    """A count as the admin prints it: «8 076» (thousands grouped)."""
    return number_format(n, force_grouping=True)


@dataclass(frozen=True)
class Noun:
    one: str  # after 1, and the nominative singular: «заявка»
    few: str  # after 2–4: «заявки»
    many: str  # after 5+, and the genitive plural: «заявок»
    accusative: str  # «Добавить заявку»
    genitive: str  # «Удаление заявки»
    plural: str  # nominative plural: «заявки»
    gender: str = MASCULINE
    animate: bool = False

    @property
    def nominative(self) -> str:
        return self.one

    @property
    def genitive_plural(self) -> str:
        return self.many

    @property
    def accusative_plural(self) -> str:
        """«Удалить выбранные заявки», «Удалить выбранных активистов»."""
        return self.many if self.animate else self.plural

    def forms(self, case: str = "nominative") -> tuple[str, str, str]:
        """The forms after 1, 2–4 and 5+, as the subject («1 заявка»), the
        object of a verb («удалить 1 заявку») or in the genitive
        («удаление 1 заявки», «удаление 3 заявок»)."""
        if case == "genitive":
            return self.genitive, self.many, self.many
        first = self.accusative if case == "accusative" else self.one
        return first, self.few, self.many

    def count(self, n: int, case: str = "nominative") -> str:
        """«67 активистов», «1 заявка»; with case="accusative", «1 заявку»."""
        return f"{number(n)} {plural(n, self.forms(case))}"

    def participle(self, stem: str, n: int = 1) -> str:
        """A past participle agreeing with the noun, or with n of them:
        stem «удалён» -> «удалён», «удалена», «удалено» (by gender; also
        after 21, 31...); after 2–4 «удалены», after 5+ «удалено»."""
        kind = plural(n, ("one", "few", "many"))
        if kind == "one" and self.gender == MASCULINE:
            return stem
        stem = stem.replace("ё", "е")
        if kind == "few":
            return stem + "ы"
        if kind == "many":
            return stem + "о"
        return stem + ("а" if self.gender == FEMININE else "о")

    @property
    def pronoun(self) -> str:
        """«его» or «её», the noun as the object of a verb."""
        return "её" if self.gender == FEMININE else "его"

    @property
    def another(self) -> str:
        """«ещё один снимок», «ещё одну заявку», «ещё одного активиста»."""
        if self.gender == FEMININE:
            word = "одну"
        elif self.gender == NEUTER:
            word = "одно"
        else:
            word = "одного" if self.animate else "один"
        return f"ещё {word} {self.accusative}"


def _noun(
    one, few, many, accusative=None, genitive=None, plural=None, gender=MASCULINE, animate=False
) -> Noun:
    return Noun(
        one=one,
        few=few,
        many=many,
        accusative=accusative or one,
        genitive=genitive or few,
        plural=plural or few,
        gender=gender,
        animate=animate,
    )


F, N = FEMININE, NEUTER

NOUNS: dict[str, Noun] = {
    # committees
    "committees.Territory": _noun(
        "территория", "территории", "территорий", "территорию", gender=F
    ),
    "committees.DistrictCommittee": _noun(
        "окружной комитет ТОС",
        "окружных комитета ТОС",
        "окружных комитетов ТОС",
        genitive="окружного комитета ТОС",
        plural="окружные комитеты ТОС",
    ),
    "committees.TosBody": _noun("орган ТОС", "органа ТОС", "органов ТОС", plural="органы ТОС"),
    "committees.Activist": _noun(
        "активист", "активиста", "активистов", "активиста", plural="активисты", animate=True
    ),
    "committees.Consent": _noun(
        "согласие на обработку ПДн",
        "согласия на обработку ПДн",
        "согласий на обработку ПДн",
        gender=N,
    ),
    # events
    "events.Campaign": _noun(
        "городская акция",
        "городские акции",
        "городских акций",
        "городскую акцию",
        "городской акции",
        gender=F,
    ),
    "events.Event": _noun("мероприятие", "мероприятия", "мероприятий", gender=N),
    "events.EventPhoto": _noun(
        "фото мероприятия",
        "фото мероприятия",
        "фото мероприятия",
        plural="фото мероприятий",
        gender=N,
    ),
    "events.BookletProposal": _noun(
        "фото для буклета", "фото для буклета", "фото для буклета",
        plural="фото для буклета", gender=N,
    ),
    # centers
    "centers.Center": _noun(
        "центр по работе с населением",
        "центра по работе с населением",
        "центров по работе с населением",
        plural="центры по работе с населением",
    ),
    "centers.Club": _noun(
        "кружок или клуб", "кружка или клуба", "кружков или клубов", plural="кружки и клубы"
    ),
    "centers.ClubYear": _noun("год занятий", "года занятий", "лет занятий", plural="годы занятий"),
    "centers.Reception": _noun(
        "консультативный прием",
        "консультативных приема",
        "консультативных приемов",
        genitive="консультативного приема",
        plural="консультативные приемы",
    ),
    "centers.PreventionRecord": _noun(
        "запись о профилактической работе",
        "записи о профилактической работе",
        "записей о профилактической работе",
        gender=F,
    ),
    "centers.RentalItem": _noun(
        "предмет проката", "предмета проката", "предметов проката", plural="предметы проката"
    ),
    # contests
    "contests.Contest": _noun("конкурс", "конкурса", "конкурсов", plural="конкурсы"),
    "contests.ContestEdition": _noun(
        "проведение конкурса",
        "проведения конкурса",
        "проведений конкурса",
        plural="проведения конкурсов",
        gender=N,
    ),
    "contests.EditionOutcome": _noun(
        "итоговый показатель",
        "итоговых показателя",
        "итоговых показателей",
        genitive="итогового показателя",
        plural="итоговые показатели",
    ),
    "contests.Nomination": _noun("номинация", "номинации", "номинаций", "номинацию", gender=F),
    "contests.Application": _noun("заявка", "заявки", "заявок", "заявку", gender=F),
    "contests.Result": _noun("итог", "итога", "итогов", plural="итоги"),
    "contests.Program": _noun("программа", "программы", "программ", "программу", gender=F),
    "contests.InitiativeProject": _noun(
        "проект инициативного бюджетирования",
        "проекта инициативного бюджетирования",
        "проектов инициативного бюджетирования",
        plural="проекты инициативного бюджетирования",
    ),
    # reports
    "reports.NarrativeBlock": _noun(
        "текстовый блок отчета",
        "текстовых блока отчета",
        "текстовых блоков отчета",
        genitive="текстового блока отчета",
        plural="текстовые блоки отчета",
    ),
    "reports.YearPlan": _noun(
        "план на год", "плана на год", "планов на год", plural="планы на год"
    ),
    "reports.YearTask": _noun("задача", "задачи", "задач", "задачу", gender=F),
    "reports.ClosedYear": _noun(
        "закрытый год", "закрытых года", "закрытых лет", genitive="закрытого года",
        plural="закрытые годы",
    ),
    "reports.PublishedEdition": _noun(
        "опубликованная редакция отчета", "опубликованные редакции отчета",
        "опубликованных редакций отчета", "опубликованную редакцию отчета",
        "опубликованной редакции отчета", gender=F,
    ),
    # returns
    "returns.MonthlyReturn": _noun(
        "отчет за месяц", "отчета за месяц", "отчетов за месяц", plural="отчеты за месяц"
    ),
    "returns.MonthTally": _noun(
        "итог месяца", "итога месяца", "итогов месяца", plural="итоги месяцев"
    ),
    "returns.Reminder": _noun(
        "напоминание об отчете", "напоминания об отчете", "напоминаний об отчете", gender=N
    ),
    # accounts and the framework's own models
    "accounts.Profile": _noun(
        "профиль пользователя",
        "профиля пользователя",
        "профилей пользователя",
        plural="профили пользователей",
    ),
    "accounts.ExportRecord": _noun(
        "выгрузка данных", "выгрузки данных", "выгрузок данных", "выгрузку данных", gender=F
    ),
    "accounts.AccessRecord": _noun(
        "обращение к персональным данным",
        "обращения к персональным данным",
        "обращений к персональным данным",
        gender=N,
    ),
    "accounts.SubjectRequest": _noun(
        "запрос субъекта персональных данных",
        "запроса субъекта персональных данных",
        "запросов субъекта персональных данных",
        plural="запросы субъектов персональных данных",
    ),
    "accounts.DestructionAct": _noun(
        "акт об уничтожении персональных данных",
        "акта об уничтожении персональных данных",
        "актов об уничтожении персональных данных",
        plural="акты об уничтожении персональных данных",
    ),
    "accounts.ErasureQueue": _noun(
        "активист на уничтожение ПДн",
        "активиста на уничтожение ПДн",
        "активистов на уничтожение ПДн",
        "активиста на уничтожение ПДн",
        plural="активисты на уничтожение ПДн",
        animate=True,
    ),
    "auth.User": _noun(
        "пользователь",
        "пользователя",
        "пользователей",
        "пользователя",
        plural="пользователи",
        animate=True,
    ),
    "auth.Group": _noun("группа", "группы", "групп", "группу", gender=F),
    "axes.AccessAttempt": _noun(
        "запись о попытке доступа",
        "записи о попытке доступа",
        "записей о попытке доступа",
        gender=F,
    ),
    "axes.AccessLog": _noun("запись о доступе", "записи о доступе", "записей о доступе", gender=F),
    "axes.AccessFailureLog": _noun(
        "ошибка доступа", "ошибки доступа", "ошибок доступа", "ошибку доступа", gender=F
    ),
}

# Nouns an inline uses instead of its model's verbose_name, by that name.
WORDS: dict[str, Noun] = {
    "снимок": _noun("снимок", "снимка", "снимков", plural="снимки"),
}


def _model_opts(target):
    """(Options, the verbose name shown) of a model, its Options, a model
    admin or an inline (an inline may name its rows its own way)."""
    if isinstance(target, Options):
        return target, str(target.verbose_name)
    opts = getattr(target, "opts", None) or target._meta
    return opts, str(getattr(target, "verbose_name", None) or opts.verbose_name)


def known_noun(target) -> Noun | None:
    """The table's forms of a model (or its Options, admin, inline), or None."""
    opts, name = _model_opts(target)
    if name != str(opts.verbose_name) or opts.label not in NOUNS:
        return WORDS.get(name)
    return NOUNS[opts.label]


def noun(target) -> Noun:
    """The forms of a model (or its Options, admin, inline); a model missing
    from the table falls back to Django's forms, its two verbose names."""
    found = known_noun(target)
    if found is not None:
        return found
    opts, name = _model_opts(target)
    many = str(opts.verbose_name_plural)
    return Noun(one=name, few=many, many=many, accusative=name, genitive=name, plural=many)
