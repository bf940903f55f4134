# SPDX-License-Identifier: Apache-2.0
"""The HTML report in a real browser: headless Chromium loads the page that
`idconform report html` wrote, runs its inline script, and the test reads the
resulting DOM (--dump-dom) and takes a screenshot.

Four Chromium launches in all (CI budget): the filters in the DOM, the
layout at a phone's width (390 px: nothing scrolls sideways, no verdict badge
is cut off), and a screenshot at 390 px and 1,400 px each. With
IDC_UPDATE_SCREENSHOTS=1 the screenshots are also copied to docs/.
Skips, with the reason, when the idconform binary (IDCONFORM_BIN, default
build/release/harness/cli/idconform) or Chromium (Debian package `chromium`)
is missing.
"""
from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("IDCONFORM_BIN",
                                  ROOT / "build/release/harness/cli/idconform"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NOW = "2025-06-01T00:00:00Z"
MUTANT = "builtin:mutant:issuer-wrong-digest"  # two FAILs in the issuer role

pytestmark = [
    pytest.mark.skipif(not BIN.is_file(), reason=f"no idconform binary at {BIN}"),
    pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)"),
]


def chromium(tmp: pathlib.Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
           "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--no-first-run", f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> pathlib.Path:
    """A report of a failing run with an expired waiver (a run-level finding)."""
    tmp = tmp_path_factory.mktemp("html")
    record = tmp / "run.json"
    run = subprocess.run([str(BIN), "run", "--sut", MUTANT, "--role", "issuer", "--now", NOW,
                          "--seed", "1", "--json", str(record)],
                         capture_output=True, text=True, timeout=300, check=False,
                         env={**os.environ, "IDC_SOURCE_DIR": str(ROOT)})
    assert run.returncode == 1, run.stderr  # the mutant fails
    waivers = tmp / "waivers.json"
    waivers.write_text(json.dumps({"waivers": [
        {"id_pattern": "iso18013-5/issuer/IS-DIG-086/*", "reason": "BUG-1",
         "owner": "qa", "expires": "2025-01-31"}]}))
    html = tmp / "report.html"
    out = subprocess.run([str(BIN), "report", "html", str(record), "-o", str(html),
                          "--waivers", str(waivers), "--today", "2025-06-01"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    assert "waiver_expired" in out.stderr
    return html


def test_filters_matrix_and_script_in_the_dom(report, tmp_path):
    # The hash asks the page's script to show only FAIL tests.
    result = chromium(tmp_path, "--dump-dom", report.as_uri() + "#?verdict=FAIL")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    for element in ('id="f-role"', 'id="f-clause"', 'id="f-text"', "data-filter-verdict",
                    'id="traceability-matrix"', 'id="findings"'):
        assert element in dom, element
    assert re.search(r'<tr id="r-[^"]+" class="req"[^>]*data-verdict="NOT_TESTED"', dom), \
        "requirements without a test are listed"
    assert ">no test<" in dom
    # The script ran: it counted, and it hid every test that is not a FAIL.
    count = re.search(r'id="f-count">(\d+) of (\d+) tests shown<', dom)
    assert count, "filter script did not run"
    shown, total = int(count.group(1)), int(count.group(2))
    assert shown == 2 and total > shown
    tests = re.findall(r'<details class="test (v-\w+)"([^>]*)>', dom)
    assert len(tests) == total
    assert all((cls == "v-fail") == ("hidden" not in attrs) for cls, attrs in tests)
    assert "waiver_expired" in dom
    assert "--filter iso18013-5/issuer/IS-DIG-086/digests_match --now 2025-06-01T00:00:00Z" in dom


# PROBE, appended to a copy of the page, writes layout facts into the page
# that frames it, which --dump-dom then shows: how wide the page is against
# its viewport, and which verdict badges end outside it. The frame is 390 px
# wide because headless Chromium's window, unlike its screenshots, does not
# get narrower than 500 px.
PROBE = """<script>(function () {
  var w = document.documentElement.clientWidth, cut = [];
  document.querySelectorAll(".badge, .result").forEach(function (b) {
    var r = b.getBoundingClientRect();
    if (r.width > 0 && (r.right > w + 0.5 || r.left < -0.5)) cut.push(b.textContent);
  });
  parent.document.body.setAttribute("data-probe", JSON.stringify({
    viewport: w, scroll: document.documentElement.scrollWidth, cut: cut}));
})();</script>"""


def test_phone_width_has_no_sideways_scroll_and_no_cut_badge(report, tmp_path):
    probed = tmp_path / "probed.html"
    probed.write_text(report.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"),
                      encoding="utf-8")
    phone = tmp_path / "phone.html"
    # #?q= opens the groups, so the badges inside them are laid out too.
    phone.write_text('<!DOCTYPE html><html><body style="margin:0"><iframe src="probed.html#?q=iso'
                     '18013-5" style="width:390px;height:844px;border:0"></iframe></body></html>')
    result = chromium(tmp_path, "--allow-file-access-from-files", "--dump-dom", phone.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    found = re.search(r'data-probe="([^"]+)"', result.stdout)
    assert found, "probe did not run"
    probe = json.loads(found.group(1).replace("&quot;", '"'))
    assert probe["viewport"] <= 390
    assert probe["scroll"] <= probe["viewport"], probe
    assert probe["cut"] == [], probe


@pytest.mark.parametrize("width", [390, 1400])
def test_screenshot(report, tmp_path, width):
    png = tmp_path / f"report-{width}.png"
    result = chromium(tmp_path, "--hide-scrollbars", f"--window-size={width},1800",
                      f"--screenshot={png}", report.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    if os.environ.get("IDC_UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(png, ROOT / "docs" / f"report-{width}px.png")
