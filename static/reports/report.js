// The annual report page (reports/page.html): choosing a year or a
// territory shows it at once; without JavaScript the «Показать» button does.
document.addEventListener("change", function (event) {
  var select = event.target.closest("select[data-autosubmit]");
  if (select) select.form.submit();
});
