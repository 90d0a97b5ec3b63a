// The focal-point picker on a library image's admin page. Clicking the picture
// sets the focal point (the "focal point across/down" fields) and moves the
// marker; in a crop mode, dragging across the picture draws that crop by hand.
// The outlines show what every crop keeps. They and the marker are SVG marks
// placed by their x/y/width/height attributes, which the server writes and this
// script moves (the Content Security Policy refuses style attributes). Without
// JavaScript the fields below the picture are typed in and the marks move when
// the page is saved.
"use strict";
(function () {
  const SHAPES = { "16:9": [16, 9], "1:1": [1, 1] };
  const CROP_INPUTS = { "16:9": "id_crop_wide", "1:1": "id_crop_square" };

  function setUp(picker) {
    const img = picker.querySelector("img");
    const marker = picker.querySelector(".focal-marker");
    const focalX = document.getElementById("id_focal_x");
    const focalY = document.getElementById("id_focal_y");
    if (!img || !marker || !focalX || !focalY) return;
    const width = Number(picker.dataset.width);
    const height = Number(picker.dataset.height);
    let mode = "focal";

    // The mode switch exists only with JavaScript, so it is made here.
    const modes = document.createElement("fieldset");
    modes.className = "focal-modes";
    modes.innerHTML = '<legend>Clicking the picture sets</legend>';
    for (const [value, label] of [["focal", "the focal point"], ["16:9", "the 16:9 crop"], ["1:1", "the 1:1 crop"]]) {
      const option = document.createElement("label");
      const radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "focal-mode";
      radio.value = value;
      radio.checked = value === mode;
      radio.addEventListener("change", () => { mode = value; picker.dataset.mode = value; });
      option.append(radio, " " + label);
      modes.append(option);
    }
    picker.before(modes);

    function fraction(event) {
      const rect = img.getBoundingClientRect();
      return [
        Math.min(Math.max((event.clientX - rect.left) / rect.width, 0), 1),
        Math.min(Math.max((event.clientY - rect.top) / rect.height, 0), 1),
      ];
    }

    // The same rule as images/crops.py crop_box(), in pixels of the picture.
    function cropBox(crop) {
      const [across, down] = SHAPES[crop];
      let boxWidth = width, boxHeight = (width * down) / across;
      if (width * down > height * across) { boxWidth = (height * across) / down; boxHeight = height; }
      let left, top;
      const typed = (document.getElementById(CROP_INPUTS[crop]) || {}).value || "";
      const parts = typed.replace(/%/g, "").split(",").map(Number);
      if (parts.length === 3 && parts.every(Number.isFinite) && parts[2] > 0) {
        const scale = Math.min(1, (parts[2] / 100) * width / boxWidth);
        boxWidth *= scale; boxHeight *= scale;
        left = (parts[0] / 100) * width; top = (parts[1] / 100) * height;
      } else {
        left = Number(focalX.value) * width - boxWidth / 2;
        top = Number(focalY.value) * height - boxHeight / 2;
      }
      left = Math.min(Math.max(left, 0), width - boxWidth);
      top = Math.min(Math.max(top, 0), height - boxHeight);
      return [left, top, boxWidth, boxHeight];
    }

    function place(mark, attributes) {
      for (const [name, value] of Object.entries(attributes)) mark.setAttribute(name, `${value}%`);
    }

    function draw() {
      const x = Number(focalX.value), y = Number(focalY.value);
      if (Number.isFinite(x) && Number.isFinite(y)) {
        place(marker, { x: Math.min(Math.max(x, 0), 1) * 100, y: Math.min(Math.max(y, 0), 1) * 100 });
      }
      for (const outline of picker.querySelectorAll(".crop-outline")) {
        const [left, top, w, h] = cropBox(outline.dataset.crop);
        place(outline, {
          x: (100 * left) / width,
          y: (100 * top) / height,
          width: (100 * w) / width,
          height: (100 * h) / height,
        });
      }
    }

    let start = null;
    picker.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      if (mode === "focal") {
        const [x, y] = fraction(event);
        focalX.value = x.toFixed(3);
        focalY.value = y.toFixed(3);
        focalX.dispatchEvent(new Event("change", { bubbles: true }));
        draw();
        return;
      }
      start = fraction(event);
      picker.setPointerCapture(event.pointerId);
    });
    picker.addEventListener("pointermove", (event) => {
      if (start === null) return;
      const input = document.getElementById(CROP_INPUTS[mode]);
      const [across, down] = SHAPES[mode];
      const [x, y] = fraction(event);
      // The drag's width decides the size; the shape decides the height.
      let w = Math.max(Math.abs(x - start[0]) * width, 16);
      let h = (w * down) / across;
      if (h > height) { h = height; w = (h * across) / down; }
      const left = Math.min(x, start[0]) * width;
      const top = y < start[1] ? start[1] * height - h : start[1] * height;
      const clampedLeft = Math.min(Math.max(left, 0), width - w);
      const clampedTop = Math.min(Math.max(top, 0), height - h);
      input.value = [clampedLeft / width, clampedTop / height, w / width]
        .map((value) => (value * 100).toFixed(1)).join(", ");
      draw();
    });
    const finish = () => { start = null; };
    picker.addEventListener("pointerup", finish);
    picker.addEventListener("pointercancel", finish);

    for (const input of [focalX, focalY, ...Object.values(CROP_INPUTS).map((id) => document.getElementById(id))]) {
      if (input) input.addEventListener("input", draw);
    }
    picker.classList.add("focal-picker-ready");
    draw();
  }

  function start() { document.querySelectorAll(".focal-picker").forEach(setUp); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
