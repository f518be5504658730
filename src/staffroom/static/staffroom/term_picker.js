// The level and subject picker (curriculum/widgets.py): a filter box that narrows the nested
// checkboxes, and a "selected" count that follows each tick. Without this file the picker is
// plain nested checkboxes, all shown.
document.querySelectorAll("[data-term-picker]").forEach((picker) => {
  const boxes = [...picker.querySelectorAll("input[type=checkbox]")];
  const summary = picker.querySelector("[data-term-summary]");
  const filterRow = picker.querySelector("[data-term-filter-row]");
  const filter = picker.querySelector("[data-term-filter]");
  const none = picker.querySelector("[data-term-none]");

  const chosen = picker.querySelector("[data-term-chosen]");
  const count = () => {
    const checked = boxes.filter((box) => box.checked);
    if (summary) summary.textContent = summary.dataset.template.replace("%(count)s", String(checked.length));
    if (chosen) chosen.textContent = checked.map((box) => box.parentElement.textContent.trim()).join(", ");
  };
  picker.addEventListener("change", count);

  if (!filter || !filterRow) return;
  filterRow.hidden = false;
  const fold = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  const items = [...picker.querySelectorAll("li[data-term]")];
  filter.addEventListener("input", () => {
    const wanted = fold(filter.value);
    // An item stays when its own label matches, when a sub-term matches (to show the way to
    // it) or when it is ticked (a filter never hides what is chosen).
    for (const item of items.slice().reverse()) {
      const label = item.querySelector(":scope > label");
      const own = !wanted || fold(label ? label.textContent : "").includes(wanted);
      const ticked = item.querySelector(":scope > label input")?.checked;
      const below = [...item.querySelectorAll(":scope > ul > li[data-term]")].some((child) => !child.hidden);
      item.hidden = !(own || ticked || below);
    }
    picker.querySelectorAll("fieldset.term-group, .term-picker-groups > ul").forEach((group) => {
      group.hidden = ![...group.querySelectorAll("li[data-term]")].some((item) => !item.hidden);
    });
    if (none) none.hidden = items.some((item) => !item.hidden);
  });
  // Enter in the filter box would submit the whole form.
  filter.addEventListener("keydown", (event) => {
    if (event.key === "Enter") event.preventDefault();
  });
});
