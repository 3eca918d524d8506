/* Accessibility fixes to what the theme builds in the browser:
 * - each code block's copy button sits in an unnamed <nav> landmark (axe: landmark-unique);
 *   it is a group of buttons, not navigation, so it loses the landmark role;
 * - "Copied to clipboard" (.md-dialog) becomes a polite live region, so it is announced;
 * - a code block or table wider than its box can be scrolled from the keyboard (axe:
 *   scrollable-region-focusable): the theme makes a code block focusable only if it overflows
 *   when the theme mounts it, and with content.lazy (mkdocs.yml) it mounts a block only once
 *   the block is in view; it never makes a table focusable. So once the page is mounted, every
 *   code block the theme has not yet made focusable and every wrapped table that overflows gets
 *   a tab stop (tables again after a resize), and a code block in a tab that was hidden then,
 *   when its tab opens.
 * Widths are read only then, in one pass, never on each of the theme's DOM changes: measuring
 * every block on every change was a long main-thread task on pages with many blocks
 * (Lighthouse TBT). */
(function () {
  "use strict";

  var dialog = document.querySelector(".md-dialog");
  if (dialog) {
    dialog.setAttribute("role", "status");
    dialog.setAttribute("aria-live", "polite");
    dialog.setAttribute("aria-atomic", "true");
  }

  /* Attributes only: no layout is read. */
  function unlandmark() {
    document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  /* Reads widths: a tab stop for each element of `selector` that overflows, and none for one
     that no longer does (tables only: the theme keeps code blocks' tab stops itself). */
  function focusable(selector) {
    /* All widths first, then all attributes: a read after a write restyles the page again. */
    var overflows = Array.prototype.map.call(document.querySelectorAll(selector), function (el) {
      return [el, el.scrollWidth > el.clientWidth];
    });
    overflows.forEach(function (pair) {
      var el = pair[0];
      if (pair[1]) el.setAttribute("tabindex", "0");
      else if (el.classList.contains("md-typeset__scrollwrap")) el.removeAttribute("tabindex");
    });
  }

  var TABLES = ".md-typeset__scrollwrap";
  /* Linked tab sets switch together, so every hidden-then-shown block is measured. */
  document.addEventListener("change", function (event) {
    if (event.target.closest && event.target.closest(".tabbed-set")) {
      focusable(".tabbed-set pre > code:not([tabindex]), " + TABLES);
    }
  });
  var resized = 0;
  window.addEventListener("resize", function () {
    clearTimeout(resized);
    resized = setTimeout(function () { focusable(TABLES); }, 200);
  });
  /* The theme wraps tables while it mounts the page (on document$); measure after that. */
  function afterMount() {
    setTimeout(function () { focusable("pre > code:not([tabindex]), " + TABLES); }, 0);
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(afterMount);
  else afterMount();

  /* The theme adds the buttons as it mounts each block. */
  unlandmark();
  new MutationObserver(unlandmark).observe(document.body, { childList: true, subtree: true });
})();
