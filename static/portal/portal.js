// Small enhancements; every page works without them.
// The photo picker is a styled label: show which files were chosen.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!input.matches("[data-photo-input]")) return;
  const out = document.querySelector(`[data-photo-names="${input.id}"]`);
  if (!out) return;
  const names = Array.from(input.files, (file) => file.name);
  out.textContent = names.length ? `Выбрано: ${names.join(", ")}` : "";
});
