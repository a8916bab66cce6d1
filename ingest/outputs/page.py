# ruff: noqa: E501  (the inline CSS and the page template keep one rule per line)
"""``reports/index.html``: one self-contained page to look at the published list.

No server, no network, nothing fetched: the styles and the script are inline, the two
charts are embedded as base64 PNGs, so the file opens by double-click and can be mailed.
It shows the published list (``marts.models_above_1e25_flop``) as a table that sorts by
any column header and filters by class, confidence, probability, organization and year;
a click on a model opens its estimates (``marts.model_estimates``) with their notes and
sources; a red banner when any evidence is a committed sample; and when each source was
fetched.

Every string from the warehouse is escaped: text in the HTML with ``html.escape``, the
estimates as JSON in a ``<script type="application/json">`` block with ``<``, ``>`` and
``&`` written as ``\\u003c`` / ``\\u003e`` / ``\\u0026`` (so neither ``</script>`` nor
``<!--`` in a note can end or bend the block), read with ``JSON.parse`` and put on the
page with ``textContent``, never ``innerHTML``. Links are made only from http(s) URLs.
"""

from __future__ import annotations

import base64
import html
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from ingest.outputs import attribution, db
from ingest.outputs.formatting import flop
from ingest.outputs.paths import write_atomic

FILENAME = "index.html"
CHARTS = (
    ("models_above_per_quarter.png", "Models in the published list, by quarter"),
    ("compute_trend.png", "Training compute of models at or above 1e24 FLOP"),
)
# The published list's columns the page reads; one the mart lacks reads as NULL.
LIST_COLUMNS = (
    "model_id",
    "model_name",
    "organization",
    "publication_date",
    "is_publication_date_announced",
    "training_compute_flop",
    "training_compute_lower_flop",
    "training_compute_upper_flop",
    "confidence",
    "threshold_class",
    "probability_above_threshold",
    "estimation_method",
    "provenance",
    "is_verified",
    "is_sample_data",
)
ESTIMATE_COLUMNS = (
    "model_id",
    "estimation_method",
    "training_compute_flop",
    "training_compute_lower_flop",
    "training_compute_upper_flop",
    "confidence",
    "threshold_class",
    "training_compute_notes",
    "evidence_url",
    "is_final_estimate",
)


@dataclass(frozen=True)
class PageData:
    models: list[dict[str, Any]]
    estimates: dict[str, list[dict[str, Any]]]
    sources: list[attribution.SourceUse]
    charts: list[tuple[str, str, bytes]]  # (file name, caption, PNG bytes)
    generated_at: datetime


def _select(con: duckdb.DuckDBPyConnection, schema: str, table: str, wanted: tuple[str, ...]):
    have = set(db.columns_of(con, schema, table))
    return ", ".join(name if name in have else f"null as {name}" for name in wanted)


def read(con: duckdb.DuckDBPyConnection, reports_dir: Path, *, now: datetime) -> PageData:
    if not db.has_relation(con, "marts", "models_above_1e25_flop"):
        raise LookupError("marts.models_above_1e25_flop does not exist: run dbt build first")
    models = db.records(
        con,
        f"select {_select(con, 'marts', 'models_above_1e25_flop', LIST_COLUMNS)} "
        "from marts.models_above_1e25_flop "
        "order by training_compute_flop desc nulls last, model_id",
    )
    estimates: dict[str, list[dict[str, Any]]] = {}
    if db.has_relation(con, "marts", "model_estimates"):
        order = (
            "method_precedence"
            if "method_precedence" in db.columns_of(con, "marts", "model_estimates")
            else "estimation_method"
        )
        rows = db.records(
            con,
            f"select {_select(con, 'marts', 'model_estimates', ESTIMATE_COLUMNS)} "
            "from marts.model_estimates "
            "where model_id in (select model_id from marts.models_above_1e25_flop) "
            f"order by model_id, is_final_estimate desc, {order}",
        )
        for row in rows:
            estimates.setdefault(row["model_id"], []).append(row)
    charts = [
        (name, caption, (reports_dir / name).read_bytes())
        for name, caption in CHARTS
        if (reports_dir / name).exists()
    ]
    return PageData(models, estimates, attribution.source_uses(con), charts, now)


# -- rendering ------------------------------------------------------------------------------


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def script_json(value: object) -> str:
    """JSON safe inside <script>: no `</script>`, `<!--` or `]]>` can form in it."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _probability(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def _interval(row: dict[str, Any]) -> str:
    low, high = row["training_compute_lower_flop"], row["training_compute_upper_flop"]
    return f"{flop(low)} – {flop(high)}" if low is not None and high is not None else ""


def _num(value: float | None) -> str:
    return "" if value is None else repr(float(value))


def _row(model: dict[str, Any]) -> str:
    date = model["publication_date"]
    year = str(date.year) if date else ""
    # A date no source announced is the model's first sighting: it existed by then.
    shown_date = date.isoformat() if date else ""
    if date and model["is_publication_date_announced"] is False:
        shown_date += " (first seen)"
    cells = [
        (model["model_name"], model["model_name"] or ""),
        (model["organization"], model["organization"] or ""),
        (shown_date, date.isoformat() if date else ""),
        (flop(model["training_compute_flop"]), _num(model["training_compute_flop"])),
        (_interval(model), _num(model["training_compute_lower_flop"])),
        (model["confidence"], model["confidence"] or ""),
        (model["threshold_class"], model["threshold_class"] or ""),
        (
            _probability(model["probability_above_threshold"]),
            _num(model["probability_above_threshold"]),
        ),
        (model["estimation_method"], model["estimation_method"] or ""),
    ]
    attrs = {
        "data-model-id": model["model_id"],
        "data-class": model["threshold_class"] or "",
        "data-confidence": model["confidence"] or "",
        "data-organization": model["organization"] or "",
        "data-year": year,
        "data-probability": _num(model["probability_above_threshold"]),
        "data-sample": "true" if model["is_sample_data"] else "false",
    }
    attr_text = " ".join(f'{name}="{_e(value)}"' for name, value in attrs.items())
    tds = "".join(f'<td data-sort="{_e(key)}">{_e(text)}</td>' for text, key in cells)
    return f'<tr class="model" tabindex="0" {attr_text}>{tds}</tr>'


HEADERS = (
    ("Model", "text"),
    ("Organization", "text"),
    ("Published", "text"),
    ("Training compute (FLOP)", "number"),
    ("90% interval", "number"),
    ("Confidence", "text"),
    ("Class", "text"),
    ("P(≥ 1e25)", "number"),
    ("Method", "text"),
)


def _options(label: str, key: str, values: list[str]) -> str:
    opts = "".join(f'<option value="{_e(v)}">{_e(v)}</option>' for v in values)
    return (
        f'<label>{_e(label)} <select data-filter="{_e(key)}">'
        f'<option value="">all</option>{opts}</select></label>'
    )


def _banner(data: PageData) -> str:
    samples = sorted(use.source for use in data.sources if use.uses_sample)
    sample_rows = sum(1 for model in data.models if model["is_sample_data"])
    if not samples and not sample_rows:
        return ""
    named = ", ".join(samples) if samples else "some sources"
    return (
        '<div class="banner" role="alert"><strong>SAMPLE DATA.</strong> '
        f"This build used the committed samples for: {_e(named)}. "
        f"{sample_rows} of the {len(data.models)} models rest partly on them. These are "
        "not real figures.</div>"
    )


def _fetched(data: PageData) -> str:
    if not data.sources:
        return "<p>No capture is recorded in this warehouse.</p>"
    items = []
    for use in data.sources:
        when = use.newest_capture.isoformat() if use.newest_capture else "never"
        kind = " (SAMPLE)" if use.uses_sample else ""
        items.append(f"<li><b>{_e(use.source)}</b>: newest capture {_e(when)}{_e(kind)}</li>")
    return '<ul class="fetched">' + "".join(items) + "</ul>"


def render(data: PageData) -> str:
    models = data.models
    organizations = sorted({m["organization"] for m in models if m["organization"]})
    years = sorted(
        {str(m["publication_date"].year) for m in models if m["publication_date"]}, reverse=True
    )
    confidences = [
        c
        for c in ("Confident", "Likely", "Speculative")
        if any(m["confidence"] == c for m in models)
    ]
    classes = [
        c for c in ("above", "uncertain", "below") if any(m["threshold_class"] == c for m in models)
    ]
    head = "".join(
        f'<th scope="col"><button type="button" data-col="{i}" data-type="{kind}">'
        f"{_e(name)}</button></th>"
        for i, (name, kind) in enumerate(HEADERS)
    )
    rows = "\n".join(_row(model) for model in models)
    details = {
        model_id: [
            {
                "method": e["estimation_method"],
                "compute": flop(e["training_compute_flop"]),
                "interval": _interval(e),
                "confidence": e["confidence"],
                "class": e["threshold_class"],
                "notes": e["training_compute_notes"],
                "source": e["evidence_url"],
                "final": bool(e["is_final_estimate"]),
            }
            for e in rows_
        ]
        for model_id, rows_ in data.estimates.items()
    }
    charts = "".join(
        f'<figure><img alt="{_e(caption)}" src="data:image/png;base64,'
        f'{base64.b64encode(png).decode("ascii")}"><figcaption>{_e(caption)} '
        f"(reports/{_e(name)})</figcaption></figure>"
        for name, caption, png in data.charts
    )
    generated = data.generated_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return PAGE.format(
        banner=_banner(data),
        generated=_e(generated),
        count=len(models),
        fetched=_fetched(data),
        filters=(
            _options("Class", "class", classes)
            + _options("Confidence", "confidence", confidences)
            + _options("Organization", "organization", organizations)
            + _options("Year", "year", years)
            + '<label>P(≥ 1e25) at least <input type="number" data-filter="probability" '
            'min="0" max="100" step="5" value="0">%</label>'
            + '<label>Model <input type="search" data-filter="text" placeholder="name"></label>'
        ),
        head=head,
        rows=rows,
        details=script_json(details),
        charts=charts or "<p>No chart was written in this build.</p>",
        style=STYLE,
        script=SCRIPT,
    )


def write_page(
    con: duckdb.DuckDBPyConnection, reports_dir: Path, *, now: datetime | None = None
) -> Path:
    data = read(con, reports_dir, now=now or datetime.now(UTC))
    return write_atomic(reports_dir / FILENAME, render(data))


STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header,main{max-width:1200px;margin:0 auto;padding:12px 20px}
h1{font-size:22px;margin:8px 0 2px}h2{font-size:17px;margin:22px 0 8px}
.sub{color:#5b6475;margin:0 0 8px}
.banner{background:#b3001b;color:#fff;padding:10px 20px;font-size:15px}
.filters{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;background:#fff;padding:10px 12px;border:1px solid #dde1e7;border-radius:6px}
.filters select,.filters input{font:inherit;padding:2px 4px}
.filters input[type=number]{width:4.5em}
#shown{color:#5b6475;margin:6px 0}
table{border-collapse:collapse;width:100%;background:#fff;border:1px solid #dde1e7}
th{background:#eef1f5;text-align:left;position:sticky;top:0}
th button{all:unset;cursor:pointer;display:block;padding:6px 8px;font-weight:600;white-space:nowrap}
th button:focus{outline:2px solid #3461c1}
th button[aria-sort=ascending]::after{content:" ▲"}th button[aria-sort=descending]::after{content:" ▼"}
td{padding:5px 8px;border-top:1px solid #e6e9ee;vertical-align:top}
tr.model{cursor:pointer}tr.model:hover{background:#f2f6ff}
tr.model td:nth-child(3),tr.model td:nth-child(4),tr.model td:nth-child(5),tr.model td:nth-child(8){font-variant-numeric:tabular-nums;white-space:nowrap}
tr.open{background:#e8efff}
tr.details td{background:#fafbfd;padding:8px 14px 12px}
.est{border:1px solid #dde1e7;border-radius:4px;padding:6px 10px;margin:6px 0;background:#fff}
.est.final{border-color:#3461c1}
.est .meta{font-weight:600}.est .notes{white-space:pre-wrap;margin:4px 0;color:#2c3340}
.tag{display:inline-block;padding:0 6px;border-radius:3px;font-size:12px;background:#eef1f5;margin-left:6px}
.above{color:#0b6b2f;font-weight:600}.uncertain{color:#8a5a00}
figure{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:8px;margin:12px 0}
figure img{max-width:100%;height:auto}figcaption{color:#5b6475}
.fetched{margin:4px 0}
footer{color:#5b6475;max-width:1200px;margin:20px auto;padding:0 20px 30px}
"""

SCRIPT = r"""
(function () {
  "use strict";
  var details = JSON.parse(document.getElementById("estimates").textContent);
  var body = document.querySelector("#models tbody");
  var rows = Array.prototype.slice.call(body.querySelectorAll("tr.model"));
  var shown = document.getElementById("shown");
  var filters = document.querySelectorAll("[data-filter]");

  function closeDetails() {
    Array.prototype.forEach.call(body.querySelectorAll("tr.details"), function (tr) {
      tr.parentNode.removeChild(tr);
    });
    rows.forEach(function (tr) { tr.classList.remove("open"); });
  }

  function isSafeUrl(url) { return /^https?:\/\//i.test(url || ""); }

  function detailsRow(tr) {
    var id = tr.getAttribute("data-model-id");
    var out = document.createElement("tr");
    out.className = "details";
    var td = document.createElement("td");
    td.colSpan = tr.children.length;
    var list = details[id] || [];
    if (!list.length) {
      td.textContent = "No estimate rows for this model (a manual addition).";
    }
    list.forEach(function (e) {
      var box = document.createElement("div");
      box.className = "est" + (e.final ? " final" : "");
      var meta = document.createElement("div");
      meta.className = "meta";
      meta.textContent = e.method + ": " + (e.compute || "no figure") +
        (e.interval ? " FLOP (90% interval " + e.interval + ")" : "") +
        " · " + (e.confidence || "") + " · " + (e.class || "");
      if (e.final) {
        var tag = document.createElement("span");
        tag.className = "tag";
        tag.textContent = "final estimate";
        meta.appendChild(tag);
      }
      box.appendChild(meta);
      var notes = document.createElement("div");
      notes.className = "notes";
      notes.textContent = e.notes || "";
      box.appendChild(notes);
      if (e.source) {
        var src = document.createElement("div");
        src.appendChild(document.createTextNode("Source: "));
        if (isSafeUrl(e.source)) {
          var a = document.createElement("a");
          a.href = e.source;
          a.textContent = e.source;
          a.rel = "noopener noreferrer";
          src.appendChild(a);
        } else {
          src.appendChild(document.createTextNode(e.source));
        }
        box.appendChild(src);
      }
      td.appendChild(box);
    });
    out.appendChild(td);
    return out;
  }

  function toggle(tr) {
    var wasOpen = tr.classList.contains("open");
    closeDetails();
    if (!wasOpen) {
      tr.classList.add("open");
      tr.parentNode.insertBefore(detailsRow(tr), tr.nextSibling);
    }
  }

  rows.forEach(function (tr) {
    tr.addEventListener("click", function () { toggle(tr); });
    tr.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); toggle(tr); }
    });
  });

  function applyFilters() {
    closeDetails();
    var want = {};
    Array.prototype.forEach.call(filters, function (el) {
      want[el.getAttribute("data-filter")] = el.value;
    });
    var minP = parseFloat(want.probability || "0") / 100;
    var text = (want.text || "").toLowerCase();
    var count = 0;
    rows.forEach(function (tr) {
      var p = tr.getAttribute("data-probability");
      var ok = (!want["class"] || tr.getAttribute("data-class") === want["class"]) &&
        (!want.confidence || tr.getAttribute("data-confidence") === want.confidence) &&
        (!want.organization || tr.getAttribute("data-organization") === want.organization) &&
        (!want.year || tr.getAttribute("data-year") === want.year) &&
        (!(minP > 0) || (p !== "" && parseFloat(p) >= minP)) &&
        (!text || tr.children[0].textContent.toLowerCase().indexOf(text) >= 0);
      tr.hidden = !ok;
      if (ok) { count += 1; }
    });
    shown.textContent = count + " of " + rows.length + " models shown";
  }
  Array.prototype.forEach.call(filters, function (el) {
    el.addEventListener("input", applyFilters);
    el.addEventListener("change", applyFilters);
  });

  var buttons = document.querySelectorAll("#models th button");
  Array.prototype.forEach.call(buttons, function (button) {
    button.addEventListener("click", function () {
      var col = parseInt(button.getAttribute("data-col"), 10);
      var numeric = button.getAttribute("data-type") === "number";
      var dir = button.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      Array.prototype.forEach.call(buttons, function (b) { b.removeAttribute("aria-sort"); });
      button.setAttribute("aria-sort", dir);
      closeDetails();
      var sign = dir === "ascending" ? 1 : -1;
      rows.sort(function (a, b) {
        var x = a.children[col].getAttribute("data-sort");
        var y = b.children[col].getAttribute("data-sort");
        if (x === "" && y === "") { return 0; }
        if (x === "") { return 1; }   // unknown values last, either direction
        if (y === "") { return -1; }
        var d = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
        return sign * d;
      });
      rows.forEach(function (tr) { body.appendChild(tr); });
    });
  });
  applyFilters();
})();
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>AI models trained with more than 1e25 FLOP</title>
<style>{style}</style>
</head>
<body>
{banner}
<header>
<h1>AI models trained with more than 1e25 FLOP</h1>
<p class="sub">The published list: {count} models (<code>marts.models_above_1e25_flop</code>).
Class <b>above</b>: the whole 90% interval is over 1e25; <b>uncertain</b>: the interval
straddles it. Click a column header to sort, a model to see every estimate with its notes
and sources. Page written {generated}.</p>
</header>
<main>
<section>
<div class="filters">{filters}</div>
<p id="shown" aria-live="polite"></p>
<table id="models">
<thead><tr>{head}</tr></thead>
<tbody>
{rows}
</tbody>
</table>
</section>
<section>
<h2>Charts</h2>
{charts}
</section>
<section>
<h2>When the data was fetched</h2>
{fetched}
</section>
</main>
<footer>Frontier compute tracker. The same list: <code>exports/models_above_1e25_flop.csv</code>
(Epoch AI's column layout); every column explained in <code>docs/outputs.md</code>.</footer>
<script type="application/json" id="estimates">{details}</script>
<script>{script}</script>
</body>
</html>
"""
