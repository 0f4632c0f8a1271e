"""Reports: run summaries as table rows, and the analyst's HTML report of the warehouse.

``summary_rows`` and ``batch_rows`` (``runs``) feed the Prefect table artifacts of the pipeline
and backfill flows. :func:`collect` (``data``) reads a warehouse (read-only is enough) through
the queries in ``sql/report/``; :func:`render_html` (``page``) turns that into one
self-contained HTML page, with the template and CSS in ``templates/`` and the SVG charts of
``charts`` (matplotlib, nothing fetched at view time); and :func:`report_markdown`
(``markdown``) gives the compact Markdown version for a Prefect artifact.
"""

from newsevents.report.charts import (
    map_extent,
    map_points,
    map_svg,
    timeline_positions,
    timeline_svg,
    type_colour,
)
from newsevents.report.data import EVENT_TYPES, ReportData, ReportFilter, collect, type_order
from newsevents.report.markdown import report_markdown, warehouse_markdown
from newsevents.report.page import (
    TEMPLATES,
    article_anchor,
    evidence_html,
    party,
    render_html,
    safe_url,
    write_report,
)
from newsevents.report.runs import batch_rows, summary_rows

__all__ = [
    "EVENT_TYPES",
    "TEMPLATES",
    "ReportData",
    "ReportFilter",
    "article_anchor",
    "batch_rows",
    "collect",
    "evidence_html",
    "map_extent",
    "map_points",
    "map_svg",
    "party",
    "render_html",
    "report_markdown",
    "safe_url",
    "summary_rows",
    "timeline_positions",
    "timeline_svg",
    "type_colour",
    "type_order",
    "warehouse_markdown",
    "write_report",
]
