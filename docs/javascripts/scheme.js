/* No transitions while the reader switches between light and dark.
 *
 * Material's palette.css (which the site does not load) does this with a rule on the
 * `data-md-color-switching` attribute that the theme sets on <body> around a switch. The theme
 * also sets that attribute once while the page loads, and a rule on it makes the browser restyle
 * every element of the page twice, for a switch nobody made (Chromium, 4x CPU slowdown:
 * 623 -> 409 ms of style recalculation on the home page, median of 5 loads).
 *
 * So extra.css keys the same rule to a class of our own, `vg-switching` on <html>, set here
 * only when a palette input changes: a click on the toggle, Enter on it, or the theme following
 * the system's scheme (it clicks the input). This listener runs in the capture phase, before
 * the theme's own change listener sets the new colours; the class stays for two frames, until
 * the browser has styled the page in its new colours, so no colour fades. */
(function () {
  "use strict";

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.matches || !input.matches("input[data-md-color-scheme]")) return;
    var root = document.documentElement;
    root.classList.add("vg-switching");
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { root.classList.remove("vg-switching"); });
    });
  }, true);
})();
