/* Innspillsbasen: small enhancements. Every task works without this file. */
(function () {
  "use strict";

  var usingPointer = false;
  document.addEventListener("pointerdown", function () { usingPointer = true; }, true);
  document.addEventListener("keydown", function () { usingPointer = false; }, true);

  // Filters and sorting: a mouse or touch choice updates the results at once. With the
  // keyboard nothing moves until the user presses the button, so focus is never lost.
  var form = document.getElementById("search");
  if (form) {
    document.addEventListener("change", function (event) {
      var field = event.target;
      if (!usingPointer || field.form !== form) { return; }
      if (field.type === "checkbox" || field.id === "sort") {
        if (form.requestSubmit) { form.requestSubmit(); } else { form.submit(); }
      }
    });
  }

  // On a narrow screen the filters start folded, so the results come first.
  var facets = document.getElementById("facets");
  if (facets && window.matchMedia && window.matchMedia("(max-width: 56rem)").matches) {
    facets.open = false;
  }

  // "/" jumps to the search box, as on many search sites.
  document.addEventListener("keydown", function (event) {
    var box = document.getElementById("q");
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && box && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  // Copy buttons for the citation and the permalink.
  function say(message) {
    var status = document.querySelector(".cite__status");
    if (status) { status.textContent = message; }
  }

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  Array.prototype.forEach.call(document.querySelectorAll(".js-copy"), function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = target.textContent.trim();
      var done = button.getAttribute("data-copy") === "permalink" ? "Lenken er kopiert." : "Kildehenvisningen er kopiert.";
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { say(done); }, function () {
          selectText(target);
          say("Teksten er merket. Kopier den med Ctrl+C (Cmd+C på Mac).");
        });
      } else {
        selectText(target);
        say("Teksten er merket. Kopier den med Ctrl+C (Cmd+C på Mac).");
      }
    });
  });
}());
