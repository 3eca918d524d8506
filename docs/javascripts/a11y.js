/* Two accessibility fixes to what the theme builds in the browser.
 *
 * - Each code block's copy button sits in a <nav class="md-code__nav">: a navigation
 *   landmark with no name, one per block (axe: landmark-unique). It is a group of
 *   buttons, not navigation, so it loses the landmark role.
 * - "Copied to clipboard" appears in .md-dialog, which screen readers don't hear; it
 *   becomes a polite live region (role="status").
 */
(function () {
  "use strict";

  function fix(root) {
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  var dialog = document.querySelector(".md-dialog");
  if (dialog) {
    dialog.setAttribute("role", "status");
    dialog.setAttribute("aria-live", "polite");
    dialog.setAttribute("aria-atomic", "true");
  }

  /* The theme adds the buttons when it mounts each code block, on every page
     (instant navigation included), so watch for them. */
  fix(document);
  new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i++) {
      if (records[i].addedNodes.length) {
        fix(document);
        return;
      }
    }
  }).observe(document.body, { childList: true, subtree: true });
})();
