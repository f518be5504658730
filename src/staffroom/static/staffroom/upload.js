// The file field of the contribution form (resources/forms.py): checks each chosen file
// against the accepted types and size limits the form states, before anything is sent, and
// makes the field a drop zone. Without this file the field is a plain file input, and the
// server refuses (by Content-Length, then by the file's content) what is too large.
document.querySelectorAll("input[type=file][data-upload-limits]").forEach((input) => {
  const limits = JSON.parse(input.dataset.uploadLimits);
  const lang = document.documentElement.lang || undefined;
  const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const size = (bytes) =>
    bytes >= 1024 * 1024 ? `${number.format(bytes / 1024 / 1024)} MB` : `${number.format(Math.max(bytes / 1024, 0.1))} KB`;
  const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));

  // The zone: the real, labelled input stays inside it (keyboard and click open the chooser
  // as always); dropping files anywhere in the zone adds them to the input.
  const zone = document.createElement("div");
  zone.className = "drop-zone";
  const hint = document.createElement("p");
  hint.className = "drop-hint";
  hint.textContent = input.dataset.messageDrop || "";
  input.before(zone);
  zone.append(hint, input);
  const problems = document.createElement("div");
  problems.className = "field-error";
  problems.id = `${input.id}_upload_problems`;
  problems.setAttribute("role", "alert");
  problems.hidden = true;
  const chosen = document.createElement("div");
  chosen.className = "chosen-files";
  chosen.setAttribute("aria-live", "polite");
  zone.append(chosen, problems);
  input.setAttribute("aria-describedby", `${input.getAttribute("aria-describedby") || ""} ${problems.id}`.trim());

  const kindOf = (file) => {
    const name = file.name.toLowerCase();
    return (
      limits.kinds.find((kind) => kind.extensions.some((extension) => name.endsWith(extension))) ||
      limits.kinds.find((kind) => kind.types.includes(file.type))
    );
  };
  const canReplace = typeof DataTransfer === "function";

  // Keeps the acceptable files in the input, says why the others were left out.
  const take = (chosenFiles) => {
    // A field for one file keeps the last one chosen or dropped.
    const files = input.multiple ? chosenFiles : chosenFiles.slice(-1);
    const kept = [];
    const messages = [];
    let total = 0;
    for (const file of files) {
      const kind = kindOf(file);
      // No extension and no type: only the server can tell (it types files by content).
      const unknown = !kind && !/\.[a-z0-9]+$/i.test(file.name) && !file.type;
      if (!kind && !unknown) {
        messages.push(fill(input.dataset.messageRefusedType, { name: file.name }));
      } else if (kind && file.size > kind.max_bytes) {
        messages.push(fill(input.dataset.messageTooLarge, { name: file.name, size: size(file.size), limit: size(kind.max_bytes) }));
      } else if (total + file.size > limits.total_bytes) {
        messages.push(fill(input.dataset.messageTooMuch, { name: file.name, size: size(total + file.size), limit: size(limits.total_bytes) }));
      } else {
        kept.push(file);
        total += file.size;
      }
    }
    if (canReplace) {
      const transfer = new DataTransfer();
      kept.forEach((file) => transfer.items.add(file));
      input.files = transfer.files;
      input.setCustomValidity("");
    } else {
      // Without a way to drop files from the selection, the form is not sent with them.
      input.setCustomValidity(messages.join(" "));
    }
    problems.replaceChildren(...messages.map((text) => Object.assign(document.createElement("p"), { textContent: text })));
    problems.hidden = messages.length === 0;
    const list = document.createElement("ul");
    kept.forEach((file) => list.append(Object.assign(document.createElement("li"), { textContent: `${file.name} (${size(file.size)})` })));
    chosen.replaceChildren(...(kept.length ? [Object.assign(document.createElement("p"), { textContent: input.dataset.messageChosen || "" }), list] : []));
  };

  input.addEventListener("change", () => take([...input.files]));

  const dragsFiles = (event) => [...(event.dataTransfer?.types || [])].includes("Files");
  zone.addEventListener("dragover", (event) => {
    if (!dragsFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", (event) => {
    if (!zone.contains(event.relatedTarget)) zone.classList.remove("dragging");
  });
  zone.addEventListener("drop", (event) => {
    if (!dragsFiles(event)) return;
    event.preventDefault();
    zone.classList.remove("dragging");
    // Dropped files add to those already chosen (a chooser's selection replaces them).
    take([...(input.multiple ? input.files : []), ...event.dataTransfer.files]);
  });
  // A file dropped beside the zone would make the browser open it and leave the form.
  for (const type of ["dragover", "drop"]) {
    window.addEventListener(type, (event) => {
      if (dragsFiles(event) && !zone.contains(event.target)) event.preventDefault();
    });
  }
});
