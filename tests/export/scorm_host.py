"""An LMS for SCORM 1.2 packages in tests: scorm-again's runtime on a host page that launches the
package's SCO in a frame, as an LMS does, with a saved state to resume from."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

from tests.js.tools import need_chromium, need_node_package

HOST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<script src="scorm12.js"></script>
<script>
  // The LMS side: scorm-again's SCORM 1.2 API on the parent window, as an LMS provides it.
  window.API = new Scorm12API({autocommit: false, logLevel: 5});
  window.calls = [];
  ["LMSInitialize", "LMSCommit", "LMSFinish"].forEach(function (name) {
    window.API.on(name, function () { window.calls.push(name); });
  });
  var saved = sessionStorage.getItem("resume");
  if (saved) window.API.loadFromJSON(JSON.parse(saved));
</script></head>
<body><iframe id="sco" title="Course" src="pkg/LAUNCH" style="width:100%;height:90vh">
</iframe></body>
</html>"""

CMI = "JSON.parse(JSON.stringify(window.API.renderCommitCMI(true))).cmi"
"""What the runtime would send the LMS on its final commit."""


def lms_folder(package: Path, folder: Path) -> Path:
    """A folder an LMS would serve: the unpacked package beside the host page (lms.html)."""
    runtime = need_node_package("scorm-again") / "dist" / "scorm12.js"
    need_chromium()
    with zipfile.ZipFile(package) as archive:
        archive.extractall(folder / "pkg")
        manifest = archive.read("imsmanifest.xml").decode()
    launch = manifest.split('adlcp:scormtype="sco" href="')[1].split('"')[0]
    shutil.copy(runtime, folder / "scorm12.js")
    (folder / "lms.html").write_text(HOST_PAGE.replace("LAUNCH", launch))
    return folder


def launch(page, base: str, saved: dict | None = None) -> None:
    """Open the SCO in the LMS; `saved` is the CMI data the LMS hands the new session."""
    page.goto(f"{base}/lms.html")
    page.evaluate("s => s === null ? sessionStorage.removeItem('resume') "
                  ": sessionStorage.setItem('resume', s)",
                  None if saved is None else json.dumps(saved))
    page.goto(f"{base}/lms.html")


def leave(page) -> dict:
    """Leave the SCO as a learner closing it does; returns the CMI data the LMS keeps."""
    page.evaluate("document.getElementById('sco').src = 'about:blank'")
    page.wait_for_function("window.calls.includes('LMSFinish')")
    return page.evaluate(CMI)


def paper(frame, form: str) -> list[tuple[str, list[str]]]:
    """The paper shown: each question's id, in order, with its options' bank indices as shown."""
    return frame.locator(f"{form} li[data-question-id]").evaluate_all("""items => items.map(li => {
        const select = li.querySelector("select");
        const shown = select ? Array.from(select.options).slice(1)
            : Array.from(li.querySelectorAll("input[type=radio], input[type=checkbox]"));
        return [li.dataset.questionId, shown.map(c => c.value)];
    })""")
