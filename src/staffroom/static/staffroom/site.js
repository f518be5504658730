// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add("js");

// The preference selects (region, language) apply only with their button: a change alone never
// reloads the page (WCAG 3.2.2), so arrow keys can move through the options.

// The phone header's menu button (base.html): opens and closes the navigation; Escape closes it
// and returns focus to the button. Without JavaScript the menu link opens it as :target.
document.querySelectorAll("button.menu-toggle[aria-controls]").forEach((button) => {
  const menu = document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) return;
  button.hidden = false;
  const setOpen = (open) => {
    menu.classList.toggle("open", open);
    button.setAttribute("aria-expanded", String(open));
  };
  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
    if (getComputedStyle(button).display === "none") return; // wide screens: no menu to close
    setOpen(false);
    button.focus();
  });
});

// Copy buttons for the attribution line.
document.querySelectorAll("[data-copy]").forEach((button) => {
  const source = document.querySelector(button.dataset.copy);
  if (!source || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(source.value);
    button.textContent = button.dataset.copied || "✓";
  });
});

// Live filtering: fetch only the part of the page that changes and keep the address in sync.
// The search page replaces its filters too (their counts change with every choice), so the
// listener sits on the document, focus returns to the select or checkbox that was used, and
// the parts that were open (the filter drawer, branches of the level tree) stay open. A
// quicker second choice wins over the answer to the first.
let liveAsked = 0;
document.addEventListener("change", async (event) => {
  const form = event.target.closest("form[data-live-results]");
  if (!form || !event.target.matches("select, input[type=checkbox], input[type=radio]")) return;
  const target = document.querySelector(form.dataset.liveResults);
  if (!target) return;
  const params = new URLSearchParams([...new FormData(form)].filter(([, value]) => value));
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
  params.set("fragment", form.dataset.liveFragment || "results");
  const asked = ++liveAsked;
  const response = await fetch(`${form.action}?${params}`, { headers: { "X-Requested-With": "fetch" } });
  if (!response.ok || asked !== liveAsked) return;
  const focused = event.target.id;
  const open = [...target.querySelectorAll("details[id][open]")].map((details) => details.id);
  const html = await response.text();
  if (asked !== liveAsked) return;
  target.innerHTML = html;
  for (const id of open) document.getElementById(id)?.setAttribute("open", "");
  fitFilterDrawers();
  if (focused) document.getElementById(focused)?.focus();
  // Forms that carry the current filters along (the search box, "Save this search").
  params.delete("fragment");
  params.delete("page");
  document.querySelectorAll("form[data-carry-filters]").forEach((other) => {
    other.querySelectorAll("input[type=hidden][data-carried]").forEach((input) => input.remove());
    for (const [name, value] of params) {
      if (name === "q") continue;
      other.append(Object.assign(document.createElement("input"), { type: "hidden", name, value }));
      other.lastElementChild.dataset.carried = "";
    }
  });
});

// The search filters: a sidebar on wide screens (the drawer kept open, its summary hidden by
// site.css), a closed drawer above the results on narrow ones. Without JavaScript the drawer
// starts closed, and wide screens whose browser can style ::details-content show it anyway.
const wideScreen = window.matchMedia("(min-width: 48rem)");
function fitFilterDrawers() {
  document.querySelectorAll("details.filter-drawer").forEach((drawer) => {
    if (wideScreen.matches) drawer.open = true;
  });
}
fitFilterDrawers();
wideScreen.addEventListener("change", () => {
  if (!wideScreen.matches) document.querySelectorAll("details.filter-drawer").forEach((drawer) => { drawer.open = false; });
  fitFilterDrawers();
});

// Contribute form: show the file field for files and the address field for links and embeds.
// Without JavaScript both stay visible and the server says which one is missing.
const kindInputs = document.querySelectorAll("input[name=kind]");
const filesField = document.getElementById("id_files")?.closest(".field");
const urlField = document.getElementById("id_url")?.closest(".field");
if (kindInputs.length && filesField && urlField) {
  const showFor = () => {
    const kind = document.querySelector("input[name=kind]:checked")?.value || "file";
    filesField.hidden = kind !== "file";
    urlField.hidden = kind === "file";
  };
  kindInputs.forEach((input) => input.addEventListener("change", showFor));
  showFor();
}

// A text box as a combobox with a listbox popup (the WAI-ARIA 1.2 pattern, list
// autocomplete), shared by the search suggestions below and the forum's resource picker
// (forum.js). As the member types, it asks `url?q=` and lets `render(answer)` fill the listbox
// and return its options; arrow keys move through them, Enter hands the active one to
// `pick` (or, where `enterSubmits`, lets the form go when none is active), Escape, Tab or a
// click elsewhere close them, and the polite `status` says what the answer says. Older
// answers than the latest request are ignored. Returns { clear } to empty the list.
window.staffroomCombobox = (input, listbox, status, { url, render, pick, box, delay = 150, enterSubmits = true, name = "Combobox" }) => {
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);
  listbox.setAttribute("role", "listbox");

  let options = [];
  let active = -1;
  let timer;
  let controller;
  let asked = 0; // the number of the latest request: older answers are ignored

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
  // Keep the popup on the screen: shift it left where the box sits near the right edge, and
  // no taller than the room below the box (it scrolls).
  const fit = () => {
    listbox.style.left = "";
    const room = window.innerHeight - box.getBoundingClientRect().bottom - 8;
    listbox.style.maxHeight = room >= 160 ? `min(26rem, ${room}px)` : "";
    const overflow = listbox.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
    if (overflow > 0) listbox.style.left = `${-Math.min(overflow, box.getBoundingClientRect().left - 8)}px`;
  };
  const open = () => {
    if (!options.length) return;
    listbox.hidden = false;
    input.setAttribute("aria-expanded", "true");
    fit();
  };
  const close = () => {
    setActive(-1);
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
  };
  const show = (answer) => {
    active = -1;
    input.removeAttribute("aria-activedescendant");
    if (answer) {
      options = render(answer);
    } else {
      options = [];
      listbox.replaceChildren();
    }
  };
  const choose = (option) => {
    close();
    pick(option);
  };
  const ask = async () => {
    const text = input.value.trim();
    const number = ++asked;
    controller?.abort();
    if (text.length < 2) {
      show(null);
      close();
      status.textContent = "";
      return;
    }
    controller = new AbortController();
    try {
      const response = await fetch(`${url}?q=${encodeURIComponent(text)}`, { signal: controller.signal, headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const answer = await response.json();
      if (number !== asked) return;
      show(answer);
      status.textContent = answer.status;
      if (options.length && document.activeElement === input) open();
      else close();
    } catch (error) {
      if (error.name !== "AbortError") console.warn(`${name}:`, error);
    }
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(ask, delay);
  });
  input.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.isComposing) return;
    const closed = listbox.hidden;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        if (!options.length) {
          if (closed) ask();
          return;
        }
        open();
        if (event.altKey) return; // Alt+Down opens without moving
        const last = options.length - 1;
        if (event.key === "ArrowDown") setActive(closed || active >= last ? 0 : active + 1);
        else setActive(closed || active <= 0 ? last : active - 1);
        return;
      }
      case "Enter":
        if (!closed && options[active]) {
          event.preventDefault();
          choose(options[active]);
        } else {
          if (!enterSubmits) event.preventDefault();
          close();
        }
        return;
      case "Escape":
        if (!closed) {
          event.preventDefault(); // a second Escape clears the box, as browsers do
          close();
        }
        return;
      case "Tab":
        close();
        return;
      case "Home":
      case "End":
      case "ArrowLeft":
      case "ArrowRight":
        setActive(-1); // the keys move the caret in the box again
        return;
    }
  });
  input.addEventListener("blur", close);
  listbox.addEventListener("mousedown", (event) => event.preventDefault()); // keep focus in the box
  listbox.addEventListener("click", (event) => {
    const option = event.target.closest("[role=option]");
    if (option) choose(option);
  });
  document.addEventListener("pointerdown", (event) => {
    if (!box.contains(event.target)) close();
  });
  window.addEventListener("resize", () => {
    if (!listbox.hidden) fit();
  });
  return { clear: () => show(null) };
};

// Suggestions as you type in the search boxes. The server groups the suggestions (levels,
// subjects, themes, titles) and gives each the address picking it leads to: a level or
// subject applies its filter, a theme searches for it, a title opens the resource. Enter
// without an active suggestion searches. Without JavaScript the boxes are plain search boxes.
document.querySelectorAll("input[data-suggest]").forEach((input) => {
  const box = input.closest(".combobox") || input.parentElement;
  const listbox = Object.assign(document.createElement("div"), { id: `${input.id}-suggestions`, className: "suggestions", hidden: true });
  listbox.setAttribute("aria-label", input.dataset.suggestLabel || "");
  const status = Object.assign(document.createElement("div"), { className: "visually-hidden" });
  status.setAttribute("role", "status");
  box.append(listbox, status);

  const render = ({ groups }) => {
    const options = [];
    listbox.replaceChildren(...groups.map((group, number) => {
      const list = document.createElement("ul");
      list.setAttribute("role", "group");
      list.setAttribute("aria-labelledby", `${listbox.id}-g${number}`);
      const label = Object.assign(document.createElement("li"), { id: `${listbox.id}-g${number}`, className: "suggestion-group", textContent: group.label });
      label.setAttribute("role", "presentation");
      list.append(label);
      for (const item of group.items) {
        const option = Object.assign(document.createElement("li"), { id: `${listbox.id}-${options.length}`, textContent: item.label });
        option.setAttribute("role", "option");
        option.dataset.url = item.url;
        option.dataset.kind = group.kind;
        options.push(option);
        list.append(option);
      }
      return list;
    }));
    return options;
  };
  // Where an option leads; a filter or theme keeps the filters the search form carries.
  const target = (option) => {
    const url = new URL(option.dataset.url, location.href);
    if (option.dataset.kind !== "title" && input.form) {
      for (const carried of input.form.querySelectorAll("input[type=hidden][name]")) {
        if (carried.name !== "q" && !url.searchParams.has(carried.name)) url.searchParams.set(carried.name, carried.value);
      }
    }
    return url.href;
  };
  window.staffroomCombobox(input, listbox, status, {
    url: input.dataset.suggest,
    render,
    pick: (option) => location.assign(target(option)),
    box,
    name: "Suggestions",
  });
});

// Live Q&A: the question list reloads itself from its fragment address while the event runs
// (not while someone types in it), and its forms (votes, answered, groups) are sent with fetch
// so the page stays where it is. Without JavaScript they post and come back.
document.querySelectorAll("[data-live-list]").forEach((list) => {
  const status = document.getElementById(list.dataset.liveStatus);
  const headers = { "X-Requested-With": "fetch" };
  const reload = async () => {
    const response = await fetch(list.dataset.liveList, { headers });
    if (!response.ok) return;
    const focused = list.contains(document.activeElement) ? document.activeElement.id : "";
    list.innerHTML = await response.text();
    if (focused) document.getElementById(focused)?.focus();
  };
  list.addEventListener("submit", async (event) => {
    const form = event.target.closest("form[data-live-form]");
    if (!form) return;
    event.preventDefault();
    const response = await fetch(form.action, { method: "POST", body: new FormData(form), headers });
    const { message } = await response.json().catch(() => ({}));
    if (status) status.textContent = message || "";
    await reload();
  });
  const seconds = Number(list.dataset.liveRefresh);
  if (seconds > 0) {
    setInterval(() => {
      const typing = list.contains(document.activeElement) && document.activeElement.matches("input, textarea");
      if (!document.hidden && !typing) reload();
    }, seconds * 1000);
  }
});
