"use strict";
// The editors' desk on the article form (articles/editorial/desk.py):
// - autosave every 30 seconds and on leaving a field, to the person's own copy
//   (never the article); reopening offers "Restore the autosave from 14:02?";
// - a warning before leaving the page with unsaved changes;
// - the edit lock's heartbeat, and a notice when someone takes the article over.
// Without this script the form works as before; only these aids are missing.
{
  const SKIPPED = new Set(["csrfmiddlewaretoken", "loaded_version"]);
  const editors = new Map(); // body textarea -> its rich-text editor

  // The prose editor announces itself; restoring the body goes through it.
  document.addEventListener("prose-editor:ready", (event) => {
    const { editor, textarea } = event.detail || {};
    if (editor && textarea) editors.set(textarea, editor);
  });

  function addresses() {
    const path = window.location.pathname;
    if (new URLSearchParams(window.location.search).has("_popup")) return null;
    let match = path.match(/^(.*\/articles\/article\/)add\/$/);
    if (match) return { autosave: `${match[1]}autosave/`, lock: null };
    match = path.match(/^(.*\/articles\/article\/[^/]+\/)change\/$/);
    if (match) return { autosave: `${match[1]}autosave/`, lock: `${match[1]}lock/` };
    return null;
  }

  function syncEditors() {
    for (const [textarea, editor] of editors) {
      if (typeof editor.getHTML === "function") textarea.value = editor.getHTML();
    }
  }

  function fields(form) {
    syncEditors();
    const pairs = [];
    for (const element of form.elements) {
      const name = element.name;
      if (!name || SKIPPED.has(name) || name.endsWith("_FORMS") || element.disabled) continue;
      if (name.includes("__prefix__") || element.type === "file") continue;
      if (["submit", "button", "reset"].includes(element.type)) continue;
      if ((element.type === "checkbox" || element.type === "radio") && !element.checked) continue;
      if (element.tagName === "SELECT") {
        for (const option of element.selectedOptions) {
          pairs.push([name, option.value, option.textContent.trim()]);
        }
        continue;
      }
      pairs.push([name, element.value]);
    }
    return pairs;
  }

  function sameFields(a, b) {
    const key = (pairs) => JSON.stringify(pairs.map((pair) => [pair[0], pair[1]]));
    return key(a) === key(b);
  }

  function restore(form, pairs) {
    const values = new Map();
    for (const [name, value, label] of pairs) {
      if (!values.has(name)) values.set(name, []);
      values.get(name).push({ value, label });
    }
    const seen = new Map();
    for (const element of form.elements) {
      const name = element.name;
      if (!name || SKIPPED.has(name) || name.endsWith("_FORMS") || element.type === "file") continue;
      if (name.includes("__prefix__") || ["submit", "button", "reset"].includes(element.type)) continue;
      const wanted = values.get(name) || [];
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = wanted.some((item) => item.value === element.value);
      } else if (element.tagName === "SELECT") {
        for (const item of wanted) {
          const known = Array.from(element.options).some((option) => option.value === item.value);
          if (!known) element.add(new Option(item.label || item.value, item.value));
        }
        for (const option of element.options) {
          option.selected = wanted.some((item) => item.value === option.value);
        }
      } else {
        const index = seen.get(name) || 0;
        seen.set(name, index + 1);
        if (index < wanted.length) element.value = wanted[index].value;
        const editor = editors.get(element);
        if (editor && editor.commands) editor.commands.setContent(element.value);
      }
      element.dispatchEvent(new Event("change", { bubbles: true }));
    }
  }

  function banner(form, className, role) {
    const box = document.createElement("div");
    box.className = `desk-banner ${className}`;
    box.setAttribute("role", role);
    form.prepend(box);
    return box;
  }

  function button(label, onClick) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "button";
    element.textContent = label;
    element.addEventListener("click", onClick);
    return element;
  }

  function start(form, urls) {
    const token = form.querySelector("[name=csrfmiddlewaretoken]").value;
    const version = form.querySelector("[name=loaded_version]");
    const status = banner(form, "desk-status", "status");
    let dirty = false; // changed since the page loaded or was last saved
    let unsaved = false; // changed since the last autosave
    let busy = false;
    let again = false;
    let submitting = false;
    let holder = document.querySelector("[data-testid=edit-lock]") ? "someone" : "";
    const opened = fields(form);

    function changed() {
      dirty = true;
      unsaved = true;
    }

    function body(extra) {
      const data = new FormData();
      data.append("csrfmiddlewaretoken", token);
      for (const [name, value] of Object.entries(extra)) data.append(name, value);
      return data;
    }

    async function post(url, extra) {
      const response = await fetch(url, {
        method: "POST",
        body: body(extra),
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": token },
      });
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }

    function lockSays(lock) {
      if (!lock) return;
      if (!lock.mine && lock.holder && !holder) {
        const notice = banner(form, "desk-lock", "alert");
        notice.dataset.testid = "edit-lock-taken";
        notice.textContent =
          `${lock.holder} took over this article at ${lock.since}. Your changes are kept ` +
          "in your autosave; saving now is refused once they have saved.";
      } else if (lock.mine && holder) {
        for (const old of document.querySelectorAll("[data-testid=edit-lock]")) {
          old.closest("li")?.remove();
        }
        status.textContent = "The article is yours to edit now.";
      }
      holder = lock.mine ? "" : lock.holder;
    }

    async function autosave() {
      if (busy) {
        again = true; // changes made while one is on its way go right after it
        return;
      }
      if (submitting || !unsaved) return;
      busy = true;
      unsaved = false;
      status.textContent = "Autosaving…";
      try {
        const answer = await post(urls.autosave, {
          data: JSON.stringify(fields(form)),
          based_on: version ? version.value : "",
        });
        status.textContent = `Autosaved at ${answer.saved_at}.`;
        lockSays(answer.lock);
      } catch (error) {
        unsaved = true;
        status.textContent = "Not autosaved: the server could not be reached. Keep this page open.";
      } finally {
        busy = false;
        if (again) {
          again = false;
          autosave();
        }
      }
    }

    async function heartbeat() {
      if (!urls.lock || busy || submitting) return;
      try {
        lockSays(await post(urls.lock, { action: "heartbeat" }));
      } catch (error) {
        // The next beat tries again; the lock only warns.
      }
    }

    async function offer() {
      const response = await fetch(urls.autosave, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const answer = await response.json();
      // Every NEWSROOM_AUTOSAVE_SECONDS: autosave what changed, else renew the lock.
      window.setInterval(() => (unsaved ? autosave() : heartbeat()), answer.every * 1000);
      const copy = answer.autosave;
      if (!copy || sameFields(copy.fields, opened)) return;
      const box = banner(form, "desk-offer", "alert");
      const text = document.createElement("span");
      text.textContent =
        `Restore the autosave from ${copy.saved_at}?` +
        (copy.older_version ? " The article was saved by someone since: compare before saving." : "");
      box.append(
        text,
        button("Restore", () => {
          restore(form, copy.fields);
          changed();
          box.remove();
          status.textContent = `Restored the autosave from ${copy.saved_at}: save to keep it.`;
        }),
        button("Dismiss", () => {
          box.remove();
          post(urls.autosave, { discard: "1" }).catch(() => {});
        }),
      );
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", (event) => {
      if (event.isTrusted) changed();
    });
    // Pickers (select2) announce their choices through jQuery only.
    if (window.django && window.django.jQuery) window.django.jQuery(form).on("change", changed);
    for (const editor of editors.values()) editor.on?.("update", changed);
    document.addEventListener("prose-editor:ready", (event) => {
      event.detail?.editor?.on?.("update", changed);
    });
    form.addEventListener("focusout", () => autosave());
    form.addEventListener("submit", () => {
      submitting = true;
    });
    window.addEventListener("beforeunload", (event) => {
      if (!dirty || submitting) return;
      event.preventDefault();
      event.returnValue = "";
    });
    window.addEventListener("pagehide", () => {
      if (!unsaved || submitting) return;
      const data = body({ data: JSON.stringify(fields(form)), based_on: version ? version.value : "" });
      navigator.sendBeacon(urls.autosave, data);
    });
    offer().catch(() => {});
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("article_form");
    const urls = addresses();
    if (form && urls && form.querySelector("[name=csrfmiddlewaretoken]")) start(form, urls);
  });
}
