/* Small behaviours of our pages on top of Material:
   - Material's search dialog (role="dialog") gets an accessible name; its partial belongs to the theme, and the
     dialog only works with JavaScript, so naming it here is enough.
   - A table wider than the screen scrolls in Material's wrapper; the wrapper becomes focusable (WCAG 2.1.1).
   - The home page's big search button ([data-kei-open-search], a real <button>) opens that dialog: Material keeps
     its state in the #__search checkbox and reacts to its change event. */
(function () {
  "use strict";
  function wire() {
    document.querySelectorAll(".md-search[role=dialog]:not([aria-label])").forEach(function (dialog) {
      dialog.setAttribute("aria-label", "Search");
    });
    // A table wider than a phone scrolls inside its wrapper: make that wrapper reachable by keyboard to scroll it.
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth && !wrap.hasAttribute("tabindex")) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table, scrolls sideways");
      }
    });
    document.querySelectorAll("[data-kei-open-search]:not([data-kei-wired])").forEach(function (button) {
      button.setAttribute("data-kei-wired", "1");
      button.addEventListener("click", function () {
        var toggle = document.getElementById("__search");
        if (!toggle) { return; }
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
        var input = document.querySelector("input.md-search__input");
        if (input) { input.focus(); }
      });
    });
  }
  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(wire);
  } else {
    document.addEventListener("DOMContentLoaded", wire);
  }
})();
