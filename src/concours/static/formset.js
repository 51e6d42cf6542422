// Adds a line to a formset without saving the page: the formset's empty form waits in a <template>
// (see templates/components/formset.html); its "__prefix__" becomes the next line's number.
(function () {
  "use strict";

  function field(fieldset, prefix, name) {
    return fieldset.querySelector("input[name='" + prefix + "-" + name + "']");
  }

  function atMost(fieldset, prefix) {
    var max = field(fieldset, prefix, "MAX_NUM_FORMS");
    return max ? parseInt(max.value, 10) : Infinity;
  }

  function refresh(fieldset, prefix, button) {
    button.hidden = parseInt(field(fieldset, prefix, "TOTAL_FORMS").value, 10) >= atMost(fieldset, prefix);
  }

  function addLine(fieldset, prefix, button) {
    var total = field(fieldset, prefix, "TOTAL_FORMS");
    var index = parseInt(total.value, 10);
    if (index >= atMost(fieldset, prefix)) {
      return;
    }
    var template = document.getElementById(prefix + "-template");
    var rows = fieldset.querySelector(".formset-rows");
    rows.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(index)));
    total.value = String(index + 1);
    var line = rows.lastElementChild;
    if (window.concoursSearchable) {
      window.concoursSearchable(line);
    }
    var first = line.querySelector("input, select, textarea");
    if (first) {
      first.focus();
    }
    refresh(fieldset, prefix, button);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("button[data-add-row]").forEach(function (button) {
      var prefix = button.getAttribute("data-add-row");
      var fieldset = document.getElementById(prefix);
      button.addEventListener("click", function () {
        addLine(fieldset, prefix, button);
      });
      refresh(fieldset, prefix, button);
    });
  });
})();
