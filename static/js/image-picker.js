// Thumbnails in the admin's pickers of library images (lead image, author photo,
// images in the body, teaser pictures). Only an enhancement: the picker searches
// and chooses the same without it.
"use strict";
function setUpImagePickers() {
  // The admin may load this before its own jQuery set-up: wait for the page.
  const $ = window.django && window.django.jQuery;
  if (!$) return;

  function thumbnailUrl(select, id) {
    // The picker asks "<admin>/autocomplete/"; the thumbnail is "<admin>/images/captionedimage/<id>/thumbnail/".
    const admin = (select.dataset.ajaxUrl || select.getAttribute("data-ajax--url") || "/admin/autocomplete/")
      .replace(/autocomplete\/?$/, "");
    return `${admin}images/captionedimage/${encodeURIComponent(id)}/thumbnail/`;
  }

  function withThumbnail(select) {
    return function (result) {
      if (!result.id || result.loading) return result.text;
      const row = document.createElement("span");
      row.className = "image-choice";
      const img = document.createElement("img");
      img.src = thumbnailUrl(select, result.id);
      img.alt = "";
      img.width = 48;
      img.height = 48;
      img.loading = "lazy";
      row.append(img, document.createTextNode(result.text));
      return row;
    };
  }

  // Select2 reads templateResult each time it draws results, so setting it on
  // the open picker is enough, including pickers added with "Add another".
  $(document).on("select2:opening", "select.admin-autocomplete", function () {
    if (!this.closest('.related-widget-wrapper[data-model-ref="captionedimage"]')) return;
    const instance = $(this).data("select2");
    if (instance && instance.options) instance.options.set("templateResult", withThumbnail(this));
  });
}
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpImagePickers);
else setUpImagePickers();
