"use strict";
// A comment that came back with a mistake lands at its form (#respond). Focus
// goes to the first field marked wrong, else to the message saying what
// happened, so a keyboard or screen-reader user starts where the problem is.
// Without this script the #respond anchor still scrolls the form into view.
(function () {
  const field = document.querySelector('#respond [aria-invalid="true"]');
  const message = document.querySelector('#comments [role="alert"]');
  const target = field || message;
  if (!target) return;
  if (!field) message.setAttribute("tabindex", "-1");
  // After the page has loaded: the browser's own scroll to #respond moves the
  // focus to the page itself, and must not come after ours.
  function focus() {
    target.focus();
  }
  if (document.readyState === "complete") focus();
  else window.addEventListener("load", () => setTimeout(focus, 0), { once: true });
})();
