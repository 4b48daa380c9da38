// The registry's additions to Django's admin (templates/admin/base_site.html);
// every page works without them.
(function () {
  "use strict";

  // django-import-export's «Select all» on the export form, bound here
  // instead of an inline onchange (templates/admin/import_export/export.html).
  document.addEventListener("change", function (event) {
    if (event.target.matches("input.select-toggle") &&
        typeof window.onSelectToggleChange === "function") {
      window.onSelectToggleChange(event);
    }
  });
})();
