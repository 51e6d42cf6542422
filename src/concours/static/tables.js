// Wide tables scroll inside their own box rather than the whole page (a phone held upright is 390 px
// wide). Each table of the page not already in a .table-scroll box gets one; while the table is wider
// than its box, the box is a named region that the keyboard can reach and scroll. Without JavaScript the
// page scrolls sideways as before.
(function () {
  "use strict";

  var fallback = (document.currentScript && document.currentScript.getAttribute("data-label")) || "Table";

  function nameOf(table) {
    var caption = table.querySelector("caption");
    if (caption && caption.textContent.trim()) {
      return caption.textContent.trim();
    }
    // The nearest heading before the table names what it lists.
    var headings = document.querySelectorAll("main h1, main h2, main h3");
    var name = "";
    headings.forEach(function (heading) {
      if (heading.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING) {
        name = heading.textContent.trim();
      }
    });
    return name || fallback;
  }

  // Landmarks must not share a name: a second table under the same heading is "(2)", and so on.
  var given = new Map();
  function uniqueName(box) {
    if (!given.has(box)) {
      var name = nameOf(box.querySelector("table"));
      var taken = Array.from(given.values());
      var candidate = name;
      for (var n = 2; taken.indexOf(candidate) !== -1; n += 1) {
        candidate = name + " (" + n + ")";
      }
      given.set(box, candidate);
    }
    return given.get(box);
  }

  function mark(box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    if (box.hasAttribute("data-static")) {
      return;
    }
    if (scrolls) {
      box.setAttribute("role", "region");
      box.setAttribute("tabindex", "0");
      box.setAttribute("aria-label", uniqueName(box));
    } else {
      box.removeAttribute("role");
      box.removeAttribute("tabindex");
      box.removeAttribute("aria-label");
    }
  }

  function wrapAll() {
    var boxes = [];
    document.querySelectorAll("main table").forEach(function (table) {
      var parent = table.parentElement;
      if (parent && parent.classList.contains("table-scroll")) {
        if (parent.hasAttribute("role")) {
          parent.setAttribute("data-static", "");  // named in its template
        }
        boxes.push(parent);
        return;
      }
      if (table.closest(".table-scroll")) {
        return;
      }
      var box = document.createElement("div");
      box.className = "table-scroll";
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
      boxes.push(box);
    });
    boxes.forEach(mark);
    window.addEventListener("resize", function () {
      boxes.forEach(mark);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wrapAll);
  } else {
    wrapAll();
  }
})();
