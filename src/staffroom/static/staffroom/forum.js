// Helpers of the teachers' room's forms (loaded by the ask, question and answer pages only).
// Both enhance what works without JavaScript: the ask form still shows strong matches before
// posting, and the resources field still takes typed addresses.
"use strict";

// --- Similar questions while asking ----------------------------------------------------------
// As the member types the title, the questions like it (from the forum search) appear below
// it. The server renders them as an HTML fragment; the box is aria-live="polite", so a screen
// reader says they arrived without moving focus. Requests wait until typing pauses.
document.querySelectorAll("[data-similar-url]").forEach((box) => {
  const input = document.getElementById(box.dataset.for);
  if (!input) return;
  let timer;
  let controller;
  let asked = 0;
  let last = "";
  const ask = async () => {
    const title = input.value.trim();
    if (title === last) return;
    last = title;
    const number = ++asked;
    controller?.abort();
    if (title.length < 10) {
      box.replaceChildren();
      return;
    }
    controller = new AbortController();
    try {
      const response = await fetch(`${box.dataset.similarUrl}?title=${encodeURIComponent(title)}`, {
        signal: controller.signal,
        headers: { "X-Requested-With": "fetch" },
      });
      if (!response.ok || number !== asked) return;
      const html = await response.text();
      if (number !== asked) return;
      // The fragment is our own server's template output (escaped by Django).
      box.innerHTML = html;
    } catch (error) {
      if (error.name !== "AbortError") console.warn("Similar questions:", error);
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 400);
  });
  if (input.value.trim()) ask();
});

// --- "Link a resource": a search box over the resources field ---------------------------------
// The site's combobox (site.js, staffroomCombobox) over the published resources: Enter or a
// click adds the chosen one's address to the resources field. A polite status says how many
// were found and which one was added.
let pickers = 0;
document.querySelectorAll("textarea[data-resource-picker]").forEach((field) => {
  const number = ++pickers;
  const id = `resource-picker-${number}`;
  const wrapper = Object.assign(document.createElement("div"), { className: "resource-picker" });
  const label = Object.assign(document.createElement("label"), { htmlFor: id, textContent: field.dataset.pickerLabel });
  const help = Object.assign(document.createElement("p"), { id: `${id}-help`, className: "help", textContent: field.dataset.pickerHelp });
  const input = Object.assign(document.createElement("input"), { id, type: "text", autocomplete: "off", spellcheck: false });
  input.setAttribute("aria-describedby", help.id);
  const listbox = Object.assign(document.createElement("ul"), { id: `${id}-listbox`, hidden: true });
  listbox.setAttribute("aria-label", field.dataset.pickerListbox || "");
  const status = Object.assign(document.createElement("div"), { className: "visually-hidden" });
  status.setAttribute("role", "status");
  wrapper.append(label, help, input, listbox, status);
  // Above the field's own label, so that the field keeps its label next to it.
  const container = field.closest(".field") || field;
  container.before(wrapper);

  const render = ({ items }) => {
    const options = items.map((item, index) => {
      const option = Object.assign(document.createElement("li"), { id: `${id}-option-${index}`, textContent: item.title });
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.address = item.address;
      return option;
    });
    listbox.replaceChildren(...options);
    return options;
  };
  // The chosen resource's address goes on a line of its own in the field (once).
  const pick = (option) => {
    const address = option.dataset.address;
    const lines = field.value.split(/[\s,;]+/).filter(Boolean);
    if (!lines.includes(address)) {
      field.value = field.value.trim() ? `${field.value.trim()}\n${address}` : address;
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
    status.textContent = (field.dataset.pickerAdded || "%(title)s").replace("%(title)s", option.textContent);
    input.value = "";
    combobox.clear();
  };
  // Enter never sends the forum's form from the picker: it picks, or does nothing.
  const combobox = window.staffroomCombobox(input, listbox, status, {
    url: field.dataset.resourcePicker,
    render,
    pick,
    box: wrapper,
    delay: 250,
    enterSubmits: false,
    name: "Resource picker",
  });
});
