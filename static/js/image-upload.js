// The image form's file field, in the library and in the "+" pop-up: a chosen
// file goes up at once, with a progress bar, while the editor goes on typing
// the alt text and caption. The server checks it and keeps it (images/stash.py);
// the form then sends the kept file's token instead of the file, so saving is
// quick and a form sent back for a missing alt text never asks for the file
// again. Saving while the file is still going up waits for it. Without
// JavaScript the form sends the file itself, and the server keeps it the same way.
"use strict";
(function () {
  function setUp(input) {
    const form = input.form;
    const token = form && form.querySelector('input[name$="stashed_upload"]');
    const slot = input.parentElement.querySelector(".kept-upload-slot");
    if (!form || !token || !slot || !window.XMLHttpRequest) return;
    const status = document.createElement("div");
    status.className = "upload-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    const bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    bar.hidden = true;
    bar.setAttribute("aria-label", "Upload progress");
    const text = document.createElement("span");
    status.append(bar, text);
    input.after(status);
    let sending = null;
    let waitingSubmitter = undefined;

    function show(kept) {
      const figure = document.createElement("figure");
      figure.className = "kept-upload";
      figure.dataset.testid = "kept-upload";
      const img = document.createElement("img");
      img.src = kept.thumbnail;
      img.alt = "";
      img.width = 120;
      const caption = document.createElement("figcaption");
      const name = document.createElement("strong");
      name.textContent = kept.filename;
      caption.append("Uploaded: ", name, ". It is kept: choose another file only to replace it.");
      figure.append(img, caption);
      slot.replaceChildren(figure);
    }

    function finish(message, ok, saveAnyway) {
      sending = null;
      bar.hidden = true;
      text.textContent = message;
      status.classList.toggle("errornote", !ok);
      const submitter = waitingSubmitter;
      waitingSubmitter = undefined;
      if ((ok || saveAnyway) && submitter !== undefined) {
        form.requestSubmit(submitter || undefined);
      }
    }

    input.addEventListener("change", () => {
      const file = input.files && input.files[0];
      if (!file) return;
      if (sending) sending.abort();
      const data = new FormData();
      data.append("csrfmiddlewaretoken", form.querySelector('input[name="csrfmiddlewaretoken"]').value);
      data.append("upload", file);
      const request = new XMLHttpRequest();
      sending = request;
      request.open("POST", input.dataset.stashUrl);
      request.responseType = "json";
      request.upload.addEventListener("progress", (event) => {
        if (!event.lengthComputable) return;
        bar.value = Math.round((100 * event.loaded) / event.total);
        text.textContent = ` Uploading ${file.name}: ${bar.value} %`;
      });
      request.upload.addEventListener("load", () => {
        bar.value = 100;
        text.textContent = ` Checking ${file.name}…`;
      });
      request.addEventListener("load", () => {
        if (request !== sending) return;
        const answer = request.response || {};
        if (request.status === 200 && answer.token) {
          token.value = answer.token;
          // The kept file stands in for the chosen one: the form does not send it again.
          input.value = "";
          input.required = false;
          show(answer);
          finish(`${file.name} is uploaded. Fill in the rest and save.`, true);
        } else {
          // Refused: the server says why; the editor chooses another file.
          input.value = "";
          finish(answer.error || "The upload failed. Choose the file again.", false);
        }
      });
      request.addEventListener("error", () => {
        // The network failed, not the file: saving sends the file with the form.
        if (request === sending) {
          finish("The upload was interrupted: saving sends the file with the form.", false, true);
        }
      });
      bar.hidden = false;
      bar.value = 0;
      status.classList.remove("errornote");
      text.textContent = ` Uploading ${file.name}…`;
      request.send(data);
    });

    form.addEventListener("submit", (event) => {
      if (!sending) return;
      event.preventDefault();
      waitingSubmitter = event.submitter || null;
      text.textContent = " Saving as soon as the upload is done…";
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll('input[type="file"][data-stash-url]').forEach(setUp);
  });
})();
