"""The built site in a real browser: Playwright for Python driving Chromium, on 127.0.0.1.

What a reader gets, checked where it happens (test_site.py checks the HTML):

- every tab anchor README.md and the home page hand out opens its OS and shell tab with the
  step's heading in view; changing the anchor on the page does too; clicking a tab shows the
  tab's clean anchor in the address bar; a "Verified on" line's link opens its OS's table at
  its row;
- a first visit selects the reader's OS (from the browser) and its default shell; a stored
  choice wins; a choice made on one page holds on the next;
- for every copyable block, the clipboard after a click on its copy button holds exactly the
  snippet section(s) the block shows, and "Copied to clipboard" is a live region;
- no horizontal scrolling at 320 and 390 px, shell tabs fit on one line, no permalink wraps
  onto a line of its own, code in tables breaks only between path parts, no code block's text
  is under 12 px (Lighthouse's legible size);
- switching from light to dark starts no colour transition;
- axe-core (from the locked PyPI package axe-playwright-python) finds nothing on any page, light
  and dark, with each OS and shell tab selected; every keyboard tab stop is visible;
- no request leaves 127.0.0.1 (every test's browser context records its requests).

Pages come from the built sitemap.xml, so a new page is checked without a change here.

Chromium: ``$VENV_GUIDE_CHROMIUM``, else chromium / chromium-browser / google-chrome on PATH, the
usual Chrome folders on macOS and Windows, or Playwright's own download. With none, the tests
skip saying so, except under CI (``CI`` set), where they fail: ``.ci/run`` installs Debian's
chromium and GitHub's runners come with Chrome. All tests here run in one xdist worker
(``xdist_group``; ``make test`` passes ``--dist loadgroup``), sharing one build, one server and
one browser; a second worker that starts a browser fails (``claim_browser_worker``).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.utils.yaml import yaml_load

from tests import site_checks as sc
from tests.harness import changes, localserver
from venv_guide import blocks as vg_blocks
from venv_guide import snippets, vocabulary
from venv_guide.platforms import OS_LABELS
from venv_guide.shells import SHELLS

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
axe_base = pytest.importorskip(
    "axe_playwright_python.base", reason="axe-playwright-python is not installed"
)

#: Under ``pytest --changed`` a test here runs when what it reads changed: the pages it loads
#: (their Markdown, their snippets, the site's look); by default every page
#: (tests/harness/changes.py).
pytestmark = [pytest.mark.xdist_group("browser"), changes.reads(changes.site_reads)]
#: Every page's URL (``""`` is the home page), from docs/; the sitemap must list the same.
URLS = changes.site_urls()
#: The tests that load one page each read that page.
READS_URL = changes.reads(changes.page_reads)
#: The tab behaviour tests load the Activate and Create pages.
READS_TABS = changes.reads(lambda: changes.page_reads("activate/") | changes.page_reads("create/"))

ROOT = sc.ROOT
JS_DIR = ROOT / "tests" / "js"


def js(name: str) -> str:
    """A script of tests/js/ (linted as JavaScript by oxlint, not kept in Python strings)."""
    return (JS_DIR / name).read_text(encoding="utf-8")


HOST = localserver.HOST
LAUNCH_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing may leave the machine even if a page asked: every other host fails to resolve.
    f"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE {HOST}",
]
WIDTHS = (320, 390)
# What a browser on each OS reports (navigator.userAgent, .platform, .userAgentData.platform).
CHROME = "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36"
BROWSERS = {
    "windows": (f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) {CHROME}", "Win32", "Windows"),
    "macos": (f"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) {CHROME}", "MacIntel", "macOS"),
    "linux": (f"Mozilla/5.0 (X11; Linux x86_64) {CHROME}", "Linux x86_64", "Linux"),
}
# Each (OS, shell) a reader can select; ("Windows", None) etc. for per-OS steps come along.
SELECTIONS = [(os_, shell) for os_, shells in vocabulary.OS_SHELLS.items() for shell in shells]


def _anchor_examples() -> list[str]:
    """``PAGE/#ANCHOR`` of every tab anchor README.md and the home page show as code."""
    found: list[str] = []
    for md in (ROOT / "README.md", sc.DOCS / "helpers.md"):
        for m in sc.RE_ANCHOR_EXAMPLE.finditer(md.read_text(encoding="utf-8")):
            if m.group(0).strip("`") not in found:
                found.append(m.group(0).strip("`"))
    return found


ANCHORS = _anchor_examples()


# --- fixtures ----------------------------------------------------------------------------------


def find_chromium() -> str | None:
    """A Chromium or Chrome executable, or None."""
    candidates = [
        os.environ.get("VENV_GUIDE_CHROMIUM"),
        *(shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome", "chrome")),
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        r"C:\Program Files\Google\Chrome\Application\chrome.exe",
        r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    ]
    for path in candidates:
        if path and Path(path).is_file():
            return path
    with playwright_api.sync_playwright() as p:
        own = p.chromium.executable_path
    return own if own and Path(own).is_file() else None


def claim_browser_worker(config: pytest.Config, session_temp: Path) -> None:
    """Fail unless this xdist worker is the only one of the session to start a browser.

    Under ``--dist loadgroup`` all tests here belong in one worker (``xdist_group``). With
    pytest 9.2, pytest-xdist 3.8 stops grouping without a word (pytest-dev/pytest-xdist#1386):
    each worker then builds the site, serves it and starts a Chromium, which on two cores made
    page loads time out. The first worker to get here writes its id into ``session_temp`` (the
    folder the session's workers share); another id there fails.

    Args:
        config: the worker's pytest config (xdist sets ``option.loadgroup`` in each worker).
        session_temp: the session's temporary folder, the parent of each worker's basetemp.

    Raises:
        pytest.fail.Exception: another worker of the session already started a browser.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker or not getattr(config.option, "loadgroup", False):
        return
    claim = session_temp / "browser-worker"
    with contextlib.suppress(FileExistsError), claim.open("x", encoding="utf-8") as f:
        f.write(worker)
    owner = claim.read_text(encoding="utf-8")
    if owner != worker:
        pytest.fail(
            f"--dist loadgroup split the browser tests: {owner} and {worker} each started a "
            "browser. pytest-xdist ignores xdist_group with pytest 9.2 "
            "(pytest-dev/pytest-xdist#1386); pyproject.toml keeps pytest below 9.2.",
            pytrace=False,
        )


@pytest.fixture(scope="session")
def browser(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    claim_browser_worker(request.config, tmp_path_factory.getbasetemp().parent)
    exe = find_chromium()
    if exe is None:
        reason = (
            "no Chromium or Chrome found (apt install chromium, or python -m playwright "
            "install chromium, or set VENV_GUIDE_CHROMIUM); the browser tests run in CI"
        )
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {reason}", pytrace=False)
        pytest.skip(reason)
    with playwright_api.sync_playwright() as p:
        root = hasattr(os, "geteuid") and os.geteuid() == 0
        launched = p.chromium.launch(
            executable_path=exe, args=LAUNCH_ARGS, chromium_sandbox=not root, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site, served by http.server on 127.0.0.1 (any free port)."""
    with localserver.serve(site) as url:
        yield f"{url}/"


def test_every_page_of_the_sitemap_is_checked(site: Path) -> None:
    """The pages the per-page tests load (:data:`URLS`, from docs/) are the built sitemap's."""
    site_url = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]
    root = ET.parse(site / "sitemap.xml").getroot()
    locs = [el.text or "" for el in root.iter() if el.tag.endswith("loc")]
    found = [loc.removeprefix(site_url) for loc in locs]
    assert "" in found, f"sitemap.xml lists no home page: {locs}"
    assert sorted(found) == sorted(URLS), f"sitemap {sorted(found)}, docs/ {sorted(URLS)}"


@pytest.fixture
def new_context(browser, base_url: str) -> Iterator[Callable[..., object]]:
    """Make browser contexts that record every request; after the test, none may have left
    127.0.0.1."""
    contexts, foreign = [], []

    def make(**options: object):
        context = browser.new_context(base_url=base_url, **options)
        context.set_default_timeout(10_000)
        # A page loads in about a second here, but the journeys share the two cores: in one CI
        # run a load took over 10 s (with a second Chromium in the other worker).
        context.set_default_navigation_timeout(30_000)

        def record(request) -> None:
            parts = urlsplit(request.url)
            if parts.scheme not in ("data", "blob", "about") and parts.hostname != HOST:
                foreign.append(request.url)

        context.on("request", record)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert not foreign, f"requests left {HOST}: {sorted(set(foreign))}"


# --- helpers -----------------------------------------------------------------------------------

MOUNTED = js("mounted.js")

OPEN_CHECK = js("open-check.js")


def open_problems(page, tab_id: str) -> list[str]:
    """Why the tab ``tab_id`` is not open with its step's heading in view (empty if it is)."""
    with contextlib.suppress(playwright_api.TimeoutError):
        page.wait_for_function(
            f"(id) => {{ const r = ({OPEN_CHECK})(id); return !r.problem && !r.unchecked.length"
            " && r.inView && r.labelShown && r.heading === r.step; }",
            arg=tab_id,
            timeout=3000,
        )
    state = page.evaluate(OPEN_CHECK, tab_id)
    problems = []
    if state["problem"]:
        return [state["problem"]]
    if state["unchecked"]:
        problems.append(f"tabs not selected: {', '.join(state['unchecked'])}")
    if not state["labelShown"]:
        problems.append("the tab's label is not shown")
    if state["heading"] != state["step"]:
        problems.append(f"nearest heading is #{state['heading']}, the step is #{state['step']}")
    if not state["inView"]:
        problems.append(f"the step's heading #{state['heading']} is not in the viewport")
    return problems


SELECT = js("select.js")


def select(page, os_label: str, shell: str | None = None) -> None:
    """Select tabs as a reader clicks them (the theme's linked tabs follow)."""
    page.evaluate(SELECT, [os_label, shell])


def checked_ids(page) -> set[str]:
    return set(page.evaluate("Array.from(document.querySelectorAll('input:checked'), i => i.id)"))


def goto(page, path: str) -> None:
    page.goto(path, wait_until="load")
    page.wait_for_function(MOUNTED)


def expected_copy(sources: tuple[str, ...]) -> str:
    """The text of the snippet sections (or whole files) a block shows, one after another."""
    parts = []
    for ref in sources:
        file, _, name = ref.rpartition(":")
        if file and name:
            parts += [line.text for line in snippets.section(ref).lines]
        else:
            parts += snippets.read_text(ref).splitlines()
    return "\n".join(parts)


# --- tab anchors -------------------------------------------------------------------------------


def test_anchor_list_is_not_empty() -> None:
    assert len(ANCHORS) >= 5, f"README.md and docs/helpers.md list only {ANCHORS}"


@changes.reads(
    lambda anchor: {*changes.page_reads(anchor.partition("#")[0]), "README.md", "docs/helpers.md"}
)
@pytest.mark.parametrize("anchor", ANCHORS)
def test_anchor_opens_its_tab(new_context, anchor: str) -> None:
    path, _, tab_id = anchor.partition("#")
    page = new_context().new_page()
    goto(page, f"{path}#{tab_id}")
    problems = open_problems(page, tab_id)
    assert not problems, f"{anchor}: " + "; ".join(problems)


@READS_TABS
def test_anchor_change_on_the_page_opens_its_tab(new_context) -> None:
    page = new_context().new_page()
    goto(page, "activate/")
    for tab_id in ("check-linux-fish", "activate-windows-cmd", "activate-macos-cshtcsh"):
        page.evaluate("(id) => { location.hash = id; }", tab_id)
        problems = open_problems(page, tab_id)
        assert not problems, f"activate/#{tab_id} set on the page: " + "; ".join(problems)


@READS_TABS
def test_a_late_scroll_after_an_anchor_change_is_undone(new_context) -> None:
    """The step's heading stays in view when the page scrolls away on its own 300 ms after an
    anchor change, as the theme's linked tabs may (they restore a tab set's place from a
    scroll offset read a frame early; seen once in a CI run of the test above)."""
    page = new_context().new_page()
    goto(page, "activate/")
    page.evaluate(
        "(id) => { location.hash = id;"
        " setTimeout(() => window.scrollTo(0, document.body.scrollHeight), 300); }",
        "activate-windows-cmd",
    )
    page.wait_for_timeout(600)
    problems = open_problems(page, "activate-windows-cmd")
    assert not problems, "activate/#activate-windows-cmd, then a scroll to the end: " + "; ".join(
        problems
    )


@READS_TABS
def test_the_readers_scroll_after_an_anchor_change_wins(new_context) -> None:
    """Keeping the step's heading in view never fights the reader: a turn of the mouse wheel
    right after the anchor change, while the page settles, takes the heading out of view."""
    page = new_context().new_page()
    goto(page, "activate/")
    page.evaluate("(id) => { location.hash = id; }", "activate-windows-cmd")
    # Over the page's text: the navigation on the left scrolls on its own when it is long.
    box = page.locator("article").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, 300)
    page.mouse.wheel(0, 600)
    page.wait_for_timeout(1500)
    top = page.evaluate("document.getElementById('activate').getBoundingClientRect().top")
    assert top < 0, f"the heading #activate went back into view ({top:.0f} px from the top)"


@READS_TABS
def test_clicking_a_tab_shows_its_anchor(new_context) -> None:
    page = new_context().new_page()
    goto(page, "activate/")
    for os_label, shell in (("Linux", "fish"), ("macOS", "sh (dash)"), ("Windows", "cmd")):
        page.locator(".tabbed-labels > label", has_text=os_label).first.click()
        page.locator(".tabbed-labels > label:visible", has_text=shell).first.click()
        want = "#" + vocabulary.tab_id("activate", (os_label, shell))
        assert page.evaluate("location.hash") == want, f"clicked {os_label} > {shell}"


INDICATORS = js("indicators.js")


@READS_TABS
def test_tab_indicators_restyle_only_their_tab_set(new_context) -> None:
    """The theme's indicator properties reach a tab set's labels and indicator, which sits under
    the selected label, but not its panels (extra.css registers them as not inherited: changing
    them then restyles the set alone, not every code block in it)."""
    page = new_context().new_page()
    goto(page, "activate/")
    select(page, "Linux", "fish")
    # The indicator slides to the new label (a 250 ms transition): wait until it is there.
    with contextlib.suppress(playwright_api.TimeoutError):
        page.wait_for_function(
            f"() => {{ const s = ({INDICATORS})(); return s.checked && !s.problems.length; }}",
            timeout=3000,
        )
    state = page.evaluate(INDICATORS)
    assert state["checked"] >= 5, f"only {state['checked']} tab sets have an indicator"
    assert not state["problems"], "; ".join(state["problems"])


# --- the reader's OS first; the reader's choice wins -----------------------------------------


def emulate(context, page, os_key: str, with_hints: bool = True) -> None:
    """Report the user agent of Chrome on ``os_key`` (as CDP's own emulation does)."""
    ua, platform, hint = BROWSERS[os_key]
    override = {"userAgent": ua, "platform": platform}
    if with_hints:
        override["userAgentMetadata"] = {
            "platform": hint,
            "platformVersion": "",
            "architecture": "x86",
            "model": "",
            "mobile": False,
            "brands": [{"brand": "Chromium", "version": "140"}],
        }
    context.new_cdp_session(page).send("Emulation.setUserAgentOverride", override)


@pytest.mark.parametrize(
    ("os_key", "hints"),
    [(k, True) for k in BROWSERS] + [("macos", False)],
    ids=[*BROWSERS, "macos-no-client-hints"],
)
def test_first_visit_selects_the_readers_os(new_context, os_key: str, hints: bool) -> None:
    context = new_context()
    page = context.new_page()
    emulate(context, page, os_key, with_hints=hints)
    os_label = OS_LABELS[os_key]
    shell = vocabulary.DEFAULT_SHELL[os_label]
    goto(page, "activate/")
    want = {
        vocabulary.tab_id("activate", (os_label,)),
        vocabulary.tab_id("activate", (os_label, shell)),
    }
    assert want <= checked_ids(page), f"{os_key}: selected {sorted(checked_ids(page))}"
    goto(page, "create/")
    assert vocabulary.tab_id("create", (os_label,)) in checked_ids(page)


@READS_TABS
def test_stored_choice_wins_and_holds_on_the_next_pages(new_context) -> None:
    context = new_context()
    page = context.new_page()
    emulate(context, page, "windows")
    goto(page, "activate/")
    select(page, "Linux", "fish")
    # The next page by the site's own navigation, then by a fresh load.
    page.locator(".md-nav__link", has_text="Deactivate and delete").first.click()
    page.wait_for_url("**/deactivate/")
    page.wait_for_function(MOUNTED)
    want = {vocabulary.tab_id("deactivate", ("Linux", "fish"))}
    assert want <= checked_ids(page), "choice lost on the next page (the site's navigation)"
    goto(page, "activate/")
    assert {"activate-linux", "activate-linux-fish"} <= checked_ids(page), (
        "a stored choice must win over the browser's OS on a fresh load"
    )


# --- the Verified on lines ---------------------------------------------------------------------

ROW_CHECK = js("row-check.js")


def test_verified_on_links_open_their_row(new_context, site: Path) -> None:
    """A reader on another OS's tab (the browser says Windows, or macOS) follows the line under
    a command to its row on the Verified on page: that OS's table opens at the row."""
    html = (site / "activate" / "index.html").read_text(encoding="utf-8")
    links = {}
    for link in vg_blocks.parse(html).select("p.vg-mark > a[href*='verified-on/#']"):
        href = link["href"].removeprefix("../")
        links.setdefault(href.partition("#vg-")[2].partition("-")[0], href)
    assert set(links) == set(OS_LABELS), f"lines found for {sorted(links)}"
    problems = []
    for os_key, href in links.items():
        context = new_context()
        page = context.new_page()
        emulate(context, page, "macos" if os_key == "windows" else "windows")
        goto(page, href)
        row = href.partition("#")[2]
        with contextlib.suppress(playwright_api.TimeoutError):
            page.wait_for_function(f"(id) => !({ROW_CHECK})(id)", arg=row, timeout=3000)
        found = page.evaluate(ROW_CHECK, row)
        if found:
            problems.append(f"{href}: {found}")
    assert not problems, problems


# --- copy buttons ------------------------------------------------------------------------------

COPY_BUTTON = "button.md-code__button[data-md-type=copy]"
PREPARE_COPY = js("prepare-copy.js")


def read_clipboard(page, timeout: float = 5.0) -> str:
    """The clipboard's text once it is not empty, or "" after ``timeout`` seconds.

    The theme's copy may land after the click returns (the Clipboard API is asynchronous), so
    the clipboard is read every 50 ms until it holds something.

    Args:
        page: a Playwright page whose context may read the clipboard.
        timeout: seconds to wait for text.
    """
    deadline = time.monotonic() + timeout
    while True:
        text = page.evaluate("navigator.clipboard.readText()")
        if text or time.monotonic() > deadline:
            return text
        page.wait_for_timeout(50)


@READS_URL
@pytest.mark.parametrize("url", URLS)
def test_copy_buttons_copy_the_snippet_sections(new_context, site: Path, url: str) -> None:
    """Each copyable block's button copies its snippet sections, and says so in a live
    region; a page with no copyable block has no copy button at all."""
    context = new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    html = (site / url / "index.html").read_text(encoding="utf-8")
    found = vg_blocks.read_blocks(html, url)
    goto(page, url)
    if not any(b.copyable for b in found):
        buttons = page.locator(f"article {COPY_BUTTON}")
        assert not buttons.count(), f"{url or '/'}: {buttons.count()} copy buttons, no command"
        return
    errors = []
    blocks = page.locator("article div.highlight")
    for index, block in enumerate(found):
        if not block.copyable:
            continue
        page.evaluate(PREPARE_COPY, index)
        button = blocks.nth(index).locator(COPY_BUTTON)
        try:
            button.wait_for(state="attached", timeout=2000)
        except playwright_api.TimeoutError:
            errors.append(f"{block.where}: no copy button")
            continue
        button.click()
        got = read_clipboard(page)
        want = expected_copy(block.sources)
        if not block.sources:
            errors.append(f"{block.where}: a copyable block with no snippet source")
        elif got != want:
            errors.append(f"{block.where}: copied {got!r}, the snippet is {want!r}")
    dialog = page.locator(".md-dialog")
    assert dialog.get_attribute("role") == "status"
    assert dialog.get_attribute("aria-live") == "polite"
    assert "Copied to clipboard" in dialog.inner_text()
    assert not errors, "\n".join(errors)


# --- layout at phone widths --------------------------------------------------------------------

LAYOUT = js("layout.js")


@READS_URL
@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_sideways_scrolling_and_tabs_fit(new_context, url: str, width: int) -> None:
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    errors = []
    goto(page, url)
    for os_label, shell in SELECTIONS:
        select(page, os_label, shell)
        for problem in page.evaluate(LAYOUT):
            errors.append(f"{url or '/'} at {width}px, {os_label} > {shell}: {problem}")
    assert not errors, "\n".join(sorted(set(errors)))


# --- accessibility -----------------------------------------------------------------------------

# Wait for the end state of colour transitions (tab labels fade in .25 s), not a frame of one.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; }"

AXE_NEW = js("axe-new.js")
AXE_PAGE = js("axe-page.js")


# In dark mode the page and its tab selections are checked for the rules about colour only: the
# others see the same elements and attributes in both schemes, and the light run has checked them.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(page, script: str, arg: object = None) -> list[str]:
    """Run axe-core (the axe.min.js of the locked axe-playwright-python) with ``script``."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_base.AXE_FILE_PATH))
    response = page.evaluate(script, arg)
    if not response["violations"]:
        return []
    return [axe_base.AxeResults(response).generate_report()]


@READS_URL
@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_every_tab(new_context, url: str, scheme: str) -> None:
    """The whole page once, then each (OS, shell) selection: what it newly shows, and the
    tab labels in their new state (in dark mode for the colour rules only)."""
    page = new_context(color_scheme=scheme).new_page()
    goto(page, url)
    page.add_style_tag(content=NO_TRANSITIONS)
    want = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == want
    rules = COLOUR_RULES if scheme == "dark" else None
    errors = [f"{url or '/'} ({scheme}): {v}" for v in axe_violations(page, AXE_PAGE, rules)]
    if page.locator(".tabbed-set").count():
        for os_label, shell in SELECTIONS:
            select(page, os_label, shell)
            found = axe_violations(page, AXE_NEW, rules)
            errors += [f"{url or '/'} ({scheme}, {os_label} > {shell}): {v}" for v in found]
        unseen = page.locator(".tabbed-block:not([data-vg-axe-seen]):not(:has(.tabbed-set))")
        assert not unseen.count(), f"{url}: {unseen.count()} tab blocks never shown to axe"
    assert not errors, "\n".join(errors)


FOCUS_STATE = js("focus-state.js")


@changes.reads(lambda: changes.page_reads("activate/"))
@pytest.mark.parametrize("width", [390, 1280])
def test_every_keyboard_stop_is_visible(new_context, width: int) -> None:
    """Tab through a page, forwards and then backwards: each focused element is on screen
    (the closed drawer and the closed search have no hidden stops), and a focused tab shows a
    focus ring around its label."""
    page = new_context(viewport={"width": width, "height": 800}).new_page()
    goto(page, "activate/")
    page.add_style_tag(content=NO_TRANSITIONS)
    hidden, ringed = [], 0
    for key in ("Tab", "Shift+Tab"):
        page.evaluate(
            "document.querySelectorAll('[data-vg-stop]').forEach(e => { delete e.dataset.vgStop; })"
        )
        for _ in range(150):
            page.keyboard.press(key)
            state = page.evaluate(FOCUS_STATE)
            if state is None:
                break
            if not state["shown"]:
                hidden.append(f"{state['name']} ({key})")
            if state["ring"] is False:
                hidden.append(f"{state['name']} ({key}; its label shows no focus ring)")
            ringed += bool(state["ring"])
    assert not hidden, f"invisible keyboard stops at {width}px: {sorted(set(hidden))}"
    assert ringed, "no content tab was reached with the keyboard"


# --- colour schemes ----------------------------------------------------------------------------

SWITCH_TRANSITIONS = js("switch-transitions.js")


@READS_URL
@pytest.mark.parametrize("url", URLS)
def test_switching_schemes_starts_no_transition(new_context, url: str) -> None:
    """While the theme switches from light to dark, nothing fades from the old colours to the
    new ones (the site does not load Material's palette.css, whose rule for this extra.css
    carries)."""
    context = new_context(color_scheme="light", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    goto(page, url)
    found = page.evaluate(SWITCH_TRANSITIONS)
    assert found is not None, f"{url or '/'}: no scheme toggle shown"
    assert not found, f"{url or '/'}: transitions started by a scheme switch: {sorted(set(found))}"


# --- network -----------------------------------------------------------------------------------


@READS_URL
@pytest.mark.parametrize("url", URLS)
def test_no_request_leaves_localhost(new_context, url: str) -> None:
    """Load the page (on the home page, run a search too: the same search on every page);
    ``new_context`` fails the test on a foreign request."""
    context = new_context()
    page = context.new_page()
    local: list[str] = []
    context.on("request", lambda r: local.append(r.url))
    page.goto(url, wait_until="networkidle")
    if url:
        return
    page.locator(".md-search__input").first.focus()
    page.keyboard.type("activate")
    page.locator(".md-search-result__item").first.wait_for()
    assert any(re.search(r"search_index\.json$", u) for u in local), "search never loaded"


# --- paste your error, get the fix -------------------------------------------------------------


#: What a shell puts in front of a message where the page shows ``...:`` (the tab's shell).
SHELL_PREFIX = {"bash": "bash", "zsh": "zsh", "sh (dash)": "sh: 1", "fish": "fish"}
#: What a reader's terminal shows where a program's own message starts with ``...`` (the path
#: of the Python that printed it), by output file.
PROGRAM_PREFIX = {
    "trouble/output/no-venv-module.txt": "/usr/bin/python",
    "tools/output/uv-no-pip.txt": "/home/you",
}


def pasted(text: str, tabs: tuple[str, ...], shell_worded: bool, program: str = "") -> str:
    """A message as a reader copies it from the terminal: ``...`` at the start of a line of a
    shell's own message is the shell's name (the block's shell tab), of a program's message
    ``program`` (a path), a line of ``...`` is left out, any other ``...`` (a version, a path,
    the name of a program) is dropped."""
    prefix = SHELL_PREFIX.get(tabs[-1], "bash") if shell_worded and tabs else program
    lines = [
        (prefix + line[3:] if line.startswith("...") else line).replace("...", "")
        for line in text.splitlines()
        if line.strip() != "..."
    ]
    return "\n".join(lines).strip()


def shown_messages(site: Path) -> dict[str, set[str]]:
    """Every message the pages of When something goes wrong show (their output blocks, as a
    reader pastes them), each with the entries that show it (``trouble/PAGE/#ID``: the block's
    heading and the h2 it sits under)."""
    found: dict[str, set[str]] = {}
    for html in sorted((site / "trouble").rglob("index.html")):
        url = html.parent.relative_to(site).as_posix() + "/"
        soup = vg_blocks.parse(html.read_text(encoding="utf-8"))
        entry = ""
        for tag in soup.find("article").find_all(["h2", "div"]):
            if tag.name == "h2":
                entry = tag.get("id", "")
                continue
            if "highlight" not in (tag.get("class") or []) or "no-copy" not in tag["class"]:
                continue
            if "typed" in tag["class"]:
                continue
            block = vg_blocks.read_blocks(str(tag), url)[0]
            # A shell's own wording has its key in the file name (no-python-zsh.txt).
            stem = Path(block.sources[0]).stem.removesuffix("-macos")
            worded = stem.rpartition("-")[2] in {s.snippets for s in SHELLS}
            tabs = tuple(str(tag.get("data-vg-tabs", "")).split(" > "))
            text = pasted(block.text, tabs, worded, PROGRAM_PREFIX.get(block.sources[0], ""))
            found.setdefault(text, set()).update(
                f"{url}#{anchor}" for anchor in (entry, str(tag.get("data-vg-heading"))) if anchor
            )
    return found


def search(page, query: str, timeout: float = 15_000) -> list[dict]:
    """Paste ``query`` into the search field and return the result links once the search worker
    has answered it (tests/js/search-probe.js counts the queries and answers)."""
    box = page.locator("input.md-search__input")
    box.focus()
    if box.input_value():
        before = page.evaluate("() => window.vgSearchProbe.sent")
        box.fill("")
        box.press("End")
        page.wait_for_function(
            "(n) => { const p = window.vgSearchProbe; return p.sent > n && p.received === p.sent }",
            arg=before,
            timeout=timeout,
        )
    before = page.evaluate("() => window.vgSearchProbe.sent")
    # fill() sets the text and fires "input"; the theme reads the field on keyup, as a paste
    # with Ctrl+V ends with the key's release: press a key that changes nothing.
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        "(n) => { const p = window.vgSearchProbe; return p.ready && p.sent > n && "
        "p.received === p.sent }",
        arg=before,
        timeout=timeout,
    )
    return page.evaluate(js("search-results.js"))


def first_section(hits: list[dict]) -> str:
    """The first section hit, as ``PAGE/#ID`` relative to the site: in the first page's group
    the best-scored link, or the first section under it when the page itself scored best."""
    group = [h for h in hits if h["group"] == 0]
    if not group:
        return "(no result)"
    best = max(group, key=lambda h: h["score"])
    if best["page"]:
        sections = [h for h in group if not h["page"]]
        if not sections:
            return "(no section)"
        best = sections[0]
    parts = urlsplit(best["href"])
    return f"{parts.path.lstrip('/')}#{parts.fragment}"


def test_every_message_finds_its_entry_first(new_context, site: Path) -> None:
    """Each message the site shows, pasted whole as a reader copies it (shell prefix and all),
    lists its entry as the first section hit of the site's search."""
    messages = shown_messages(site)
    assert len(messages) >= 20, f"only {len(messages)} messages found on trouble/"
    context = new_context()
    context.add_init_script(script=js("search-probe.js"))
    page = context.new_page()
    goto(page, "")
    misses = []
    for text, entries in sorted(messages.items()):
        got = first_section(search(page, text))
        if got not in entries:
            misses.append(f"{text!r}\n    first hit {got}, not {' or '.join(sorted(entries))}")
    assert not misses, f"{len(misses)} of {len(messages)} messages:\n" + "\n".join(misses)


# --- a newcomer's phone --------------------------------------------------------------------------

#: A phone's screen (CSS pixels): the size the issue's readers measured with.
PHONE = {"width": 390, "height": 844}
#: The most screens a page may take on that phone (issue 19).
MOST_SCREENS = 8


@READS_URL
@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("os_key", list(BROWSERS))
def test_no_page_is_taller_than_eight_phone_screens(new_context, url: str, os_key: str) -> None:
    """At 390x844, with the tabs a first visit from a Windows, macOS or Linux browser selects,
    the page is at most eight screens tall."""
    context = new_context(viewport=PHONE)
    page = context.new_page()
    emulate(context, page, os_key)
    goto(page, url)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height <= MOST_SCREENS * PHONE["height"], (
        f"{url or '/'} at 390x844 ({os_key}): {height} px, "
        f"{height / PHONE['height']:.1f} screens, more than {MOST_SCREENS}"
    )


FIRST_COMMAND = js("first-command.js")


@changes.reads(lambda: changes.page_reads(""))
@pytest.mark.parametrize("os_key", list(BROWSERS))
def test_home_page_shows_the_first_command_on_the_first_screen(new_context, os_key: str) -> None:
    """A newcomer on a 390x844 phone sees the first command of their OS without scrolling."""
    context = new_context(viewport=PHONE)
    page = context.new_page()
    emulate(context, page, os_key)
    goto(page, "")
    found = page.evaluate(FIRST_COMMAND)
    assert found is not None, "no command on the home page"
    want = {"windows": "py -m venv .venv"}.get(os_key, "python3 -m venv .venv")
    assert found["text"] == want, f"the first command shown is {found['text']!r}"
    assert found["top"] + 24 <= PHONE["height"], f"it starts {found['top']:.0f} px down"
