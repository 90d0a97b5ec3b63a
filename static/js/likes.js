"use strict";
// Likes without a page load. The like form works on its own (post, redirect back);
// this only sends it with fetch and updates the button and count in place. Anything
// unexpected (offline, an error page, no JSON) sends the form the ordinary way.
{
  function show(form, data) {
    const button = form.querySelector(".like-button");
    form.elements.action.value = data.liked ? "unlike" : "like";
    button.setAttribute("aria-pressed", String(data.liked));
    button.querySelector(".like-button-text").textContent = data.liked ? "Unlike" : "Like";
    const count = form.closest(".likes").querySelector(".likes-count");
    if (count) count.textContent = data.label;
  }

  async function send(form) {
    // The page's tokens come from reader.js: a click before they arrive waits for them.
    await window.newsroomReaderReady;
    // Not form.action: the form's field named "action" hides that property.
    const response = await fetch(form.getAttribute("action"), {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        "X-CSRFToken": form.elements.csrfmiddlewaretoken.value,
      },
    });
    if (!response.ok) throw new Error(`Like failed: ${response.status}`);
    const data = await response.json();
    if (typeof data.liked !== "boolean" || typeof data.label !== "string") {
      throw new Error("Like failed: unexpected answer");
    }
    return data;
  }

  for (const form of document.querySelectorAll("form[data-likes]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector(".like-button");
      if (button.getAttribute("aria-busy") === "true") return;
      button.setAttribute("aria-busy", "true");
      try {
        show(form, await send(form));
      } catch {
        // form.submit() does not fire "submit" again: this is the plain post.
        form.submit();
        return;
      }
      button.removeAttribute("aria-busy");
    });
  }
}
