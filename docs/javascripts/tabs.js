/* Open every tab on the way to the tab named in the address's #anchor.
 *
 * A tab's anchor is "<heading anchor>-<label>", e.g. #activate-fish. The theme
 * selects the tab itself; this script also selects the tabs around it (macOS
 * around fish), which the theme leaves alone, and accepts the spelled-out form
 * "<heading anchor>-<system>-<shell>", e.g. #activate-linux-bash.
 */
(function () {
  "use strict";

  function slug(text) {
    return text.trim().toLowerCase().replace(/[^\w\- ]/g, "").replace(/ /g, "-");
  }

  function inputsOf(set) {
    return Array.prototype.filter.call(set.children, function (el) {
      return el.tagName === "INPUT";
    });
  }

  function blocksOf(set) {
    var content = set.querySelector(":scope > .tabbed-content");
    return content ? Array.prototype.slice.call(content.children) : [];
  }

  function labelOf(input) {
    return document.querySelector('label[for="' + input.id + '"]');
  }

  /* "<outer id>-<label slug>": a tab nested in the outer tab <outer id>. */
  function findSpelledOut(id) {
    var outers = document.querySelectorAll(".tabbed-set > input[id]");
    for (var i = 0; i < outers.length; i++) {
      var outer = outers[i];
      if (id.indexOf(outer.id + "-") !== 0) continue;
      var rest = id.slice(outer.id.length + 1);
      var set = outer.parentElement;
      var block = blocksOf(set)[inputsOf(set).indexOf(outer)];
      if (!block) continue;
      var inner = block.querySelectorAll(".tabbed-set > input[id]");
      for (var j = 0; j < inner.length; j++) {
        var label = labelOf(inner[j]);
        if (label && slug(label.textContent) === rest) return inner[j];
      }
    }
    return null;
  }

  /* The tab inputs to select, outermost first, to show `el`. */
  function path(el) {
    var inputs = [];
    for (var node = el; node && node !== document.body; node = node.parentElement) {
      var parent = node.parentElement;
      if (node.classList.contains("tabbed-block") && parent &&
          parent.classList.contains("tabbed-content")) {
        var set = parent.parentElement;
        var index = Array.prototype.indexOf.call(parent.children, node);
        var input = inputsOf(set)[index];
        if (input) inputs.unshift(input);
      }
    }
    return inputs;
  }

  /* Select the tabs, and every tab with the same label on this page, and
     remember the labels for the next pages, as the theme does on a click. */
  function selectEverywhere(inputs) {
    var names = inputs.map(function (input) {
      var label = labelOf(input);
      return label ? label.textContent.trim() : "";
    });
    inputs.forEach(function (input) { input.checked = true; });
    document.querySelectorAll(".tabbed-set").forEach(function (set) {
      var labels = set.querySelectorAll(":scope > .tabbed-labels > label");
      labels.forEach(function (label) {
        if (names.indexOf(label.textContent.trim()) < 0) return;
        var input = document.getElementById(label.htmlFor);
        if (input) input.checked = true;
      });
    });
    if (typeof __md_get === "function" && typeof __md_set === "function") {
      var stored = __md_get("__tabs") || [];
      var tabs = names.slice().reverse().concat(stored).filter(function (name, i, all) {
        return name && all.indexOf(name) === i;
      });
      __md_set("__tabs", tabs);
    }
  }

  /* On page load the theme hasn't set up its tabs yet, so selecting them
     quietly is enough; later (the anchor changed) they must be clicked, so
     that the theme moves its tab indicator and links the other tabs. */
  function open(click) {
    var id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch (e) {
      return;
    }
    if (!id) return;
    var target = document.getElementById(id) || findSpelledOut(id);
    if (!target) return;
    var inputs = path(target);
    if (target.tagName === "INPUT" && target.parentElement &&
        target.parentElement.classList.contains("tabbed-set")) {
      inputs.push(target);
    }
    if (!inputs.length) return;
    if (click) {
      inputs.forEach(function (input) {
        if (!input.checked) input.click();
      });
    } else {
      selectEverywhere(inputs);
    }
    /* Bring the outermost tab set, with its labels, into view below the header. */
    var set = inputs[0].parentElement;
    var scroll = function () {
      var header = document.querySelector(".md-header");
      var offset = header ? header.offsetHeight : 0;
      window.scrollTo({ top: set.getBoundingClientRect().top + window.scrollY - offset - 16 });
    };
    scroll();
    setTimeout(scroll, 0);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(function () { open(false); });
  } else {
    open(false);
  }
  window.addEventListener("hashchange", function () { open(true); });
})();
