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

  // After a search or «Bruk filtrene» the address ends in #treff: start on the results.
  // Focus moves once the page has loaded and the browser has scrolled to the fragment.
  window.addEventListener("load", function () {
    var heading = document.getElementById("results-title");
    if (window.location.hash === "#treff" && heading) { heading.focus(); }
  });

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
      var text = target.classList.contains("citations")
        ? Array.prototype.map.call(target.querySelectorAll(".citations__text"), function (p) { return p.textContent.trim(); }).join("\n")
        : target.textContent.trim();
      var done = {permalink: "Lenken er kopiert.", citations: "Kildehenvisningene er kopiert."}[button.getAttribute("data-copy")] || "Kildehenvisningen er kopiert.";
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
