"use strict";
// A cached article page is the same for everyone. This fills in what belongs to
// this reader: the CSRF and form tokens the page's forms need, whether they like
// the article, and their own comments still awaiting moderation. Without it the
// forms still work: the server asks the reader to confirm instead.
(function () {
  const article = document.querySelector("[data-reader-url]");
  if (!article || !window.fetch) return;

  function fill(data) {
    for (const input of document.querySelectorAll("input[data-reader-csrf]")) {
      input.value = data.csrf;
    }
    for (const input of document.querySelectorAll("input[data-reader-token]")) {
      if (!input.value && data.comment_token) input.value = data.comment_token;
    }
    const likes = document.querySelector("form[data-likes]");
    if (likes && typeof data.liked === "boolean") {
      likes.elements.action.value = data.liked ? "unlike" : "like";
      const button = likes.querySelector(".like-button");
      button.setAttribute("aria-pressed", String(data.liked));
      button.querySelector(".like-button-text").textContent = data.liked ? "Unlike" : "Like";
      const count = likes.closest(".likes").querySelector(".likes-count");
      if (count && data.likes_label) count.textContent = data.likes_label;
    }
    const comments = document.getElementById("comments");
    for (const pending of data.pending_comments || []) {
      if (document.getElementById("comment-" + pending.id)) continue;
      const parent = pending.parent && document.getElementById("comment-" + pending.parent);
      // Comments come in pages: a reply belongs under its comment, a new comment
      // on the newest page; on another page of comments neither is shown.
      if (pending.parent ? !parent : !(comments && "newestPage" in comments.dataset)) continue;
      const template = document.createElement("template");
      template.innerHTML = pending.html.trim();
      let list;
      if (parent) {
        list = parent.querySelector(":scope > .comment-children");
        if (!list) {
          list = document.createElement("ol");
          list.className = "comment-children";
          parent.append(list);
        }
      } else {
        list = document.querySelector("#comments .comment-list");
        if (!list) {
          list = document.createElement("ol");
          list.className = "comment-list";
          document.getElementById("comments-heading").after(list);
        }
      }
      list.append(template.content);
    }
    // Not "No comments yet" above the reader's own comment awaiting moderation.
    const heading = document.getElementById("comments-heading");
    if (heading && data.comments_heading && (data.pending_comments || []).length) {
      heading.textContent = data.comments_heading;
    }
  }

  // Other scripts (likes.js) wait for this before they post a form, so a click
  // that comes before the tokens does not arrive without them.
  window.newsroomReaderReady = fetch(article.dataset.readerUrl, {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  })
    .then((response) => (response.ok ? response.json() : null))
    .then((data) => data && fill(data))
    .catch(() => {});
})();
