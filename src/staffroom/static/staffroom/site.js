// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add("js");

// Preference selects apply on change.
document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
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
// listener sits on the document and focus returns to the select that was used.
document.addEventListener("change", async (event) => {
  const form = event.target.closest("form[data-live-results]");
  if (!form || event.target.tagName !== "SELECT") return;
  const target = document.querySelector(form.dataset.liveResults);
  if (!target) return;
  const params = new URLSearchParams(new FormData(form));
  for (const [key, value] of [...params]) if (!value) params.delete(key);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
  params.set("fragment", form.dataset.liveFragment || "results");
  const response = await fetch(`${form.action}?${params}`, { headers: { "X-Requested-With": "fetch" } });
  if (!response.ok) return;
  const focused = event.target.id;
  target.innerHTML = await response.text();
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

// Suggestions as you type: fill the shared <datalist> from the suggest endpoint.
const suggestions = document.getElementById("search-suggestions");
document.querySelectorAll("input[data-suggest]").forEach((input) => {
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (input.value.trim().length < 2 || !suggestions) return;
      const response = await fetch(`${input.dataset.suggest}?q=${encodeURIComponent(input.value)}`);
      if (!response.ok) return;
      const { suggestions: items } = await response.json();
      suggestions.replaceChildren(...items.map((text) => Object.assign(document.createElement("option"), { value: text })));
    }, 150);
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
