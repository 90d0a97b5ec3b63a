"use strict";
// A gallery's lightbox. Without script each picture is a link to its large version;
// this opens it in a modal <dialog> instead: Left and Right arrows (or the buttons)
// move through the gallery, Escape closes it and focus goes back to the picture
// that opened it.
{
  let dialog, picture, words, counter, links = [], current = 0, opener = null;

  function button(label, text, action) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "lightbox-" + action;
    element.setAttribute("aria-label", label);
    element.textContent = text;
    return element;
  }

  function build() {
    dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    dialog.setAttribute("aria-label", "Gallery");
    dialog.setAttribute("data-testid", "lightbox");
    const close = button("Close", "×", "close");
    const previous = button("Previous picture", "‹", "previous");
    const next = button("Next picture", "›", "next");
    const figure = document.createElement("figure");
    picture = document.createElement("img");
    words = document.createElement("figcaption");
    counter = document.createElement("p");
    counter.className = "lightbox-counter";
    counter.setAttribute("aria-live", "polite");
    figure.append(picture, words);
    dialog.append(close, figure, previous, next, counter);
    document.body.append(dialog);
    close.addEventListener("click", () => dialog.close());
    previous.addEventListener("click", () => show(current - 1));
    next.addEventListener("click", () => show(current + 1));
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "ArrowLeft") show(current - 1);
      else if (event.key === "ArrowRight") show(current + 1);
      else return;
      event.preventDefault();
    });
    // A click on the dimmed page around the picture closes it too.
    dialog.addEventListener("click", (event) => { if (event.target === dialog) dialog.close(); });
    dialog.addEventListener("close", () => { if (opener) opener.focus(); });
  }

  function show(index) {
    current = (index + links.length) % links.length;
    const link = links[current];
    picture.src = link.href;
    picture.alt = link.dataset.alt || "";
    const credit = link.dataset.credit ? "Pic: " + link.dataset.credit : "";
    words.textContent = [link.dataset.caption, credit].filter(Boolean).join(" ");
    counter.textContent = (current + 1) + " of " + links.length;
  }

  for (const gallery of document.querySelectorAll("[data-gallery]")) {
    const own = Array.from(gallery.querySelectorAll("[data-gallery-link]"));
    own.forEach((link, index) => {
      link.addEventListener("click", (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        if (!dialog) build();
        links = own;
        opener = link;
        show(index);
        dialog.showModal();
      });
    });
  }
}
