"""Who is taking the test: a roster with personal join codes, one rule for names, sessions."""

from __future__ import annotations

import re

from coursegen.attempts.roster import Roster
from tests.web.client import WebClient
from tests.web.setup import MODULE, join, start
from tests.web.test_trainer import finished_attempt, trainer

ROSTER = "name,session\nAlice Archer,JUNE-A\nBen Baker,\n"
CODE = re.compile(r'<code class="join-code">([A-Z0-9-]+)</code>')


def load_roster(coach: WebClient, text: str = ROSTER, filename: str = "june.csv"):
    """Upload a roster CSV from the trainer's results page, as the trainer's browser does."""
    coach.get("/trainer")
    return coach.request("POST", "/trainer/roster", data={"csrf": coach.csrf},
                         files={"roster": (filename, text.encode(), "text/csv")})


def codes_on_sheet(coach: WebClient) -> dict[str, str]:
    """Participant → join code, as printed on the trainer's sheet."""
    sheet = coach.get("/trainer/roster").text
    rows = re.findall(r"<tr><td>([^<]+)</td><td><code class=\"join-code\">([A-Z0-9-]+)</code>",
                      sheet)
    return dict(rows)


def join_with_code(client: WebClient, code: str, name: str = ""):
    client.get("/")
    return client.post("/join", {"code": code, "name": name, "session": ""})


def test_with_a_roster_a_second_browser_cannot_be_alice(rig):
    coach = trainer(rig)
    coach.post("/trainer/sessions", {"code": "JUNE-A", "action": "open"})
    assert load_roster(coach).status_code == 303
    codes = codes_on_sheet(coach)
    assert set(codes) == {"Alice Archer", "Ben Baker"}
    assert "Print this page" in coach.get("/trainer/roster").text

    alice = rig.client()
    assert join_with_code(alice, codes["Alice Archer"].lower().replace("-", " ")
                          ).status_code == 303  # typed loosely, still hers
    uid = start(alice)
    assert rig.store.list_attempts()[0].learner == "Alice Archer"
    assert rig.store.list_attempts()[0].session == "JUNE-A"  # from the roster

    impostor = rig.client()
    impostor.get("/")
    assert "personal join code" in impostor.get("/").text
    typed = impostor.post("/join", {"name": "Alice Archer", "session": "JUNE-A"})
    assert typed.status_code == 422 and "Enter the personal join code" in typed.text
    guessed = join_with_code(impostor, "AAAA-AAAA")
    assert guessed.status_code == 422 and "not on the roster" in guessed.text
    refused = impostor.post("/start", {"module": MODULE, "form": "exam", "layout": "one"})
    assert refused.status_code == 303 and refused.headers["location"] == "/"
    assert len(rig.store.list_attempts()) == 1
    assert alice.get(f"/a/{uid}/1").status_code == 200


def test_a_name_typed_before_the_roster_was_loaded_no_longer_starts_attempts(rig):
    early = rig.client()
    join(early, "Alice Archer")  # the open room, before the trainer loaded the roster
    load_roster(trainer(rig))
    refused = early.post("/start", {"module": MODULE, "form": "exam", "layout": "one"})
    assert refused.status_code == 403 and "personal join code" in refused.text
    assert rig.store.list_attempts() == []


def test_a_roster_naming_one_person_twice_is_refused_with_the_line(rig):
    coach = trainer(rig)
    refused = load_roster(coach, "name\nAlice Archer\nalice  ARCHER\n", "week.csv")
    assert refused.status_code == 422
    assert "week.csv:3:1" in refused.text and "on the roster twice" in refused.text
    no_header = load_roster(coach, "Alice Archer\n", "week.csv")
    assert no_header.status_code == 422 and "week.csv:1:1" in no_header.text
    assert Roster(rig.store).participants() == []


def test_reloading_the_roster_keeps_everyones_code(rig):
    coach = trainer(rig)
    load_roster(coach)
    before = codes_on_sheet(coach)
    load_roster(coach, "name\nBen Baker\nCara Cole\n")
    after = codes_on_sheet(coach)
    assert after["Ben Baker"] == before["Ben Baker"] and set(after) == {
        "Alice Archer", "Ben Baker", "Cara Cole"}


def test_case_and_space_variants_of_a_name_share_one_attempt_allowance(make_web_rig):
    rig = make_web_rig(settings="  attempts: 2\n")
    finished_attempt(rig, "Limit Tester")
    finished_attempt(rig, "limit tester")
    for variant in ("LIMIT  TESTER", " limit\ttester "):
        late = rig.client()
        join(late, variant)
        refused = late.post("/start", {"module": MODULE, "form": "exam", "layout": "one"})
        assert refused.status_code == 403 and "used all 2 attempts" in refused.text
    assert len(rig.store.list_attempts()) == 2


def test_a_closed_session_refuses_joins_with_and_without_its_code(rig):
    coach = trainer(rig)
    coach.post("/trainer/sessions", {"code": "JUNE-A", "action": "open"})
    finished_attempt(rig, "Dana Dale", session="june-a")
    still_in = rig.client()
    join(still_in, "Dana Dale", "JUNE-A")
    coach.get("/trainer")
    coach.post("/trainer/sessions", {"code": "JUNE-A", "action": "close"})
    for session in ("JUNE-A", ""):
        late = rig.client()
        late.get("/")
        refused = late.post("/join", {"name": "dana dale", "session": session})
        assert refused.status_code == 422 and "closed" in refused.text
    blocked = still_in.post("/start", {"module": MODULE, "form": "exam", "layout": "one"})
    assert blocked.status_code == 403 and "This session is closed" in blocked.text
    assert len(rig.store.list_attempts()) == 1
    newcomer = rig.client()  # someone never in the closed session may still practise
    join(newcomer, "Eli East")
    start(newcomer, form="pre")


def test_a_roster_participant_of_a_closed_session_cannot_join(rig):
    coach = trainer(rig)
    coach.post("/trainer/sessions", {"code": "JUNE-A", "action": "close"})
    load_roster(coach)
    refused = join_with_code(rig.client(), codes_on_sheet(coach)["Alice Archer"])
    assert refused.status_code == 422 and "This session is closed" in refused.text


def test_guessing_join_codes_is_slowed_down_per_address(rig):
    coach = trainer(rig)
    load_roster(coach)
    real = codes_on_sheet(coach)["Ben Baker"]
    guesser = rig.client()
    answers = [join_with_code(guesser, f"AAAA-AA{n:02d}").status_code for n in range(21)]
    assert answers == [422] * 20 + [429]
    late = join_with_code(guesser, real)  # even the right code waits now
    assert late.status_code == 429 and "Try again in" in late.text
    assert "Signed in as" not in late.text
