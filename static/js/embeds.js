"use strict";
// Embeds load on a click. The page shows a placeholder (the title, the provider and
// a link to the original) and asks nothing of the provider; "Play" puts the
// provider's player, or the audio or video file, in its place. The page's Content
// Security Policy allows that provider's frame (or that file's origin) and no other.
for (const figure of document.querySelectorAll("[data-embed]")) {
  const load = figure.querySelector("[data-embed-load]");
  load.hidden = false;
  load.addEventListener("click", () => {
    const kind = figure.dataset.embedKind;
    let player;
    if (kind === "frame") {
      player = document.createElement("iframe");
      player.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
      player.allowFullscreen = true;
      player.referrerPolicy = "strict-origin-when-cross-origin";
    } else {
      player = document.createElement(kind);  // "audio" or "video"
      player.controls = true;
      player.autoplay = true;
      player.preload = "auto";
    }
    player.className = "embed-player";
    player.title = figure.dataset.embedTitle;
    player.src = figure.dataset.embedPlayer;
    player.setAttribute("data-testid", "embed-player");
    const placeholder = figure.querySelector(".embed-placeholder");
    const link = placeholder.querySelector(".embed-link").cloneNode(true);
    const after = document.createElement("figcaption");
    after.append(link);
    placeholder.replaceWith(player, after);
    player.focus();
  });
}
