/* Content tabs, beyond what the theme does (see CONTRIBUTING.md and venv_guide/hook.py).
 * 1. An anchor #STEP-OS-SHELL (a tab's id) also opens the OS tab around it and scrolls the
 *    step's heading into view; the theme only selects the tab itself. An anchor to anything
 *    else inside a tab (a row of the Verified on page's tables) opens its tabs, and the
 *    <details> it is folded in.
 * 2. With no stored choice, the reader's OS and its default shell are selected (labels from
 *    venv_guide/vocabulary.py, in the page as #vg-tabs). A reader's choice always wins. */
(function () {
  "use strict";

  function config() {
    var el = document.getElementById("vg-tabs");
    try {
      return el ? JSON.parse(el.textContent) : null;
    } catch {
      return null;
    }
  }

  /* A key of vocabulary.OS_KEYS, or null. */
  function detectOS() {
    if (/Android|iPhone|iPad|iPod/.test(navigator.userAgent || "")) return null;
    var data = navigator.userAgentData;
    var platform = (data && data.platform) || navigator.platform || "";
    if (/^win/i.test(platform)) return "windows";
    if (/^mac/i.test(platform)) return "macos";
    if (/linux|x11|chrome os/i.test(platform)) return "linux";
    return null;
  }

  function labelText(input) {
    var label = document.querySelector('label[for="' + input.id + '"]');
    return label ? label.textContent.trim() : "";
  }

  /* In every tab set, check the first tab whose label is in `names` (earlier names first). One
     pass over the labels: a document-wide lookup per input was a 230 ms long task (Lighthouse,
     4x CPU slowdown) on a page with 200 tab sets. */
  function checkByLabel(names) {
    var chosen = new Map();  /* tab set -> [rank of its label in names, input] */
    document.querySelectorAll(".tabbed-set > .tabbed-labels > label").forEach(function (label) {
      var rank = names.indexOf(label.textContent.trim());
      var input = document.getElementById(label.htmlFor);
      if (rank < 0 || !input) return;
      var best = chosen.get(input.parentElement);
      if (!best || rank < best[0]) chosen.set(input.parentElement, [rank, input]);
    });
    chosen.forEach(function (best) { best[1].checked = true; });
  }

  function firstVisit() {
    if (typeof __md_get !== "function" || Array.isArray(__md_get("__tabs"))) return;
    var cfg = config();
    var os = cfg && cfg.os[detectOS()];
    if (os) checkByLabel([cfg.default_shell[os], os]);
  }

  /* The tab inputs whose blocks hold `el`, outermost first. */
  function enclosing(el) {
    var inputs = [];
    for (var node = el.parentElement; node && node !== document.body; ) {
      var content = node.parentElement;
      if (node.classList.contains("tabbed-block") && content &&
          content.classList.contains("tabbed-content")) {
        var index = Array.prototype.indexOf.call(content.children, node);
        var outer = content.parentElement.querySelectorAll(":scope > input")[index];
        if (outer) inputs.unshift(outer);
      }
      node = content;
    }
    return inputs;
  }

  /* Open every closed <details> around `el` (a row of the Verified on page's folded tables);
     true when one was closed. */
  function openDetails(el) {
    var opened = false;
    for (var d = el.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      if (!d.open) {
        d.open = true;
        opened = true;
      }
    }
    return opened;
  }

  function headingBefore(el) {
    var found = null;
    document.querySelectorAll(".md-content :is(h1, h2, h3, h4, h5, h6)").forEach(function (h) {
      if (h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) found = h;
    });
    return found;
  }

  /* Store the labels, newest first, as the theme does on a click. */
  function remember(names) {
    if (typeof __md_get !== "function" || typeof __md_set !== "function") return;
    __md_set("__tabs", names.concat(__md_get("__tabs") || []).filter(function (name, i, all) {
      return name && all.indexOf(name) === i;
    }));
  }

  /* Where a heading scrolled into view sits: just below the sticky header (px). */
  function wantedTop() {
    var header = document.querySelector(".md-header");
    return (header ? header.getBoundingClientRect().height : 0) + 8;
  }

  function scrollTo(el) {
    window.scrollTo({ top: el.getBoundingClientRect().top + window.scrollY - wantedTop() });
  }

  /* Scroll `el` into view and keep it there for a second while the page settles: after an
     anchor change the theme scrolls too (its linked tabs put the clicked tab set back where it
     was, from a scroll offset read before the browser's own jump to the anchor), and tab sets
     above `el` change height as they follow the choice. Each frame, if `el` has moved it is
     scrolled back, until the second is over or the reader scrolls, clicks or types. */
  var settling = null;
  function keepInView(el) {
    var until = performance.now() + 1000;
    var frame = 0;
    var events = ["wheel", "touchstart", "pointerdown", "keydown"];
    if (settling) settling();
    function stop() {
      cancelAnimationFrame(frame);
      events.forEach(function (type) { window.removeEventListener(type, stop, true); });
      settling = null;
    }
    function check(now) {
      if (Math.abs(el.getBoundingClientRect().top - wantedTop()) > 1) scrollTo(el);
      if (now < until) frame = requestAnimationFrame(check);
      else stop();
    }
    events.forEach(function (type) {
      window.addEventListener(type, stop, { capture: true, passive: true });
    });
    settling = stop;
    scrollTo(el);
    frame = requestAnimationFrame(check);
  }

  /* On load the theme has not mounted its tabs yet: checking the inputs is enough. After an
     anchor change they are clicked, so the theme moves its indicator and links the others.
     A tab's anchor selects it and the tabs around it, and is remembered as a click on it
     would be; any other anchor inside a tab (a row of the Verified on page) opens the tabs
     around it and scrolls it into view. On load that is not stored as the reader's choice;
     after an anchor change the theme stores its clicks, as it does any click on a tab. */
  function openTarget(click) {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch {
      return;
    }
    var target = id && document.getElementById(id);
    if (!target) return;
    var isTab = target.tagName === "INPUT" && !!target.parentElement &&
      target.parentElement.classList.contains("tabbed-set");
    var inputs = enclosing(target);
    if (isTab) inputs.push(target);
    var folded = openDetails(target);
    if (!inputs.length) {
      if (folded) keepInView(target);
      return;
    }
    var names = inputs.map(labelText).reverse();
    if (click) {
      inputs.forEach(function (input) { if (!input.checked) input.click(); });
    } else {
      checkByLabel(names);
      inputs.forEach(function (input) { input.checked = true; });
    }
    var into = target;
    if (isTab) {
      remember(names);
      into = headingBefore(inputs[0].parentElement);
      if (!into) return;
    }
    keepInView(into);
  }

  function onPage() {
    firstVisit();
    openTarget(false);
  }

  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(onPage);
  } else {
    onPage();
  }
  window.addEventListener("hashchange", function () { openTarget(true); });
})();
