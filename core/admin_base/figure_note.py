"""What a list opened from a report's figure is filtered by, in words:
`?_figure=2022-cultural` shows above the list «Записи показателя
«Культурно-массовые мероприятия комитетов»: <its definition>», since the
list's own filter sidebar cannot say «kind__in=…&committee__isnull=0».

core knows no figure: the annual report (a higher floor) registers the
function that turns the parameter into its sentence
(reports/apps.py, reports/document.py::figure_note), and builds the
parameter into its links (reports/document.py::drilldown_url). The
parameter is the list's own, like `_sum` (core/admin_base/sums.py): the
changelist never takes it for a lookup.
"""

FIGURE_VAR = "_figure"

_notes = []


def register_figure_note(note) -> None:
    """`note(value)` gives the sentence of a `?_figure=` value, or None
    when the value is not one of its figures."""
    if note not in _notes:
        _notes.append(note)


def figure_note(value: str) -> str | None:
    for note in _notes:
        text = note(value)
        if text:
            return text
    return None
