// Django's side menu starts open, and on a 1366 px laptop it leaves a list
// of nine or ten columns too little room: their last columns were hidden.
// Under 1600 px it starts closed; «»» opens it, and Django keeps that
// choice (localStorage), as it does any choice made with the button.
// Loaded without defer, so that it runs before Django's nav_sidebar.js.
(function () {
  "use strict";
  var key = "django.admin.navSidebarIsOpen";
  try {
    if (localStorage.getItem(key) === null && window.innerWidth < 1600) {
      localStorage.setItem(key, "false");
    }
  } catch (error) {
    // Storage refused (a private window): Django's default stays.
  }
})();
