// Keyboard shortcuts for the comment list, as WordPress has them: j / k move
// between comments, then a approves, s marks as spam, t moves to the trash,
// u restores to pending and r opens the reply box. Each key presses the row's
// own button (a real form post), so nothing here decides anything.
(function () {
  "use strict";
  const rows = () => Array.from(document.querySelectorAll("#result_list tbody tr"));
  let current = -1;

  function select(index) {
    const all = rows();
    if (!all.length) return;
    current = Math.max(0, Math.min(all.length - 1, index));
    all.forEach((row, i) => row.classList.toggle("moderation-current", i === current));
    all[current].setAttribute("tabindex", "-1");
    all[current].focus({ preventScroll: false });
  }

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (!document.querySelector("#result_list .row-moderation")) return;
    const key = event.key.toLowerCase();
    if (key === "j" || key === "k") {
      event.preventDefault();
      select(current + (key === "j" ? 1 : -1));
      return;
    }
    const row = rows()[current];
    const control = row && row.querySelector(`[data-moderate-key="${key}"]`);
    if (control) {
      event.preventDefault();
      control.click();
    }
  });

  document.addEventListener("DOMContentLoaded", () => {
    const list = document.querySelector("#result_list");
    if (!list || !list.querySelector(".row-moderation")) return;
    const hint = document.createElement("p");
    hint.className = "help moderation-keys";
    hint.textContent =
      "Keyboard: j / k next / previous comment, then a Approve, s Spam, t Trash, " +
      "u Restore, r Reply.";
    list.closest(".results").before(hint);
  });
})();
