// The article body editor's writing aids, as a Tiptap extension that
// django-prose-editor loads (settings.DJANGO_PROSE_EDITOR_EXTENSIONS; switched
// on in articles/body.py EDITOR_EXTENSIONS):
// - a word and character count under the editor, kept up to date;
// - curly quotes as you type (“…”, ‘…’, and ’ in "don’t");
// - paste from Word, Google Docs or LibreOffice that keeps headings (the top
//   level becomes H2, the next H3, deeper ones H4), lists (Word's paragraph
//   "lists" too), bold, italics and tables, without the inline styles the Content
//   Security Policy refuses;
// - pasted pictures are never dropped silently: a picture the pasted HTML carries
//   (a data: address) is uploaded to the image library's kept files with a link
//   to add it with its alt text; one the word processor keeps on its side is
//   named in a message saying how to bring it over. (A picture file pasted or
//   dropped on its own becomes an image block: static/js/prose-blocks.js.)
import { Extension, Plugin, textInputRule } from "django-prose-editor/editor";

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const STYLE_ATTRIBUTE = /(<[a-zA-Z][^>]*?)\sstyle\s*=\s*/g;

function counts(doc) {
  const text = doc.textBetween(0, doc.content.size, "\n", "\n");
  return { words: (text.match(WORD) || []).length, characters: doc.textContent.length };
}

function plural(number, word) {
  return `${number.toLocaleString("en-GB")} ${word}${number === 1 ? "" : "s"}`;
}

// --- Paste ------------------------------------------------------------------------

function unwrap(element) {
  element.replaceWith(...element.childNodes);
}

function rename(element, tag) {
  const replacement = element.ownerDocument.createElement(tag);
  replacement.append(...element.childNodes);
  element.replaceWith(replacement);
  return replacement;
}

function wrapContents(element, tag) {
  const wrapper = element.ownerDocument.createElement(tag);
  wrapper.append(...element.childNodes);
  element.append(wrapper);
}

// Bold and italics that Google Docs writes as styles become <strong> and <em>.
function stylesToMarks(doc) {
  for (const element of doc.querySelectorAll("[data-pasted-style]")) {
    const style = element.getAttribute("data-pasted-style").toLowerCase();
    const heading = /^H\d$/.test(element.tagName);
    if (!heading && /font-weight\s*:\s*(bold|[6-9]00)/.test(style)) wrapContents(element, "strong");
    if (/font-style\s*:\s*italic/.test(style)) wrapContents(element, "em");
  }
}

// The highest heading level pasted becomes H2, the next H3, any deeper H4.
function headings(doc) {
  const found = [...doc.querySelectorAll("h1, h2, h3, h4, h5, h6")];
  if (!found.length) return;
  const top = Math.min(...found.map((h) => Number(h.tagName[1])));
  for (const heading of found) {
    rename(heading, `h${Math.min(2 + Number(heading.tagName[1]) - top, 4)}`);
  }
}

// Word's lists are paragraphs with an "mso-list" style and a typed bullet or number.
function wordLists(doc) {
  const items = [...doc.querySelectorAll("p[data-pasted-style*='mso-list']")];
  let stack = [];
  let previous = null;
  for (const paragraph of items) {
    const style = paragraph.getAttribute("data-pasted-style");
    const level = Number((/level(\d+)/.exec(style) || [0, 1])[1]);
    const marker = paragraph.querySelector("[data-pasted-style*='mso-list:Ignore'], [data-pasted-style*='mso-list: Ignore']");
    const ordered = marker ? /^\s*[\divxlc]+[.)]/i.test(marker.textContent) : false;
    if (marker) marker.remove();
    if (previous === null || paragraph.previousElementSibling !== previous) stack = [];
    while (stack.length > level) stack.pop();
    while (stack.length < level) {
      const list = doc.createElement(ordered ? "ol" : "ul");
      if (stack.length) {
        const parentList = stack[stack.length - 1];
        (parentList.lastElementChild || parentList.appendChild(doc.createElement("li"))).append(list);
      } else {
        paragraph.before(list);
      }
      stack.push(list);
    }
    const item = doc.createElement("li");
    item.append(...paragraph.childNodes);
    stack[stack.length - 1].append(item);
    previous = stack[0];
    paragraph.remove();
  }
}

function cleanPaste(html, pictures) {
  if (html.includes("data-pm-slice")) return html; // copied within the editor
  const styled = html
    .replace(/<!--\[if[\s\S]*?<!\[endif\]-->/gi, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<style[\s\S]*?<\/style>/gi, "")
    .replace(/<\/?(?:o|w|m|v):[^>]*>/gi, "")
    .replace(STYLE_ATTRIBUTE, "$1 data-pasted-style=");
  // Parsed in a document of its own, without styles: nothing is applied or loaded.
  const doc = new DOMParser().parseFromString(styled, "text/html");
  for (const element of doc.querySelectorAll("script, link, meta, title")) element.remove();
  for (const wrapper of doc.querySelectorAll("b[id^='docs-internal-guid']")) unwrap(wrapper);
  stylesToMarks(doc);
  wordLists(doc);
  headings(doc);
  for (const picture of doc.querySelectorAll("img")) {
    pictures.push({ src: picture.getAttribute("src") || "", alt: picture.getAttribute("alt") || "" });
    picture.remove();
  }
  for (const element of doc.querySelectorAll("[data-pasted-style]")) element.removeAttribute("data-pasted-style");
  // A list's numbering style is the site's (the body keeps no "type").
  for (const list of doc.querySelectorAll("ol[type], ul[type]")) list.removeAttribute("type");
  for (const paragraph of doc.querySelectorAll("p")) {
    if (!paragraph.textContent.replace(/[\s\u00a0]/g, "") && !paragraph.querySelector("br")) paragraph.remove();
  }
  return doc.body.innerHTML;
}

// --- Pasted pictures ------------------------------------------------------------------

function dataToBlob(src) {
  const match = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(src);
  if (!match) return null;
  const bytes = match[2]
    ? Uint8Array.from(atob(match[3]), (c) => c.charCodeAt(0))
    : new TextEncoder().encode(decodeURIComponent(match[3]));
  return new Blob([bytes], { type: match[1] });
}

function noticeFor(view) {
  const host = view.dom.closest(".prose-editor") || view.dom;
  let notice = host.parentElement.querySelector(":scope > .prose-paste-notice");
  if (!notice) {
    notice = document.createElement("div");
    notice.className = "prose-paste-notice";
    notice.setAttribute("role", "status");
    notice.dataset.testid = "paste-notice";
    const close = document.createElement("button");
    close.type = "button";
    close.className = "prose-paste-notice-close";
    close.textContent = "Dismiss";
    close.addEventListener("click", () => notice.remove());
    const list = document.createElement("ul");
    notice.append(list, close);
    // Under the editor and its count.
    const count = host.parentElement.querySelector(":scope > .prose-count");
    (count || host).after(notice);
  }
  return notice.querySelector("ul");
}

function say(view, ...parts) {
  const item = document.createElement("li");
  item.append(...parts);
  noticeFor(view).append(item);
  return item;
}

function link(href, text) {
  const a = document.createElement("a");
  a.href = href;
  a.target = "_blank";
  a.rel = "noopener";
  a.textContent = text;
  return a;
}

async function upload(options, view, blob, name, alt, number) {
  const item = say(view, `Picture ${number} from the paste (${name}): uploading…`);
  const data = new FormData();
  const csrf = document.querySelector("input[name='csrfmiddlewaretoken']");
  data.append("csrfmiddlewaretoken", csrf ? csrf.value : "");
  data.append("upload", blob, name);
  let answer = {};
  try {
    const response = await fetch(options.stashUrl, { method: "POST", body: data, credentials: "same-origin" });
    answer = await response.json();
  } catch (error) {
    answer = { error: "The upload failed (the connection was interrupted)." };
  }
  if (!answer.token) {
    item.replaceChildren(`Picture ${number} from the paste could not be uploaded: ${answer.error || "it was refused"}`);
    return;
  }
  const query = new URLSearchParams({ stashed_upload: answer.token, alt_text: alt, title: name });
  const thumbnail = document.createElement("img");
  thumbnail.src = answer.thumbnail;
  thumbnail.alt = "";
  thumbnail.width = 48;
  item.replaceChildren(
    thumbnail,
    `Picture ${number} from the paste is uploaded: `,
    link(`${options.libraryAddUrl}?${query}`, "add it to the image library"),
    " (describe it there), then place it with the editor's Image button."
  );
}

function handlePictures(options, view, pictures) {
  pictures.forEach((picture, index) => {
    const number = index + 1;
    const blob = picture.src.startsWith("data:") ? dataToBlob(picture.src) : null;
    if (blob) {
      const extension = (blob.type.split("/")[1] || "png").replace("jpeg", "jpg");
      upload(options, view, blob, `pasted-picture-${number}.${extension}`, picture.alt, number);
      return;
    }
    const where = /^https?:/i.test(picture.src) ? new URL(picture.src).host : "your computer";
    say(
      view,
      `Picture ${number} from the paste${picture.alt ? ` (“${picture.alt}”)` : ""} was not brought over: ` +
        `the word processor keeps it on ${where}, out of the editor's reach. Save it from the ` +
        "document and drop it into the text."
    );
  });
}

// --- The extension -------------------------------------------------------------------

export const NewsroomWriting = Extension.create({
  name: "NewsroomWriting",

  addOptions() {
    return { stashUrl: "", libraryAddUrl: "" };
  },

  addStorage() {
    return { pictures: [], report: () => {} };
  },

  addInputRules() {
    const opening = "(?:^|[\\s{[(<'\"\u2018\u201C\u2014\u2013-])";
    return [
      textInputRule({ find: new RegExp(`${opening}(")$`), replace: "\u201C" }),
      textInputRule({ find: /"$/, replace: "\u201D" }),
      textInputRule({ find: new RegExp(`${opening}(')$`), replace: "\u2018" }),
      textInputRule({ find: /'$/, replace: "\u2019" }),
    ];
  },

  transformPastedHTML(html) {
    const cleaned = cleanPaste(html, this.storage.pictures);
    this.storage.report();
    return cleaned;
  },

  onCreate() {
    // Pictures found in a paste are reported once the paste is in.
    this.storage.report = () => {
      if (!this.storage.pictures.length) return;
      setTimeout(() => {
        const pictures = this.storage.pictures.splice(0);
        if (pictures.length) handlePictures(this.options, this.editor.view, pictures);
      });
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin({
        view(view) {
          const counter = document.createElement("p");
          counter.className = "prose-count";
          counter.dataset.testid = "body-count";
          counter.setAttribute("aria-live", "polite");
          (view.dom.closest(".prose-editor") || view.dom).after(counter);
          const update = () => {
            const { words, characters } = counts(view.state.doc);
            counter.textContent = `${plural(words, "word")} · ${plural(characters, "character")}`;
          };
          update();
          return {
            update(updated, previous) {
              if (!previous || !updated.state.doc.eq(previous.doc)) update();
            },
            destroy() {
              counter.remove();
            },
          };
        },
      }),
    ];
  },
});
