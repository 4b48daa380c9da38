// The registry's additions to Django's admin (templates/admin/base_site.html);
// every page works without them.
(function () {
  "use strict";

  // select2, behind the admin's autocomplete fields, draws a box of its own
  // (a combobox holding a read-only textbox) that is named by the chosen
  // value alone, or by nothing when empty: name both by the field's label
  // followed by the value.
  function nameSelect2Boxes(root) {
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var box = select.nextElementSibling;
      var selection = box && box.querySelector(".select2-selection");
      var label = select.id && document.querySelector('label[for="' + select.id + '"]');
      if (!selection || !label) return;
      if (!label.id) label.id = select.id + "-label";
      var ids = [label.id];
      var rendered = selection.querySelector(".select2-selection__rendered");
      if (rendered && rendered.id) {
        ids.push(rendered.id);
        rendered.setAttribute("aria-labelledby", ids.join(" "));
      }
      selection.setAttribute("aria-labelledby", ids.join(" "));
    });
  }

  // Loaded with defer: these run after the admin's own autocomplete.js has
  // set select2 up, on the same events.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(function () { nameSelect2Boxes(document); });
  }
  document.addEventListener("formset:added", function (event) {
    nameSelect2Boxes(event.target);
  });

  // django-import-export's «Select all» on the export form, bound here
  // instead of an inline onchange (templates/admin/import_export/export.html).
  document.addEventListener("change", function (event) {
    if (event.target.matches("input.select-toggle") &&
        typeof window.onSelectToggleChange === "function") {
      window.onSelectToggleChange(event);
    }
  });
})();
