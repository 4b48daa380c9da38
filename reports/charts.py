"""The report's charts as SVG, drawn with matplotlib: the same images on the
web page and in the PDF booklet.

Labels stay SVG text set in PT Sans: WeasyPrint draws them with the
booklet's own @font-face fonts; a browser without PT Sans falls back to
another font with Cyrillic. (Outlined text, svg.fonttype "path", made the
PDF twice as slow.)

The web page inlines each chart's SVG. It goes through `safe_svg()` first,
the one place that marks it safe: an allow-list of drawing elements and
attributes, nothing that runs, links out or needs an inline style (the page's
Content-Security-Policy allows none).
"""

import base64
import hashlib
import io
import json
import re
import textwrap
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from xml.etree import ElementTree

import matplotlib

matplotlib.use("Agg")

from defusedxml.ElementTree import fromstring as parse_xml  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.cache import cache as django_cache  # noqa: E402
from django.utils.safestring import SafeString, mark_safe  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from contests.models import Application  # noqa: E402
from core.models import MONTHS_SHORT  # noqa: E402
from events.models import Event  # noqa: E402

from .formatting import number  # noqa: E402

FONT_FILES = ("PTS55F.ttf", "PTS75F.ttf")
COLORS = ["#1f5f8b", "#e08a1e", "#4a9b5c", "#b8475a", "#7d5ba6", "#7f8c8d"]
ORGANISERS = [
    ("committee", "Окружные комитеты ТОС"),
    ("center", "Центры по работе с населением"),
    ("city", "Администрация города"),
]
STAGE_LABELS = dict(Application.Stage.choices)


@dataclass
class Chart:
    key: str
    title: str
    svg: str

    @property
    def data_uri(self) -> str:
        encoded = base64.b64encode(self.svg.encode()).decode()
        return f"data:image/svg+xml;base64,{encoded}"

    @property
    def inline_svg(self) -> SafeString:
        """The SVG to put inside an HTML page (see safe_svg)."""
        return safe_svg(self.svg, id_prefix=f"chart-{self.key}")


@cache
def _font_family() -> str:
    family = "DejaVu Sans"  # matplotlib's own, has Cyrillic too
    for name in FONT_FILES:
        path = Path(settings.BASE_DIR) / "static" / "fonts" / name
        if path.exists():
            font_manager.fontManager.addfont(str(path))
            family = font_manager.FontProperties(fname=str(path)).get_name()
    return family


def _rc() -> dict:
    return {
        "font.family": _font_family(),
        "font.size": 10,
        "svg.fonttype": "none",
        "svg.hashsalt": "tos-report",
        "text.parse_math": False,  # a "$" in a name is a dollar sign, not TeX
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#888888",
        "axes.titleweight": "bold",
    }


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    # Text stays text (smaller SVG, faster PDF); a reader without PT Sans
    # gets another font with Cyrillic.
    return text.replace(
        f"font-family: '{_font_family()}';",
        f"font-family: '{_font_family()}', 'DejaVu Sans', Arial, sans-serif;",
    )


SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# What matplotlib draws a chart with. Any other element (script, style,
# foreignObject, a, image, animate, set, metadata …) goes, content and all.
SVG_ELEMENTS = frozenset({
    "svg", "g", "defs", "clipPath", "path", "rect", "circle", "ellipse", "line",
    "polyline", "polygon", "text", "tspan", "use", "title", "desc",
})
# Properties matplotlib writes in style="…", kept as SVG presentation
# attributes: a style attribute would need 'unsafe-inline' in the page's CSP.
PRESENTATION = frozenset({
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
    "stroke-dashoffset", "opacity", "clip-rule", "font-family", "font-size",
    "font-style", "font-weight", "font-stretch", "font-variant", "letter-spacing",
    "text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift",
    "visibility", "display",
})
GEOMETRY = frozenset({
    "id", "version", "viewBox", "preserveAspectRatio", "width", "height", "x", "y",
    "dx", "dy", "d", "points", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
    "transform", "clip-path", "clipPathUnits",
})
_LOCAL_URL = re.compile(r"url\(\s*#([\w.:-]+)\s*\)")


def _local_refs(value: str, prefix: str) -> str | None:
    """`value` with its url(#id) references renamed under `prefix`, or None
    if it refers to anything outside the same SVG."""
    if "\\" in value:  # a CSS escape could spell a url( of its own
        return None
    renamed = _LOCAL_URL.sub(lambda m: f"url(#{prefix}{m[1]})", value)
    if "url(" in _LOCAL_URL.sub("", renamed).replace(" ", "").lower():
        return None
    return renamed


def _declarations(css: str):
    for declaration in css.split(";"):
        name, colon, value = declaration.partition(":")
        if colon:
            yield name.strip().lower(), value.strip()


def _clean(element, prefix: str, inherited: dict | None = None) -> None:
    attributes = dict(inherited or {})
    for name, value in element.attrib.items():
        if name == "style":
            attributes.update(
                (prop, val) for prop, val in _declarations(value) if prop in PRESENTATION
            )
        elif name in ("href", f"{{{XLINK_NS}}}href"):
            if value.startswith("#") and re.fullmatch(r"#[\w.:-]+", value):
                attributes["href"] = f"#{prefix}{value[1:]}"
        elif name == "id":
            attributes["id"] = f"{prefix}{value}"
        elif name in GEOMETRY or name in PRESENTATION:
            attributes[name] = value
        # anything else (on*, xml:base, other namespaces, …) is dropped
    element.attrib.clear()
    for name, value in attributes.items():
        value = _local_refs(value, prefix)
        if value is not None:
            element.set(name, value)
    for child in list(element):
        name = child.tag.removeprefix(f"{{{SVG_NS}}}") if isinstance(child.tag, str) else ""
        if name in SVG_ELEMENTS and child.tag == f"{{{SVG_NS}}}{name}":
            child.tag = name  # the root declares the namespace, once
            _clean(child, prefix)
        else:
            element.remove(child)


@lru_cache(maxsize=32)
def safe_svg(svg: str, id_prefix: str = "chart") -> SafeString:
    """`svg` cleaned for inlining into an HTML page, then marked safe.

    Only drawing elements and their geometry stay; style attributes become
    presentation attributes, the SVG's own <style> rules go onto the root;
    references are kept only to elements of the same SVG (#id, url(#id)),
    whose ids are prefixed so that several charts on one page do not clash.
    Text comes out escaped, whatever a label (a territory's or a contest's
    name) held."""
    root = parse_xml(svg)
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ValueError("not an SVG image")
    # matplotlib's one rule, *{stroke-linejoin: round; stroke-linecap: butt},
    # is inherited from the root instead.
    rules = " ".join(style.text or "" for style in root.iter(f"{{{SVG_NS}}}style"))
    inherited = {
        prop: value
        for block in re.findall(r"\*\s*\{([^}]*)\}", rules)
        for prop, value in _declarations(block)
        if prop in PRESENTATION
    }
    prefix = re.sub(r"[^\w-]", "-", id_prefix) + "-"
    _clean(root, prefix, inherited)
    root.tag = "svg"
    root.set("xmlns", SVG_NS)
    text = ElementTree.tostring(root, encoding="unicode")
    return mark_safe(text)  # noqa: S308 -- cleaned just above


def _draw(draw, width=7.0, height=2.5, grid="y") -> str:
    with matplotlib.rc_context(_rc()):
        figure = Figure(figsize=(width, height))
        ax = figure.add_subplot()
        draw(ax)
        ax.grid(axis=grid, color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        return _svg(figure)


# Drawing a chart is most of the report page's time (docs/performance.md), so
# each chart's SVG is kept in Django's cache under a hash of exactly the data
# it draws: any change in the records changes the data, hence the key, and
# the chart is drawn afresh; nothing stale can be shown. Bump CHART_VERSION
# when the drawing code changes. The default cache (LocMem) is per process;
# several hosts should configure a shared cache (CACHES, e.g. Redis).
CHART_VERSION = 3
CACHE_SECONDS = 7 * 24 * 3600


def _cache_key(key: str, data) -> str:
    payload = json.dumps([CHART_VERSION, matplotlib.__version__, _font_family(), key, data],
                         ensure_ascii=False, sort_keys=True, default=str)
    return f"reports:chart:{key}:{hashlib.sha256(payload.encode()).hexdigest()}"


def _cached_chart(key: str, title: str, data, render) -> "Chart":
    """The chart `key`, drawn by `render()` from `data` (everything it
    shows, title included) unless the same data was drawn before."""
    cache_key = _cache_key(key, [title, data])
    svg = django_cache.get(cache_key)
    if svg is None:
        svg = render()
        django_cache.set(cache_key, svg, CACHE_SECONDS)
    return Chart(key, title, svg)


def _label_bars(ax, bars, horizontal=False):
    for bar in bars:
        value = bar.get_width() if horizontal else bar.get_height()
        if not value:
            continue
        if horizontal:
            ax.annotate(number(int(value)), (value, bar.get_y() + bar.get_height() / 2),
                        xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
        else:
            ax.annotate(number(int(value)), (bar.get_x() + bar.get_width() / 2, value),
                        xytext=(0, 2), textcoords="offset points", ha="center", fontsize=7)


def events_by_month(report) -> Chart:
    by_month = {org: list(report.events.by_month.get(org, [0] * 12)) for org, _ in ORGANISERS}

    def draw(ax):
        bottom = [0] * 12
        months = range(12)
        for color, (org, label) in zip(COLORS, ORGANISERS, strict=False):
            values = by_month[org]
            if any(values):
                ax.bar(months, values, bottom=bottom, label=label, color=color, width=0.7)
                bottom = [a + b for a, b in zip(bottom, values, strict=True)]
        for x, total in enumerate(bottom):
            if total:
                ax.annotate(number(total), (x, total), xytext=(0, 2),
                            textcoords="offset points", ha="center", fontsize=7)
        ax.set_xticks(list(months), MONTHS_SHORT)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(frameon=False, fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3)
        ax.set_ylim(0, max(bottom + [1]) * 1.12)

    return _cached_chart("events_by_month", f"Мероприятия по месяцам {report.year} года",
                         by_month, lambda: _draw(draw))


def _barh(ax, labels, values, color):
    positions = list(range(len(labels)))[::-1]
    bars = ax.barh(positions, values, color=color, height=0.6)
    ax.set_yticks(positions, labels)
    _label_bars(ax, bars, horizontal=True)
    ax.set_xlim(0, max(values + [1]) * 1.15)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def _territory_name(report, territory_id) -> str:
    if territory_id is None:
        return "Город (администрация)"
    territory = report.territories.get(territory_id)
    return str(territory) if territory else "—"


def events_by_territory(report) -> Chart:
    tally = report.events.by_territory
    order = sorted(
        tally, key=lambda t: (t is None, getattr(report.territories.get(t), "order", 0),
                              _territory_name(report, t))
    )
    labels = [_territory_name(report, t) for t in order]
    values = [tally[t] for t in order]
    height = max(1.6, 0.3 * len(labels) + 0.7)
    return _cached_chart(
        "events_by_territory", "Мероприятия по территориям", [labels, values],
        lambda: _draw(lambda ax: _barh(ax, labels, values, COLORS[0]), height=height, grid="x"),
    )


def events_by_kind(report) -> Chart:
    kinds = [(label, report.events.by_kind.get(kind, 0)) for kind, label in Event.Kind.choices]
    kinds = [(label, n) for label, n in kinds if n]
    labels = [label for label, _ in kinds]
    values = [n for _, n in kinds]
    height = max(1.6, 0.3 * len(labels) + 0.7)
    return _cached_chart(
        "events_by_kind", "Мероприятия по видам", [labels, values],
        lambda: _draw(lambda ax: _barh(ax, labels, values, COLORS[1]), height=height, grid="x"),
    )


def participants_by_month(report) -> Chart:
    people = {
        org: list(report.events.people_by_month.get(org, [0] * 12)) for org, _ in ORGANISERS
    }

    def draw(ax):
        months = list(range(12))
        top = 1
        for color, (org, label) in zip(COLORS, ORGANISERS, strict=False):
            values = people[org]
            if any(values):
                ax.plot(months, values, marker="o", markersize=3, label=label, color=color)
                top = max(top, *values)
        ax.set_xticks(months, MONTHS_SHORT)
        ax.set_ylim(0, top * 1.2)
        ax.yaxis.set_major_formatter(lambda v, _pos: number(int(v)))
        ax.legend(frameon=False, fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=3)

    return _cached_chart("participants_by_month", "Участники мероприятий по месяцам", people,
                         lambda: _draw(draw))


def applications_by_stage(report) -> Chart | None:
    editions = [e for e in report.contests["editions"] if e.applications]
    if not editions:
        return None
    stages = [
        Application.Stage.DISTRICT, Application.Stage.CITY,
        Application.Stage.REGIONAL, Application.Stage.FEDERAL,
    ]

    names = [_short(e.contest.name) for e in editions]
    reached = {stage: [e.reached.get(stage, 0) for e in editions] for stage in stages}
    applications = [e.applications for e in editions]

    def draw(ax):
        positions = list(range(len(editions)))[::-1]
        width = 0.8 / len(stages)
        for i, (stage, color) in enumerate(zip(stages, COLORS, strict=False)):
            values = reached[stage]
            if not any(values):
                continue
            bars = ax.barh([p + 0.3 - i * width for p in positions], values, height=width,
                           color=color, label=STAGE_LABELS[stage])
            _label_bars(ax, bars, horizontal=True)
        ax.set_yticks(positions, names)
        ax.set_xlim(0, max(applications + [1]) * 1.15)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(frameon=False, fontsize=8, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=4)

    lines = sum(max(len(name.splitlines()), 2) for name in names)
    height = max(2.0, 0.22 * lines + 0.8)
    return _cached_chart("applications_by_stage", "Заявки на конкурсы по этапам",
                         [names, reached, applications],
                         lambda: _draw(draw, height=height, grid="x"))


def _short(name: str, width: int = 26) -> str:
    """A long contest name wrapped onto lines of `width` characters: the whole
    name, never cut (the chart's height makes room for its lines)."""
    return "\n".join(textwrap.wrap(name, width)) or name


def charts(report) -> list[Chart]:
    """Every chart of the report, in the order the page shows them."""
    out = [
        events_by_month(report),
        participants_by_month(report),
        events_by_territory(report),
        events_by_kind(report),
        applications_by_stage(report),
    ]
    return [c for c in out if c is not None]
