// Makes each <select data-searchable> a searchable list whose choices show as removable chips, with
// Tom Select (vendor/tom-select). Without JavaScript the plain <select> still works; the form sends the
// same field either way. The texts come from data- attributes, so they are translated with the page.
(function () {
  "use strict";

  function enhance(root) {
    root.querySelectorAll("select[data-searchable]").forEach(function (select) {
      if (select.tomselect || typeof TomSelect === "undefined") {
        return;
      }
      var control = new TomSelect(select, {
        plugins: { remove_button: { title: select.getAttribute("data-remove-label") || "Remove" } },
        searchField: ["text", "value"],
        maxOptions: null,
        // The list is filtered at each key, not 300 ms later: Enter picks what the list shows.
        refreshThrottle: 0,
        closeAfterSelect: true,
        render: {
          no_results: function () {
            var note = document.createElement("div");
            note.className = "no-results";
            note.textContent = select.getAttribute("data-no-results") || "";
            return note;
          },
        },
      });
      // The help text the <select> pointed to is read out for the search box that replaces it.
      var described = select.getAttribute("aria-describedby");
      if (described) {
        control.control_input.setAttribute("aria-describedby", described);
      }
      // The original <select> stays in the page, out of sight, for the form: assistive technologies read
      // the search box only (otherwise they meet an unnamed second control).
      select.setAttribute("aria-hidden", "true");
    });
  }

  window.concoursSearchable = enhance;
  document.addEventListener("DOMContentLoaded", function () {
    enhance(document);
  });
})();
