/* Accessibility fixes to what the theme builds in the browser:
 * - each code block's copy button sits in an unnamed <nav> landmark (axe: landmark-unique);
 *   it is a group of buttons, not navigation, so it loses the landmark role;
 * - "Copied to clipboard" (.md-dialog) becomes a polite live region, so it is announced;
 * - a code block wider than its box can be scrolled from the keyboard (axe:
 *   scrollable-region-focusable): the theme makes it focusable only if it overflows when the
 *   page loads, so one in a tab that was hidden then is made focusable when its tab opens. */
(function () {
  "use strict";

  var dialog = document.querySelector(".md-dialog");
  if (dialog) {
    dialog.setAttribute("role", "status");
    dialog.setAttribute("aria-live", "polite");
    dialog.setAttribute("aria-atomic", "true");
  }

  function fix() {
    document.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
    document.querySelectorAll("pre > code:not([tabindex])").forEach(function (code) {
      if (code.scrollWidth > code.clientWidth) code.setAttribute("tabindex", "0");
    });
  }

  /* A tab that opens shows blocks that were hidden (no width) until now. */
  document.addEventListener("change", function (event) {
    if (event.target.closest && event.target.closest(".tabbed-set")) fix();
  });

  /* The theme adds the buttons as it mounts each block, on every page. */
  fix();
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
})();
