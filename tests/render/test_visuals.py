"""Chart and diagram slides as trainers and readers meet them: in PowerPoint, print, the site."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import html as lxml_html
from openxml_audit import validate_pptx
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.oxml.ns import qn
from pypdf import PdfReader

from coursegen.load import load_checked
from coursegen.render.deck import render_decks
from coursegen.render.handout import render_handouts
from coursegen.render.options import RenderOptions
from coursegen.render.site import render_site
from coursegen.scaffold import create_course
from tests.js.tools import CHROMIUM_ARGS, need_chromium
from tests.render.handout_pdf import flat, needs_pdftotext, page_text

pytestmark = pytest.mark.slow  # builds decks, handouts and the site

VISUAL_SLIDES = """  - kind: chart
    chart: bar
    title: Weapons-related listings
    labels: [Firearms, Arms-related digital products, Other products such as ammunition]
    values: [42%, 27%, 22%]
    unit: Share of listings (%)
    cite: [unodc-ws4-2020#74]
    notes: Shares of one study's weapons listings.
  - kind: chart
    chart: column
    title: Reports of abuse material
    labels: ["2010", "2023"]
    values: ["about 100,000", 36.2 million]
    caption: Reports, not victims
    cite: [unodc-ws4-2020#74]
    notes: Let the growth sink in.
  - kind: chart
    chart: line
    title: Two series over time
    labels: ["2015", "2018"]
    series:
      - {name: Web addresses, values: ["68,092", "105,047"]}
      - {name: Reports, values: ["1.50", "3.25"]}
    cite: [unodc-ws4-2020#74]
    notes: Two lines.
  - kind: chart
    chart: pie
    title: Share of a whole
    labels: [Firearms, Digital products, Other]
    values: [42%, 27%, 22%]
    cite: [unodc-ws4-2020#74]
    notes: The pie.
  - kind: diagram
    diagram: process
    title: Three stages
    nodes:
      - {label: Placement, text: proceeds enter the system}
      - {label: Layering, text: distance from the source}
      - Integration
    cite: [unodc-ws4-2020#74]
    notes: The stages in order.
  - kind: diagram
    diagram: cycle
    title: The intelligence cycle
    nodes: [Plan, Collect, Analyse, Share]
    cite: [unodc-ws4-2020#74]
    notes: Round and round.
  - kind: diagram
    diagram: links
    title: Who is linked to what
    fictional: true
    nodes:
      - {id: blue, label: BlueHarbour, text: vendor}
      - {id: key, label: PGP key}
      - {id: north, label: NorthQuay, text: forum profile}
    edges:
      - {from: blue, to: key, label: signs listing}
      - {from: key, to: north, label: signs post, arrow: false}
    notes: A fictional chart.
"""
CHART_TITLES = ["Weapons-related listings", "Reports of abuse material", "Two series over time",
                "Share of a whole"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """The starter course with chart and diagram slides, built to a deck, handouts and a site."""
    root = tmp_path_factory.mktemp("course") / "c"
    create_course(root)
    lesson = root / "modules" / "getting-started" / "02-safeguards.yaml"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("  - kind: references", VISUAL_SLIDES + "  - kind: references"),
                      encoding="utf-8")
    course, _ = load_checked(root)
    out = tmp_path_factory.mktemp("build")
    for render in (render_decks, render_handouts, render_site):
        render(course, out, RenderOptions())
    return root, out


def _slides(out: Path) -> dict[str, object]:
    prs = Presentation(str(out / "decks" / "getting-started.pptx"))
    return {slide.shapes.title.text_frame.text: slide for slide in prs.slides
            if slide.shapes.title is not None}


def _chart(slide):
    frames = [shape for shape in slide.shapes if shape.has_chart]
    assert len(frames) == 1
    return frames[0]


def test_charts_are_native_with_their_data_in_an_embedded_workbook(built) -> None:
    _root, out = built
    slides = _slides(out)
    expected = {
        "Weapons-related listings": ([("Share of listings (%)", (42.0, 27.0, 22.0))],
                                     ["Firearms", "Arms-related digital products",
                                      "Other products such as ammunition"]),
        "Reports of abuse material": ([("Reports of abuse material", (100000.0, 36200000.0))],
                                      ["2010", "2023"]),
        "Two series over time": ([("Web addresses", (68092.0, 105047.0)),
                                  ("Reports", (1.5, 3.25))], ["2015", "2018"]),
    }
    for title, (series, labels) in expected.items():
        chart = _chart(slides[title]).chart
        assert chart.part.partname.startswith("/ppt/charts/chart")
        workbook = chart.part.chart_workbook.xlsx_part
        assert workbook is not None and workbook.partname.endswith(".xlsx")
        assert list(chart.plots[0].categories) == labels
        assert [(s.name, tuple(s.values)) for s in chart.plots[0].series] == series
        # The embedded workbook, which PowerPoint's "Edit Data" opens, holds the same figures.
        with zipfile.ZipFile(io.BytesIO(workbook.blob)) as xlsx:
            sheet = xlsx.read("xl/worksheets/sheet1.xml").decode()
            strings = xlsx.read("xl/sharedStrings.xml").decode()
        numbers = [float(v) for v in re.findall(r"<v>([-0-9.E+]+)</v>", sheet)]
        for _name, values in series:
            assert all(v in numbers for v in values)
        assert all(label in strings for label in labels)


def test_chart_labels_print_each_figure_as_typed(built) -> None:
    _root, out = built
    slides = _slides(out)
    bar = _chart(slides["Weapons-related listings"]).chart
    # 42% is the number 42 with a format that prints it as typed, so edits stay in step.
    assert bar.plots[0].series[0].data_labels.number_format == '0"%"'
    line = _chart(slides["Two series over time"]).chart
    assert [s.data_labels.number_format for s in line.plots[0].series] == ["#,##0", "0.00"]
    column = _chart(slides["Reports of abuse material"]).chart
    texts = [column.plots[0].series[0].points[i].data_label.text_frame.text for i in range(2)]
    assert texts == ["about 100,000", "36.2 million"]


def test_chart_text_is_large_enough_for_a_room(built) -> None:
    _root, out = built
    for title in CHART_TITLES:
        space = _chart(_slides(out)[title]).chart._chartSpace
        sizes = [int(s) for s in space.xpath(".//a:defRPr/@sz | .//a:rPr/@sz")]
        assert sizes and min(sizes) >= 1400, (title, sorted(set(sizes)))


def test_charts_carry_alt_text_with_their_figures(built) -> None:
    _root, out = built
    frame = _chart(_slides(out)["Weapons-related listings"])
    descr = frame._element.xpath("./*[1]/p:cNvPr")[0].get("descr")
    assert descr == ("Bar chart, Weapons-related listings (Share of listings (%)). Firearms: 42%; "
                     "Arms-related digital products: 27%; Other products such as ammunition: "
                     "22%.")


def test_diagrams_are_editable_autoshapes_joined_by_glued_connectors(built) -> None:
    _root, out = built
    slides = _slides(out)
    for title, labels, links in (("Three stages", ["Placement", "Layering", "Integration"],
                                  [(0, 1), (1, 2)]),
                                 ("Who is linked to what", ["BlueHarbour", "PGP key", "NorthQuay"],
                                  [(0, 1), (1, 2)])):
        shapes = list(slides[title].shapes)
        nodes = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE
                 and s.name.startswith("Node")]
        assert [n.text_frame.paragraphs[0].text for n in nodes] == labels
        ids = [n.shape_id for n in nodes]
        connectors = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.LINE
                      or s._element.tag == qn("p:cxnSp")]
        glued = []
        for connector in connectors:
            props = connector._element.nvCxnSpPr.cNvCxnSpPr
            start, end = props.find(qn("a:stCxn")), props.find(qn("a:endCxn"))
            glued.append((ids.index(int(start.get("id"))), ids.index(int(end.get("id")))))
        assert glued == links
    stages = [s for s in slides["Three stages"].shapes if s.name.startswith("Node")]
    assert stages[0].text_frame.paragraphs[1].text == "proceeds enter the system"
    assert all(run.font.size.pt >= 14 for shape in stages
               for p in shape.text_frame.paragraphs for run in p.runs)
    arrows = [c._element.xpath(".//a:tailEnd/@type") for c in slides["Who is linked to what"].shapes
              if c._element.tag == qn("p:cxnSp")]
    assert arrows == [["triangle"], []]  # the second link was written `arrow: false`
    labels = [s.text_frame.text for s in slides["Who is linked to what"].shapes
              if s.name == "Link label"]
    assert labels == ["signs listing", "signs post"]


def test_the_deck_with_charts_and_diagrams_is_valid_open_xml(built) -> None:
    _root, out = built
    result = validate_pptx(str(out / "decks" / "getting-started.pptx"))
    assert result.is_valid and result.error_count == 0, result.errors[:3]


def test_chart_axis_ids_are_positive_32_bit_numbers_that_pair_up(built) -> None:
    # Ids of 2**31 or more lose a bar chart's labels and order in LibreOffice.
    _root, out = built
    for title in CHART_TITLES[:3]:
        space = _chart(_slides(out)[title]).chart._chartSpace
        axes = {int(a.get("val")): int(a.getparent().find(qn("c:crossAx")).get("val"))
                for a in space.xpath(".//c:catAx/c:axId | .//c:valAx/c:axId")}
        assert all(0 <= n < 2**31 for n in (*axes, *axes.values())), axes
        assert len(axes) == 2 and all(axes[axes[a]] == a for a in axes)


def test_fictional_diagrams_say_so_on_the_slide(built) -> None:
    _root, out = built
    slide = _slides(out)["Who is linked to what"]
    sources = [s.text_frame.text for s in slide.shapes if s.name == "Source"]
    assert sources and sources[0].startswith("Fictional scenario for training")


def _site_page(out: Path):
    return lxml_html.fromstring((out / "site" / "getting-started" / "safeguards.html").read_bytes())


def test_the_site_draws_charts_as_svg_named_by_alt_text_with_a_data_table(built) -> None:
    _root, out = built
    page = _site_page(out)
    svgs = page.xpath("//svg[@role='img']")
    assert len(svgs) == 7
    deck_alts = []
    for title in CHART_TITLES:
        frame = _chart(_slides(out)[title])
        deck_alts.append(frame._element.xpath("./*[1]/p:cNvPr")[0].get("descr"))
    for svg, alt in zip(svgs[:4], deck_alts, strict=True):
        (label,) = svg.get("aria-labelledby").split()
        assert page.get_element_by_id(label).text_content() == alt  # one alt text everywhere
    tables = page.xpath("//table[contains(@class, 'chart-data')]")
    rows = [[c.text_content() for c in tr.xpath("./th|./td")] for tr in tables[1].xpath(".//tr")]
    assert rows == [["Item", "Reports of abuse material"], ["2010", "about 100,000"],
                    ["2023", "36.2 million"]]
    links = svgs[6]
    assert "Link chart, Who is linked to what" in links.xpath("./title")[0].text_content()
    assert "BlueHarbour to PGP key (signs listing)" in links.xpath("./title")[0].text_content()


def test_chromium_names_each_chart_and_diagram_by_its_alt_text(built) -> None:
    _root, out = built
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = out / "site" / "getting-started" / "safeguards.html"
    alts = [t.text_content() for t in _site_page(out).xpath("//svg[@role='img']/title")]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=need_chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(page_file.as_uri())
        for alt in alts:
            image = page.get_by_role("img", name=alt, exact=True)
            assert image.count() == 1, alt
            assert image.bounding_box()["width"] > 300  # drawn, at a readable width
        browser.close()
    assert alts[0].startswith("Bar chart, Weapons-related listings")


@needs_pdftotext
def test_the_handout_shows_each_chart_with_alt_text_and_its_figures(built) -> None:
    _root, out = built
    pdf = out / "handouts" / "getting-started.pdf"
    text = flat(page_text(pdf))
    assert "Figures in the chart · Share of listings (%)" in text
    assert "Other products such as ammunition 22%" in text  # the data table's row
    assert "about 100,000" in text and "36.2 million" in text
    alts = []

    def walk(node) -> None:
        node = node.get_object()
        if node.get("/S") == "/Figure":
            alts.append(str(node.get("/Alt")))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
            if hasattr(kid, "get_object") and isinstance(kid.get_object(), dict):
                walk(kid)

    walk(PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"])
    assert any(a.startswith("Bar chart, Weapons-related listings") and "Firearms: 42%" in a
               for a in alts)
    assert any(a.startswith("Process diagram, Three stages, 3 steps: 1. Placement") for a in alts)


def test_a_diagram_whose_text_cannot_fit_is_a_warning_naming_the_file(tmp_path) -> None:
    root = tmp_path / "c"
    create_course(root)
    lesson = root / "modules" / "getting-started" / "02-safeguards.yaml"
    text = " ".join(["evidence"] * 50)
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("  - kind: references", f"""\
  - kind: diagram
    diagram: cycle
    title: Too much to say
    nodes:
      - {{label: Plan, text: {text}}}
      - {{label: Collect, text: {text}}}
      - {{label: Share, text: {text}}}
    cite: [unodc-ws4-2020#74]
    notes: Too long.
  - kind: references"""), encoding="utf-8")
    course, _ = load_checked(root)
    written = render_decks(course, tmp_path / "out", RenderOptions())
    assert [str(d) for d in written.diagnostics] == [
        "modules/getting-started/02-safeguards.yaml:51:5: slides[5]: warning: the diagram's "
        "boxes overlap: its text does not fit even at 16 pt; shorten the labels and lines or "
        "use fewer nodes"]
