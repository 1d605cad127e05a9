"""The report's charts as SVG data URIs: score histogram, facility vs discrimination, pre/post.

Figures are drawn on :class:`matplotlib.figure.Figure` directly (no pyplot), so
nothing depends on a display or on global state.
"""

from __future__ import annotations

import base64
import io

import numpy as np

from coursegen.i18n.ui import Interface
from coursegen.stats.analysis import FormStats
from coursegen.stats.gain import GainReport

INK, ACCENT, MUTED = "#1f2933", "#1d4e89", "#9aa5b1"
GOOD, WARN, BAD = "#2e7d32", "#b26a00", "#b3261e"
MAX_PAIRS = 300
"""At most this many learners' pre→post lines are drawn; the rest would only blacken the plot."""


def _figure(width: float, height: float):
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=100)
    figure.set_layout_engine("constrained")
    return figure


def _svg(figure) -> str:
    """The figure as a data: URI of its SVG; each chart stays a separate document, so the
    ids matplotlib gives its elements cannot clash between charts in one page."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _style(axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(colors=INK, labelsize=8)
    axes.grid(axis="y", color="#e4e7eb", linewidth=0.6)
    axes.set_axisbelow(True)


def score_histogram(form: FormStats, pass_mark: float | None, lang: str = "en") -> str:
    """Distribution of attempt scores in 10-point bins, with the pass mark marked; labels
    in `lang`."""
    ui = Interface(lang)
    figure = _figure(3.4, 2.3)
    axes = figure.add_subplot()
    scores = form.percent[np.isfinite(form.percent)]
    bins = np.linspace(0, 100, 11)
    counts, _ = np.histogram(scores, bins=bins)
    colours = [GOOD if pass_mark is not None and left >= pass_mark else ACCENT
               for left in bins[:-1]]
    axes.bar(bins[:-1], counts, width=10, align="edge", color=colours, edgecolor="white")
    if pass_mark is not None:
        axes.axvline(pass_mark, color=BAD, linewidth=1.2, linestyle="--")
        axes.text(pass_mark, axes.get_ylim()[1],
                  " " + ui._("pass {pass_mark} %", pass_mark=format(pass_mark, "g")), color=BAD,
                  fontsize=7, va="top")
    axes.set_xlim(0, 100)
    axes.set_xlabel(ui._("Score (%)"), fontsize=8, color=INK)
    axes.set_ylabel(ui._("Attempts"), fontsize=8, color=INK)
    _style(axes)
    return _svg(figure)


def facility_discrimination(form: FormStats, weak: float = 20.0, easy: float = 0.9,
                            hard: float = 0.2, lang: str = "en") -> str:
    """Each question's facility against its discrimination; the sound zone shaded."""
    ui = Interface(lang)
    figure = _figure(3.4, 2.3)
    axes = figure.add_subplot()
    axes.axhspan(weak, 100, xmin=hard, xmax=easy, color="#e8f5e9", zorder=0)
    axes.axhline(0, color=MUTED, linewidth=0.8)
    for item in form.items:
        if item.facility is None or item.discrimination is None:
            continue
        flags = form.flags_for(item.question_id)
        colour = BAD if any(f.severity == "error" for f in flags) else (WARN if flags else GOOD)
        axes.scatter(item.facility * 100, item.discrimination, s=22, color=colour, zorder=3)
        if flags:
            axes.annotate(item.question_id, (item.facility * 100, item.discrimination),
                          fontsize=6, color=INK, xytext=(3, 3), textcoords="offset points")
    axes.set_xlim(0, 100)
    axes.set_ylim(min(-20, axes.get_ylim()[0]), 100)
    axes.set_xlabel(ui._("Facility (% of marks earned)"), fontsize=8, color=INK)
    axes.set_ylabel(ui._("Discrimination index"), fontsize=8, color=INK)
    _style(axes)
    return _svg(figure)


def pre_post_pairs(gain: GainReport, lang: str = "en") -> str:
    """Each matched learner's pre-test and post-test score joined by a line; means in bold."""
    ui = Interface(lang)
    figure = _figure(3.4, 2.6)
    axes = figure.add_subplot()
    learners = gain.learners
    if len(learners) > MAX_PAIRS:  # an even sample keeps the picture honest and readable
        picks = np.linspace(0, len(learners) - 1, MAX_PAIRS).astype(int)
        learners = tuple(learners[i] for i in picks)
    alpha = 0.5 if len(learners) <= 40 else 0.15
    for pair in learners:
        colour = GOOD if pair.raw > 0 else (BAD if pair.raw < 0 else MUTED)
        axes.plot([0, 1], [pair.pre, pair.post], color=colour, alpha=alpha, linewidth=0.8)
    overall = gain.overall
    if overall.mean_pre is not None and overall.mean_post is not None:
        axes.plot([0, 1], [overall.mean_pre, overall.mean_post], color=INK, linewidth=2.5,
                  marker="o", zorder=4)
        for x, value in ((0, overall.mean_pre), (1, overall.mean_post)):
            axes.annotate(f"{value:.0f} %", (x, value), fontsize=8, fontweight="bold",
                          xytext=(-26 if x == 0 else 6, 0), textcoords="offset points",
                          va="center", color=INK)
    axes.set_xticks([0, 1], [ui._("Pre-test"), ui._("Post-test")])
    axes.set_xlim(-0.25, 1.25)
    axes.set_ylim(0, 102)
    axes.set_ylabel(ui._("Score (%)"), fontsize=8, color=INK)
    _style(axes)
    return _svg(figure)
