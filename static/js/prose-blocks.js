// Blocks in the article body (articles/blocks.py): an image, a related story, a
// gallery or an embed, placed at the cursor by the toolbar's Image, Related,
// Gallery and Embed buttons, or by dropping or pasting a picture file into the
// text (it is uploaded with a progress bar, described, added to the library and
// placed where it was dropped). Each block is one node of the document: it moves
// with the text (cut and paste, drag) and Delete removes it. It is shown as
// readers will see it, drawn by the server (articles/admin/blocks.py), and stored
// as an empty element naming what it shows, e.g.
// <figure data-block="image" data-image="42" data-align="left"></figure>.
import { Extension, Node, Plugin } from "django-prose-editor/editor";

const ALIGNMENTS = [
  ["", "Full width"],
  ["left", "Left"],
  ["right", "Right"],
  ["center", "Centred"],
];

// kind → [node name, tag, attributes (without "data-")]
const KINDS = {
  image: ["blockImage", "figure", ["image", "align"]],
  related: ["blockRelated", "aside", ["article", "url", "headline", "image"]],
  gallery: ["blockGallery", "figure", ["gallery"]],
  embed: ["blockEmbed", "figure", ["url", "title"]],
};

function csrf() {
  const input = document.querySelector("input[name='csrfmiddlewaretoken']");
  return input ? input.value : "";
}

function element(tag, properties = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (name === "dataset") Object.assign(node.dataset, value);
    else if (name in node) node[name] = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function markupOf(kind, attrs) {
  const [, tag, names] = KINDS[kind];
  const node = document.createElement(tag);
  node.dataset.block = kind;
  for (const name of names) if (attrs[name]) node.setAttribute(`data-${name}`, attrs[name]);
  return node.outerHTML;
}

// --- Previews -----------------------------------------------------------------------

const previews = new Map();

function preview(options, kind, attrs) {
  const markup = markupOf(kind, attrs);
  if (!previews.has(markup)) {
    const url = `${options.blocksUrl}?${new URLSearchParams({ show: markup })}`;
    previews.set(
      markup,
      fetch(url, { credentials: "same-origin" }).then(async (response) => {
        const answer = await response.json().catch(() => ({}));
        if (!response.ok) previews.delete(markup);
        return response.ok ? answer.html : Promise.reject(new Error(answer.error || "It could not be shown."));
      })
    );
  }
  return previews.get(markup);
}

function blockView(options, kind) {
  return ({ node, editor, getPos }) => {
    const dom = element("div", { className: `prose-block prose-block-${kind}`, contentEditable: "false" });
    dom.dataset.testid = `prose-block-${kind}`;
    const body = element("div", { className: "prose-block-preview" }, "Loading…");
    const tools = element("div", { className: "prose-block-tools" });
    const remove = element("button", { type: "button", className: "prose-block-remove", textContent: "Remove" });
    remove.addEventListener("click", () => {
      const position = getPos();
      editor.chain().focus().deleteRange({ from: position, to: position + node.nodeSize }).run();
    });
    if (kind === "image") {
      const align = element("select", { className: "prose-block-align", title: "Alignment" });
      align.setAttribute("aria-label", "Alignment");
      for (const [value, label] of ALIGNMENTS) align.append(element("option", { value, textContent: label }));
      align.value = node.attrs.align || "";
      align.addEventListener("change", () => {
        editor.chain().command(({ tr }) => {
          tr.setNodeMarkup(getPos(), undefined, { ...node.attrs, align: align.value || null });
          return true;
        }).run();
      });
      tools.append(align);
    }
    tools.append(remove);
    dom.append(body, tools);
    const draw = (attrs) => {
      preview(options, kind, attrs).then(
        (html) => {
          // The server's own rendering of a block (autoescaped templates).
          body.innerHTML = html;
        },
        (error) => body.replaceChildren(element("p", { className: "errornote", textContent: error.message }))
      );
    };
    draw(node.attrs);
    return {
      dom,
      update(updated) {
        if (updated.type !== node.type) return false;
        node = updated;
        draw(node.attrs);
        return true;
      },
      stopEvent: (event) => Boolean(event.target.closest && event.target.closest(".prose-block-tools")),
      ignoreMutation: () => true,
    };
  };
}

function blockNode(options, kind) {
  const [name, tag, names] = KINDS[kind];
  return Node.create({
    name,
    group: "block",
    atom: true,
    draggable: true,
    selectable: true,
    addAttributes() {
      return Object.fromEntries(
        names.map((attr) => [
          attr,
          {
            default: null,
            parseHTML: (node) => node.getAttribute(`data-${attr}`),
            renderHTML: (attrs) => (attrs[attr] ? { [`data-${attr}`]: attrs[attr] } : {}),
          },
        ])
      );
    },
    parseHTML() {
      return [{ tag: `${tag}[data-block="${kind}"]`, priority: 60 }];
    },
    renderHTML({ HTMLAttributes }) {
      return [tag, { "data-block": kind, ...HTMLAttributes }];
    },
    addNodeView() {
      return blockView(options, kind);
    },
  });
}

// --- The dialog --------------------------------------------------------------------

function dialog(title) {
  const box = element("dialog", { className: "prose-block-dialog" });
  box.dataset.testid = "block-dialog";
  const close = element("button", { type: "button", className: "prose-block-dialog-close", textContent: "Cancel" });
  close.addEventListener("click", () => box.close());
  box.addEventListener("close", () => box.remove());
  box.append(element("h2", { textContent: title }));
  document.body.append(box);
  return { box, close };
}

function searchList(options, find, label, choose) {
  const input = element("input", { type: "search", className: "vTextField", placeholder: label });
  input.setAttribute("aria-label", label);
  const list = element("ul", { className: "prose-block-results" });
  let asked = 0;
  const search = async () => {
    const number = ++asked;
    const url = `${options.blocksUrl}?${new URLSearchParams({ find, q: input.value })}`;
    const answer = await fetch(url, { credentials: "same-origin" }).then((r) => r.json()).catch(() => ({ results: [] }));
    if (number !== asked) return;
    list.replaceChildren(
      ...(answer.results || []).map((result) => {
        const button = element("button", { type: "button", className: "prose-block-result" });
        if (result.thumbnail) button.append(element("img", { src: result.thumbnail, alt: "", width: 48, height: 48 }));
        button.append(element("span", { textContent: result.text }));
        if (result.detail) button.append(element("small", { textContent: ` (${result.detail})` }));
        button.addEventListener("click", () => choose(result));
        return element("li", {}, button);
      })
    );
    if (!list.children.length) list.append(element("li", { textContent: "Nothing found." }));
  };
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  search();
  return [input, list];
}

function insert(editor, position, kind, attrs) {
  const content = { type: KINDS[kind][0], attrs };
  const chain = editor.chain().focus();
  (position == null ? chain.insertContent(content) : chain.insertContentAt(position, content)).run();
}

// The upload: the file goes up at once with a progress bar (images/stash.py),
// then the editor describes it and it joins the library.
function uploadForm(options, file, done) {
  const form = element("form", { className: "prose-block-upload" });
  const bar = element("progress", { max: 100, value: 0 });
  bar.setAttribute("aria-label", "Upload progress");
  const status = element("p", { role: "status", textContent: `Uploading ${file.name}…` });
  const preview = element("div", { className: "prose-block-upload-preview" });
  const field = (name, label, required) => {
    const input = element("input", { type: "text", name, className: "vTextField", required });
    const error = element("span", { className: "errornote prose-block-error", hidden: true });
    error.dataset.field = name;
    return element("label", {}, `${label} `, input, error);
  };
  const token = element("input", { type: "hidden", name: "stashed_upload" });
  const submit = element("button", { type: "submit", className: "default", textContent: "Add and place it", disabled: true });
  form.append(
    bar, status, preview, token,
    field("alt_text", "Alt text (what the picture shows, for people who cannot see it)", true),
    field("caption", "Caption", false),
    field("credit", "Credit (shown as “Pic: …”)", false),
    submit,
  );
  const data = new FormData();
  data.append("csrfmiddlewaretoken", csrf());
  data.append("upload", file, file.name || "picture");
  const request = new XMLHttpRequest();
  request.open("POST", options.stashUrl);
  request.upload.addEventListener("progress", (event) => {
    if (event.lengthComputable) bar.value = Math.round((100 * event.loaded) / event.total);
  });
  request.addEventListener("load", () => {
    let answer = {};
    try { answer = JSON.parse(request.responseText); } catch (error) { answer = {}; }
    bar.hidden = true;
    if (!answer.token) {
      status.textContent = `It could not be uploaded: ${answer.error || "it was refused"}`;
      status.className = "errornote";
      return;
    }
    token.value = answer.token;
    status.textContent = `Uploaded: ${answer.filename}. Describe it, then add it.`;
    preview.replaceChildren(element("img", { src: answer.thumbnail, alt: "", width: 120 }));
    submit.disabled = false;
    form.querySelector("input[name='alt_text']").focus();
  });
  request.addEventListener("error", () => {
    status.textContent = "The upload failed (the connection was interrupted).";
    status.className = "errornote";
  });
  request.send(data);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = new FormData(form);
    body.append("csrfmiddlewaretoken", csrf());
    submit.disabled = true;
    const response = await fetch(options.blockImageUrl, { method: "POST", body, credentials: "same-origin" });
    const answer = await response.json().catch(() => ({ errors: { alt_text: "The server did not answer." } }));
    submit.disabled = false;
    for (const error of form.querySelectorAll(".prose-block-error")) {
      const message = (answer.errors || {})[error.dataset.field];
      error.hidden = !message;
      error.textContent = message || "";
    }
    const other = Object.entries(answer.errors || {}).filter(([name]) => !form.querySelector(`[data-field='${name}']`));
    status.textContent = other.length ? other.map(([, message]) => message).join(" ") : status.textContent;
    if (answer.id) done(answer.id);
  });
  return form;
}

function chooseImage(options, editor, position = null, file = null) {
  const { box, close } = dialog("Place an image");
  const place = (id) => {
    insert(editor, position, "image", { image: String(id) });
    box.close();
  };
  const area = element("div", { className: "prose-block-upload-area" });
  if (file) {
    area.append(uploadForm(options, file, place));
    box.append(area, close);
  } else {
    const picker = element("input", { type: "file", accept: "image/*" });
    picker.setAttribute("aria-label", "Upload a new picture");
    picker.addEventListener("change", () => {
      if (picker.files[0]) area.replaceChildren(uploadForm(options, picker.files[0], place));
    });
    area.append(element("label", {}, "Upload a new picture: ", picker));
    box.append(area, element("h3", { textContent: "Or choose one from the library" }));
    box.append(...searchList(options, "image", "Search the library", (result) => place(result.id)), close);
  }
  box.showModal();
}

function chooseFrom(options, editor, kind, title, label) {
  const { box, close } = dialog(title);
  const attribute = kind === "related" ? "article" : "gallery";
  box.append(
    ...searchList(options, kind, label, (result) => {
      insert(editor, null, kind, { [attribute]: String(result.id) });
      box.close();
    }),
    close
  );
  box.showModal();
}

function chooseEmbed(options, editor) {
  const { box, close } = dialog("Embed a video, post, chart or sound");
  const form = element("form", { className: "prose-block-embed" });
  const url = element("input", { type: "url", name: "url", className: "vTextField", required: true });
  const title = element("input", { type: "text", name: "title", className: "vTextField" });
  const error = element("p", { className: "errornote", hidden: true });
  form.append(
    element("label", {}, "Address (as you would share it) ", url),
    element("label", {}, "Title (what it shows, for readers before they load it) ", title),
    error,
    element("button", { type: "submit", className: "default", textContent: "Embed it" })
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const attrs = { url: url.value.trim(), title: title.value.trim() };
    preview(options, "embed", attrs).then(
      () => {
        insert(editor, null, "embed", attrs);
        box.close();
      },
      () => {
        error.hidden = false;
        error.textContent = `This address cannot be embedded. ${options.embedsSupported || ""}`.trim();
      }
    );
  });
  box.append(form, close);
  box.showModal();
}

// --- The extension -----------------------------------------------------------------

function imageFiles(transfer) {
  return [...((transfer && transfer.files) || [])].filter((file) => file.type.startsWith("image/"));
}

export const NewsroomBlocks = Extension.create({
  name: "NewsroomBlocks",

  addOptions() {
    return { blocksUrl: "", blockImageUrl: "", stashUrl: "", embedsSupported: "" };
  },

  addExtensions() {
    return Object.keys(KINDS).map((kind) => blockNode(this.options, kind));
  },

  addMenuItems({ menu, buttons }) {
    const options = this.options;
    const items = [
      ["blockImage", "Image", "Place an image at the cursor", (editor) => chooseImage(options, editor)],
      ["blockRelated", "Related", "Place a related story at the cursor",
        (editor) => chooseFrom(options, editor, "related", "Place a related story", "Search headlines")],
      ["blockGallery", "Gallery", "Place a gallery at the cursor",
        (editor) => chooseFrom(options, editor, "gallery", "Place a gallery", "Search galleries")],
      ["blockEmbed", "Embed", "Embed a video, post, chart or sound at the cursor", (editor) => chooseEmbed(options, editor)],
    ];
    for (const [name, text, title, command] of items) {
      const button = buttons.text(text, title);
      // Keep the cursor in the text: the block goes where it is.
      button.addEventListener("mousedown", (event) => event.preventDefault());
      menu.defineItem({ name, groups: "nodes", button, command, enabled: () => true });
    }
  },

  addProseMirrorPlugins() {
    const options = this.options;
    const editor = this.editor;
    const take = (files, position) => {
      // One picture at a time: each is described before it is placed.
      files.slice(0, 1).forEach((file) => chooseImage(options, editor, position, file));
      return true;
    };
    return [
      new Plugin({
        props: {
          handlePaste(view, event) {
            const files = imageFiles(event.clipboardData);
            const html = event.clipboardData ? event.clipboardData.getData("text/html") : "";
            if (!files.length || html) return false; // HTML with its pictures: prose-writing.js
            return take(files, view.state.selection.from);
          },
          handleDrop(view, event) {
            const files = imageFiles(event.dataTransfer);
            if (!files.length) return false;
            event.preventDefault();
            const found = view.posAtCoords({ left: event.clientX, top: event.clientY });
            return take(files, found ? found.pos : view.state.selection.from);
          },
        },
      }),
    ];
  },
});
