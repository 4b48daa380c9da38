// The application form: the nomination list shows only the nominations of
// the chosen contest (each option names its edition in data-edition). The
// server refuses a mismatch anyway; without this script the list is
// narrowed after the first submit.
(() => {
  const edition = document.getElementById("id_edition");
  const nomination = document.getElementById("id_nomination");
  if (!edition || !nomination) return;
  const options = Array.from(nomination.options).filter((o) => o.dataset.edition);
  const follow = () => {
    let kept = 0;
    for (const option of options) {
      const fits = option.dataset.edition === edition.value;
      option.hidden = !fits;
      option.disabled = !fits;
      if (fits) kept += 1;
      if (!fits && option.selected) nomination.value = "";
    }
    nomination.closest(".field").hidden = edition.value !== "" && kept === 0;
  };
  edition.addEventListener("change", follow);
  follow();
})();
