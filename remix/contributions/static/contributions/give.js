// The give page: a preset amount and a typed one are alternatives. Choosing one clears the
// other, so what is sent is what is seen. Without JavaScript the typed amount wins (said on the page).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("give-form");
  const typed = form && form.querySelector("input[name=amount]");
  if (!typed) return;
  const presets = form.querySelectorAll("input[name=preset]");
  typed.addEventListener("input", () => {
    if (typed.value.trim()) presets.forEach((radio) => { radio.checked = false; });
  });
  presets.forEach((radio) => radio.addEventListener("change", () => { typed.value = ""; }));
});
