"use strict";
// Developing stories: check for new updates every so often and show them in
// place. Without JavaScript a reload shows them; nothing here is needed to read.
(function () {
  const section = document.querySelector(".live-updates[data-live-url]");
  if (!section || !window.fetch) return;
  const list = section.querySelector(".live-list");
  const seconds = Math.max(10, parseInt(section.dataset.liveSeconds, 10) || 30);
  let last = list.innerHTML.trim();

  async function refresh() {
    if (document.hidden) return;
    try {
      const response = await fetch(section.dataset.liveUrl, { headers: { Accept: "text/html" } });
      if (!response.ok) return;
      const html = (await response.text()).trim();
      if (html && html !== last) {
        list.innerHTML = html;
        last = html;
      }
    } catch (error) {
      // Offline or the server is busy: try again next time.
    }
  }
  setInterval(refresh, seconds * 1000);
  document.addEventListener("visibilitychange", () => { if (!document.hidden) refresh(); });
})();
