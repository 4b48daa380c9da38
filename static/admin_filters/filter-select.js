// A list filter shown as a drop-down list (kemerovo_tos.admin_filters):
// choosing a value sends its form, which carries the other filters along.
// "Все" drops the filter's own field, so the list is not filtered by it.
(function () {
  if (window.tosFilterSelect) return;  // the template includes this once per filter
  window.tosFilterSelect = true;
  document.addEventListener("change", function (event) {
    var select = event.target.closest("select[data-filter-select]");
    if (!select) return;
    select.disabled = select.value === "";
    select.form.submit();
  });
})();
