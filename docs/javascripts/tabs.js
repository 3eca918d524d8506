/* Two things the theme's content tabs don't do by themselves.
 *
 * 1. A link to a nested tab opens its parent tab too. Every tab's id is
 *    STEP-OS-SHELL or STEP-OS (given at build time by venv_guide/hook.py), e.g.
 *    #activate-linux-fish. The theme selects the target tab itself, but only
 *    within its own tab set; this script also selects the tabs around it (Linux
 *    around fish) and scrolls the step's heading into view.
 *
 * 2. The reader's OS first. With no stored choice, the OS tab of the reader's
 *    system and that system's default shell are selected (the labels come from
 *    venv_guide/vocabulary.py, written into the page as #vg-tabs). A choice the
 *    reader makes is stored by the theme and always wins.
 */
(function () {
  "use strict";

  function config() {
    var el = document.getElementById("vg-tabs");
    try {
      return el ? JSON.parse(el.textContent) : null;
    } catch (e) {
      return null;
    }
  }

  /* "windows", "macos", "linux" (the keys of vocabulary.OS_KEYS), or null. */
  function detectOS() {
    var ua = navigator.userAgent || "";
    if (/Android|iPhone|iPad|iPod/.test(ua)) return null;
    var data = navigator.userAgentData;
    var platform = (data && data.platform) || navigator.platform || "";
    if (/^win/i.test(platform)) return "windows";
    if (/^mac/i.test(platform)) return "macos";
    if (/linux|x11|cros|chrome os/i.test(platform)) return "linux";
    return null;
  }

  function labelOf(input) {
    return document.querySelector('label[for="' + input.id + '"]');
  }

  function labelText(input) {
    var label = labelOf(input);
    return label ? label.textContent.trim() : "";
  }

  /* Check, in every tab set of the page, the first tab whose label is in `names`. */
  function checkByLabel(names) {
    document.querySelectorAll(".tabbed-set").forEach(function (set) {
      var inputs = set.querySelectorAll(":scope > input");
      for (var n = 0; n < names.length; n++) {
        for (var i = 0; i < inputs.length; i++) {
          if (labelText(inputs[i]) === names[n]) {
            inputs[i].checked = true;
            return;
          }
        }
      }
    });
  }

  function firstVisit() {
    if (typeof __md_get !== "function" || Array.isArray(__md_get("__tabs"))) return;
    var cfg = config();
    var key = detectOS();
    if (!cfg || !key || !cfg.os[key]) return;
    var os = cfg.os[key];
    checkByLabel([cfg.default_shell[os], os]);
  }

  /* The tab inputs around `input` (outermost first), then `input` itself. */
  function path(input) {
    var inputs = [input];
    var node = input.parentElement;
    while (node && node !== document.body) {
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

  /* The nearest heading above the outermost tab set: the step. */
  function headingBefore(el) {
    var all = document.querySelectorAll(".md-content h1, .md-content h2, .md-content h3, " +
                                        ".md-content h4, .md-content h5, .md-content h6");
    var found = null;
    for (var i = 0; i < all.length; i++) {
      if (all[i].compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) found = all[i];
    }
    return found;
  }

  /* Store the labels as the theme does when a tab is clicked (newest first). */
  function remember(names) {
    if (typeof __md_get !== "function" || typeof __md_set !== "function") return;
    var stored = __md_get("__tabs") || [];
    __md_set("__tabs", names.concat(stored).filter(function (name, i, all) {
      return name && all.indexOf(name) === i;
    }));
  }

  function scrollTo(heading) {
    var header = document.querySelector(".md-header");
    var offset = header ? header.getBoundingClientRect().height : 0;
    window.scrollTo({ top: heading.getBoundingClientRect().top + window.scrollY - offset - 8 });
  }

  /* On page load the theme hasn't mounted its tabs yet, so checking the inputs is
     enough; after a change of the address's anchor they are clicked, so that the
     theme moves its tab indicator and links the other tab sets. Either way the
     labels are stored, so that the next pages open the same tabs. */
  function openTarget(click) {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      return;
    }
    var target = id && document.getElementById(id);
    if (!target || target.tagName !== "INPUT" || !target.parentElement ||
        !target.parentElement.classList.contains("tabbed-set")) return;
    var inputs = path(target);
    var names = inputs.map(labelText).reverse();
    if (click) {
      inputs.forEach(function (input) { if (!input.checked) input.click(); });
    } else {
      checkByLabel(names);
      inputs.forEach(function (input) { input.checked = true; });
    }
    remember(names);
    var heading = headingBefore(inputs[0].parentElement);
    if (!heading) return;
    /* Again after the theme's own handling of the anchor, which scrolls too. */
    scrollTo(heading);
    setTimeout(function () { requestAnimationFrame(function () { scrollTo(heading); }); }, 50);
  }

  function onPage() {
    firstVisit();
    openTarget(false);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(onPage);
  } else {
    onPage();
  }
  window.addEventListener("hashchange", function () { openTarget(true); });
})();
