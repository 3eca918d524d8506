/* Accessibility fixes to what the theme builds in the browser:
 * - each code block's copy button sits in an unnamed <nav> landmark (axe: landmark-unique);
 *   it is a group of buttons, not navigation, so it loses the landmark role;
 * - "Copied to clipboard" (.md-dialog) becomes a polite live region, so it is announced. */
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
  }

  /* The theme adds the buttons as it mounts each block, on every page. */
  fix();
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true });
})();
