"""The offline site: pages a learner can open from a folder, valid, accessible, keeping progress."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from playwright.sync_api import expect

from coursegen.load import load_checked
from coursegen.render.options import RenderOptions
from coursegen.render.site import render_site
from coursegen.scaffold import create_course
from tests.js.tools import need_node_package, vnu

PAGES = ["index.html", "verify.html", "getting-started/index.html",
         "getting-started/double-edged.html", "getting-started/safeguards.html",
         "getting-started/quiz.html"]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The starter course's site, built once."""
    root = tmp_path_factory.mktemp("course") / "c"
    create_course(root)
    course, _ = load_checked(root)
    out = tmp_path_factory.mktemp("build")
    render_site(course, out, RenderOptions())
    return out / "site"


def _doc(site: Path, page: str):
    return lxml_html.fromstring((site / page).read_bytes())


def test_the_site_has_home_module_lesson_and_quiz_pages(site) -> None:
    for page in PAGES:
        assert (site / page).is_file(), page
    home = _doc(site, "index.html")
    assert home.findtext(".//h1") == "Handling digital evidence"
    module = _doc(site, "getting-started/index.html")
    objectives = [li.text_content() for li in module.xpath("//ul[@class='objectives']/li")]
    assert objectives[0] == "Explain why technology is both a means for and a tool against crime"
    assert module.xpath("//dl[@class='glossary']/dt")[0].text_content() == "Digital evidence"
    assert "A/CONF.234/11" in module.get_element_by_id("ref-unodc-ws4-2020").text_content()


def test_lessons_carry_slides_handout_figures_and_labelled_cases(site) -> None:
    lesson = _doc(site, "getting-started/double-edged.html")
    text = lesson.text_content()
    assert "new traces to follow" in text  # handout prose, with its Markdown rendered
    assert lesson.xpath("//section[@class='reading']//strong")[0].text == "new traces to follow"
    assert lesson.xpath("//figure[@class='key-figure']/p[@class='value']")[0].text == "16"
    cite = lesson.xpath("//span[@class='cite']/a")[0]
    assert (cite.text, cite.get("href")) == ("[1], para. 2", "index.html#ref-unodc-ws4-2020")
    safeguards = _doc(site, "getting-started/safeguards.html")
    case = safeguards.xpath("//section[@class='slide slide-case']")[0]
    assert "Fictional scenario" in case.xpath(".//p[@class='fictional']")[0].text_content()
    assert "Draw out that browsing" not in case.text_content()  # trainer guidance stays out


def test_every_link_is_relative_and_resolves_offline(site) -> None:
    for page in PAGES:
        doc = _doc(site, page)
        for element, attribute, target, _ in doc.iterlinks():
            if element.tag == "a" and re.match(r"https?://", target):
                continue  # links out to sources are fine; nothing is loaded from the network
            assert not re.match(r"(https?:)?//", target), f"{page}: {attribute}={target}"
            path = target.split("#")[0]
            if path:
                assert (site / page).parent.joinpath(path).resolve().is_file(), f"{page}: {target}"


@pytest.mark.slow  # the vnu checker (Java)
def test_the_html_is_valid(site) -> None:
    result = vnu(site)
    print("vnu:", result.stdout, result.stderr)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow  # Chromium
def test_axe_finds_no_violations(site, browser) -> None:
    axe = need_node_package("axe-core") / "axe.min.js"
    page = browser.new_page()
    for name in PAGES:
        page.goto((site / name).as_uri())
        if name.endswith("quiz.html"):
            page.click("#quiz-getting-started button[type=submit]")  # feedback shown too
        page.add_script_tag(path=str(axe))
        violations = page.evaluate("axe.run().then(r => r.violations.map(v => v.id + ': ' + "
                                   "v.nodes.map(n => n.target.join(' ')).join(', ')))")
        print(f"axe {name}: {len(violations)} violations", violations)
        assert violations == [], name
    page.close()


QUIZ = "#quiz-getting-started"


def _paper(page) -> list[tuple[str, list[str]]]:
    """The paper shown: each question's id, in order, with its options' bank indices as shown."""
    return page.locator(f"{QUIZ} li[data-question-id]").evaluate_all("""items => items.map(li => {
        const select = li.querySelector("select");
        const shown = select ? Array.from(select.options).slice(1)
            : Array.from(li.querySelectorAll("input[type=radio], input[type=checkbox]"));
        return [li.dataset.questionId, shown.map(c => c.value)];
    })""")


def _item(page, question_id: str):
    return page.locator(f"{QUIZ} li[data-question-id={question_id}]")


@pytest.mark.slow  # Chromium
def test_the_quiz_scores_in_the_browser_and_keeps_answers_between_visits(site, browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "getting-started/quiz.html").as_uri())
    # The bank draws 4 of the 5 post-test questions, one per objective first: 'benefits' is the
    # only question of its objective, so it is always drawn, with three of the other four.
    expect(page.locator(f"{QUIZ} li[data-question-id]")).to_have_count(4)
    shown = _paper(page)
    drawn = [i for i, _ in shown]
    assert "benefits" in drawn and not {"dual-use", "safeguard-order"} & set(drawn)
    _item(page, "benefits").get_by_label("New traces to follow").check()
    _item(page, "benefits").get_by_label("Faster sharing of intelligence").check()
    typed = "custody-term" if "custody-term" in drawn else "sdg"
    answer = "  CHAIN of custody " if typed == "custody-term" else "16"
    _item(page, typed).locator("input[type=text]").fill(answer)
    _item(page, typed).locator("input[type=text]").press("Tab")
    page.click(f"{QUIZ} button[type=submit]")
    expect(page.locator(f"{QUIZ} .result")).to_have_text(
        re.compile(r"^Score: 50% \(2 of 4 points\)\. Not yet passed"))
    expect(_item(page, "benefits").locator(".verdict")).to_have_text("Correct.")
    expect(_item(page, typed).locator(".verdict")).to_have_text("Correct.")
    for other in set(drawn) - {"benefits", typed}:
        expect(_item(page, other).locator(".verdict")).to_have_text("Not answered.")
    # As after an exam in every runner: verdicts, never the key of a post-test question; the
    # page does not even carry the explanations it may not show.
    expect(page.locator(f"{QUIZ} .feedback", has_text="Answer:")).to_have_count(0)
    assert "Investigators gain traces and speed." not in page.content()

    page.goto((site / "getting-started/quiz.html").as_uri())  # a later visit: the same paper
    expect(page.locator(f"{QUIZ} li[data-question-id]")).to_have_count(4)
    assert _paper(page) == shown
    expect(_item(page, "benefits").get_by_label("New traces to follow")).to_be_checked()
    expect(_item(page, typed).locator("input[type=text]")).to_have_value(answer)
    page.goto((site / "getting-started/index.html").as_uri())
    expect(page.locator("[data-progress-quiz=getting-started]").first).to_have_text(
        "Best score 50%")
    context.close()


@pytest.mark.slow  # Chromium
def test_each_learner_gets_a_paper_of_their_own(site, browser) -> None:
    papers = []
    for _ in range(2):
        context = browser.new_context()  # another browser: nothing kept from the first
        page = context.new_page()
        page.goto((site / "getting-started/quiz.html").as_uri())
        expect(page.locator(f"{QUIZ} li[data-question-id]")).to_have_count(4)
        numbers = page.locator(f"{QUIZ} li[data-question-id] .number").all_text_contents()
        assert numbers == ["Question 1", "Question 2", "Question 3", "Question 4"]
        papers.append(_paper(page))
        context.close()
    print("papers:", papers)
    assert papers[0] != papers[1]  # other questions, order or option order
    for paper in papers:
        for _, order in paper:
            if order and order[0].isdigit():  # options and choices, not true/false
                assert sorted(order) == [str(n) for n in range(len(order))]  # each one, once


@pytest.mark.slow  # Chromium
def test_the_time_limit_ends_the_attempt_and_start_again_draws_a_new_paper(site, browser):
    context = browser.new_context()
    context.clock.install()
    page = context.new_page()
    page.goto((site / "getting-started/quiz.html").as_uri())
    expect(page.get_by_text("4 questions drawn from 5. Time limit: 10 minutes.")).to_be_visible()
    timer = page.locator(f"{QUIZ} .timer")
    expect(timer).to_have_text("Time left: 10:00")
    first = _paper(page)
    _item(page, "benefits").get_by_label("New traces to follow").check()
    context.clock.fast_forward("10:01")
    expect(timer).to_have_text("Time is up: your answers have been submitted.")
    expect(page.locator(f"{QUIZ} .result")).to_have_text(re.compile(r"^Score: 12\.5% "))
    expect(page.locator(f"{QUIZ} button[type=submit]")).to_be_disabled()
    expect(_item(page, "benefits").get_by_label("Faster sharing of intelligence")).to_be_disabled()

    page.reload()  # the ended attempt stays ended: its time is still up
    expect(timer).to_have_text("Time is up: your answers have been submitted.")
    expect(page.locator(f"{QUIZ} button[type=submit]")).to_be_disabled()

    page.click(f"{QUIZ} [data-action=reset]")  # a new attempt: a new paper, a new clock
    expect(timer).to_have_text("Time left: 10:00")
    expect(page.locator(f"{QUIZ} button[type=submit]")).to_be_enabled()
    assert _paper(page) != first
    context.close()


@pytest.mark.slow  # Chromium
def test_lessons_read_are_marked_on_the_module_page(site, browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "getting-started/safeguards.html").as_uri())
    page.goto((site / "getting-started/index.html").as_uri())
    marks = page.locator("[data-progress-lesson]")
    assert marks.nth(0).text_content() == ""
    assert marks.nth(1).text_content().startswith("Read on ")
    context.close()


def test_a_knowledge_check_is_practice_lettered_as_on_the_slide(site, browser, tmp_path) -> None:
    from pptx import Presentation

    from coursegen.render.deck import render_decks

    create_course(tmp_path / "c")  # the same starter course the site was built from
    course, _ = load_checked(tmp_path / "c")
    (deck,) = render_decks(course, tmp_path / "out", RenderOptions())
    on_slide = next(
        [p.text.split(".", 1)[1].strip() for p in shape.text_frame.paragraphs
         if re.match(r"^[A-Z]\.\s", p.text)]
        for slide in Presentation(str(deck)).slides for shape in slide.shapes
        if shape.has_text_frame and "It mostly helps criminals" in shape.text_frame.text)
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "getting-started/double-edged.html").as_uri())
    check = page.locator("form.quiz.compact").first
    assert check.locator(".choice label").all_text_contents() == on_slide
    check.get_by_label("It mostly helps criminals").check()
    check.locator("button[type=submit]").click()
    assert check.locator(".result").text_content() == "Not correct."
    check.get_by_label("It helps criminals and investigators alike").check()
    check.locator("button[type=submit]").click()
    assert check.locator(".result").text_content() == "Correct."
    assert "pass mark" not in check.text_content()
    context.close()
