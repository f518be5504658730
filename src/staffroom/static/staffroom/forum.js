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
// A combobox with a listbox popup (WAI-ARIA 1.2, list autocomplete): typing searches the
// published resources, Up/Down move through them (aria-activedescendant keeps focus in the
// box), Enter or a click adds the chosen one's address to the resources field, Escape closes.
// A polite status says how many were found and which one was added.
let pickers = 0;
document.querySelectorAll("textarea[data-resource-picker]").forEach((field) => {
  const number = ++pickers;
  const id = `resource-picker-${number}`;
  const wrapper = Object.assign(document.createElement("div"), { className: "resource-picker" });
  const label = Object.assign(document.createElement("label"), { htmlFor: id, textContent: field.dataset.pickerLabel });
  const help = Object.assign(document.createElement("p"), { id: `${id}-help`, className: "help", textContent: field.dataset.pickerHelp });
  const input = Object.assign(document.createElement("input"), { id, type: "text", autocomplete: "off", spellcheck: false });
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", `${id}-listbox`);
  input.setAttribute("aria-describedby", help.id);
  const listbox = Object.assign(document.createElement("ul"), { id: `${id}-listbox`, hidden: true });
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", field.dataset.pickerListbox || "");
  const status = Object.assign(document.createElement("div"), { className: "visually-hidden" });
  status.setAttribute("role", "status");
  wrapper.append(label, help, input, listbox, status);
  // Above the field's own label, so that the field keeps its label next to it.
  const container = field.closest(".field") || field;
  container.before(wrapper);

  let options = [];
  let active = -1;
  let timer;
  let controller;
  let asked = 0;

  const setActive = (index) => {
    options[active]?.setAttribute("aria-selected", "false");
    active = index;
    const option = options[active];
    if (option) {
      option.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };
  const open = () => {
    if (!options.length) return;
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
  };
  const close = () => {
    setActive(-1);
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
  };
  const show = (items) => {
    active = -1;
    input.removeAttribute("aria-activedescendant");
    options = items.map((item, index) => {
      const option = Object.assign(document.createElement("li"), { id: `${id}-option-${index}`, textContent: item.title });
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.address = item.address;
      option.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus
      option.addEventListener("click", () => pick(option));
      return option;
    });
    listbox.replaceChildren(...options);
  };
  const pick = (option) => {
    const address = option.dataset.address;
    const lines = field.value.split(/[\s,;]+/).filter(Boolean);
    if (!lines.includes(address)) {
      field.value = field.value.trim() ? `${field.value.trim()}\n${address}` : address;
      field.dispatchEvent(new Event("input", { bubbles: true }));
    }
    status.textContent = (field.dataset.pickerAdded || "%(title)s").replace("%(title)s", option.textContent);
    input.value = "";
    close();
    show([]);
  };
  const ask = async () => {
    const text = input.value.trim();
    const number = ++asked;
    controller?.abort();
    if (text.length < 2) {
      show([]);
      close();
      return;
    }
    controller = new AbortController();
    try {
      const response = await fetch(`${field.dataset.resourcePicker}?q=${encodeURIComponent(text)}`, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const answer = await response.json();
      if (number !== asked) return;
      show(answer.items);
      status.textContent = answer.status;
      if (options.length && document.activeElement === input) open();
      else close();
    } catch (error) {
      if (error.name !== "AbortError") console.warn("Resource picker:", error);
    }
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, 250);
  });
  input.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.isComposing) return;
    const closed = listbox.hidden;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        if (!options.length) return;
        open();
        const lastIndex = options.length - 1;
        if (event.key === "ArrowDown") setActive(closed || active >= lastIndex ? 0 : active + 1);
        else setActive(closed || active <= 0 ? lastIndex : active - 1);
        return;
      }
      case "Enter":
        // Never submits the form from the search box: Enter picks, or does nothing.
        event.preventDefault();
        if (!closed && options[active]) pick(options[active]);
        return;
      case "Escape":
        if (!closed) {
          event.preventDefault();
          close();
        }
        return;
      default:
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
});
