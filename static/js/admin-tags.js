"use strict";
// Turns the article's comma-separated tags box into a picker: existing tags are
// suggested as the editor types, new ones are created by typing them and pressing
// Enter or a comma. The text box stays the form field; it is only hidden.
{
  const $ = django.jQuery;

  function quote(name) {
    return /[,\s"]/.test(name) ? '"' + name.replace(/"/g, "") + '"' : name;
  }

  function parse(value) {
    const names = [];
    const re = /"([^"]*)"|([^,]+)/g;
    let match;
    const hasComma = value.includes(",");
    if (!hasComma && !value.includes('"')) {
      return value.split(/\s+/).filter(Boolean);
    }
    while ((match = re.exec(value)) !== null) {
      const name = (match[1] !== undefined ? match[1] : match[2]).trim();
      if (name) names.push(name);
    }
    return names;
  }

  function upgrade(input) {
    const select = document.createElement("select");
    select.multiple = true;
    select.setAttribute("aria-label", "Tags");
    for (const name of parse(input.value)) {
      select.add(new Option(name, name, true, true));
    }
    input.type = "hidden";
    input.after(select);
    $(select).select2({
      tags: true,
      tokenSeparators: [","],
      width: "100%",
      placeholder: "Type to find or add tags",
      ajax: {
        url: input.dataset.url,
        dataType: "json",
        delay: 150,
        data: (params) => ({ term: params.term || "" }),
      },
      createTag: (params) => {
        const term = params.term.trim();
        return term ? { id: term, text: term } : null;
      },
    });
    $(select).on("change", () => {
      input.value = $(select).val().map(quote).join(", ");
    });
  }

  $(() => document.querySelectorAll("input[data-tag-autocomplete]").forEach(upgrade));
}
