/* Note previews of sphinx_brief (sphinx_brief.site.reading), on the website's pages that
 * have notes.
 *
 * Progressive enhancement: without this script a note's mark is a link to the note at the
 * page's end, and stays one.  With it, the note's text is also shown beside its mark:
 *
 * - on mouse hover, after a short delay; it stays open while the pointer is over the mark
 *   or the preview, so that the preview's links can be clicked;
 * - on keyboard focus of the mark (Enter still follows it to the note);
 * - on tap: the first tap on a mark shows its note, a second one (or the preview's "Go to
 *   note" link) follows it; a tap elsewhere closes the preview.
 *
 * Escape closes it (and gives the focus back to the mark if it was in the preview).  The
 * preview is a tooltip (role="tooltip", the mark's aria-describedby while it shows): it
 * never takes the focus, and a screen reader reads the note as the mark's description.
 * Its text is a copy of the note's own nodes, without their ids (no id twice on the page).
 * The notes at the page's end stay where they are.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var words = (script && script.dataset.goToNote) || "Go to note {}";
  var SHOW_DELAY = 200; // ms of hovering before a note shows
  var HIDE_DELAY = 300; // ms to move the pointer from the mark to the preview
  var MARGIN = 8; // px between the preview and the viewport's edges
  var GAP = 4; // px between the mark and the preview

  function noteOf(mark) {
    var href = mark.getAttribute("href") || "";
    if (href.charAt(0) !== "#" || href.length < 2) {
      return null;
    }
    var target;
    try {
      target = document.getElementById(decodeURIComponent(href.slice(1)));
    } catch (error) {
      return null;
    }
    return target && target.matches(".footnote, [role='doc-footnote']") ? target : null;
  }

  var marks = Array.prototype.filter.call(
    document.querySelectorAll("a.footnote-reference[href^='#']"),
    function (mark) { return noteOf(mark) !== null; }
  );
  if (marks.length === 0) {
    return;
  }

  var preview = document.createElement("div");
  preview.className = "brief-note-preview";
  preview.setAttribute("role", "tooltip");
  preview.id = "brief-note-preview";
  for (var n = 2; document.getElementById(preview.id); n++) {
    preview.id = "brief-note-preview-" + n;
  }
  preview.hidden = true;
  var text = document.createElement("div");
  text.className = "brief-note-preview-text";
  var go = document.createElement("p");
  go.className = "brief-note-preview-go";
  var goLink = document.createElement("a");
  goLink.href = marks[0].getAttribute("href"); // a link never without its address
  go.appendChild(goLink);
  preview.appendChild(text);
  preview.appendChild(go);
  // inside the main landmark (all of a page's content is in a landmark)
  (document.querySelector("[role='main'], main") || document.body).appendChild(preview);

  var current = null; // the mark whose note is shown (or was last)
  var describedBy = null; // the mark's own aria-describedby, given back when it closes
  var showTimer = 0;
  var hideTimer = 0;
  var pointerType = ""; // the pointer that pressed a mark last
  var wasOpen = false; // whether its note showed when it was pressed
  var quiet = false; // focus given back by the script: no preview for it

  function isOpen(mark) {
    return !preview.hidden && current === mark;
  }

  function copyOf(note) {
    var copy = document.createDocumentFragment();
    Array.prototype.forEach.call(note.children, function (child) {
      if (child.matches(".label, .backrefs")) {
        return; // the number and the links back to the marks
      }
      var clone = child.cloneNode(true);
      clone.removeAttribute("id");
      clone.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
      clone.querySelectorAll("a[name]").forEach(function (el) { el.removeAttribute("name"); });
      copy.appendChild(clone);
    });
    return copy;
  }

  function numberOf(mark, note) {
    var label = note.querySelector(".label");
    var number = (label || mark).textContent.replace(/[\[\]\s]/g, "");
    return number || mark.textContent.trim();
  }

  function clearTimers() {
    window.clearTimeout(showTimer);
    window.clearTimeout(hideTimer);
    showTimer = hideTimer = 0;
  }

  function show(mark) {
    clearTimers();
    if (isOpen(mark)) {
      return;
    }
    hide();
    var note = noteOf(mark);
    if (!note) {
      return;
    }
    text.replaceChildren(copyOf(note));
    goLink.href = mark.getAttribute("href");
    goLink.textContent = words.replace("{}", numberOf(mark, note));
    current = mark;
    describedBy = mark.getAttribute("aria-describedby");
    mark.setAttribute("aria-describedby", preview.id);
    preview.hidden = false;
    place();
  }

  function hide() {
    clearTimers();
    if (preview.hidden) {
      return;
    }
    preview.hidden = true;
    if (current) {
      if (describedBy) {
        current.setAttribute("aria-describedby", describedBy);
      } else {
        current.removeAttribute("aria-describedby");
      }
    }
  }

  function hideSoon() {
    window.clearTimeout(showTimer);
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(hide, HIDE_DELAY);
  }

  // Below the mark, or above it where there is more room; inside the viewport.
  function place() {
    if (!current || preview.hidden) {
      return;
    }
    var width = document.documentElement.clientWidth;
    var height = window.innerHeight;
    var box = current.getClientRects()[0] || current.getBoundingClientRect();
    if (box.bottom < 0 || box.top > height) {
      hide(); // the mark was scrolled away
      return;
    }
    preview.style.maxWidth = Math.max(0, Math.min(480, width - 2 * MARGIN)) + "px";
    preview.style.left = "0px";
    preview.style.top = "0px";
    var size = preview.getBoundingClientRect();
    var left = box.left + box.width / 2 - size.width / 2;
    left = Math.max(MARGIN, Math.min(left, width - MARGIN - size.width));
    var below = box.bottom + GAP;
    var above = box.top - GAP - size.height;
    var top = below;
    if (below + size.height > height - MARGIN && above >= MARGIN) {
      top = above;
    } else if (below + size.height > height - MARGIN) {
      // room on neither side: the larger one, the rest scrolls (max-height)
      top = box.top > height - box.bottom
        ? Math.max(MARGIN, above)
        : Math.min(below, height - MARGIN - size.height);
    }
    preview.style.left = Math.round(left) + "px";
    preview.style.top = Math.round(Math.max(MARGIN, top)) + "px";
  }

  var frame = 0;
  function placeLater() {
    if (!frame) {
      frame = window.requestAnimationFrame(function () {
        frame = 0;
        place();
      });
    }
  }

  marks.forEach(function (mark) {
    mark.addEventListener("pointerenter", function (event) {
      if (event.pointerType !== "mouse") {
        return;
      }
      window.clearTimeout(hideTimer);
      if (!isOpen(mark)) {
        window.clearTimeout(showTimer);
        showTimer = window.setTimeout(function () { show(mark); }, SHOW_DELAY);
      }
    });
    mark.addEventListener("pointerleave", function (event) {
      if (event.pointerType === "mouse" && document.activeElement !== mark) {
        hideSoon();
      } else if (event.pointerType === "mouse") {
        window.clearTimeout(showTimer);
      }
    });
    mark.addEventListener("pointerdown", function (event) {
      pointerType = event.pointerType;
      wasOpen = isOpen(mark);
    });
    mark.addEventListener("focus", function () {
      if (!quiet) {
        show(mark);
      }
    });
    mark.addEventListener("blur", function (event) {
      if (!preview.contains(event.relatedTarget) && !mark.matches(":hover")) {
        hide();
      }
    });
    mark.addEventListener("click", function (event) {
      var tapped = event.detail > 0 && pointerType !== "" && pointerType !== "mouse";
      pointerType = "";
      if (tapped && !wasOpen) {
        event.preventDefault(); // the first tap shows the note; the second follows the mark
        show(mark);
        return;
      }
      hide();
    });
  });

  preview.addEventListener("pointerenter", function (event) {
    if (event.pointerType === "mouse") {
      window.clearTimeout(hideTimer);
    }
  });
  preview.addEventListener("pointerleave", function (event) {
    if (event.pointerType === "mouse" && !preview.contains(document.activeElement)) {
      hideSoon();
    }
  });
  preview.addEventListener("focusout", function (event) {
    if (event.relatedTarget !== current && !preview.contains(event.relatedTarget)) {
      hideSoon();
    }
  });
  goLink.addEventListener("click", function () {
    hide();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || preview.hidden) {
      return;
    }
    var back = preview.contains(document.activeElement);
    hide();
    if (back && current) {
      quiet = true;
      current.focus();
      quiet = false;
    }
  });
  document.addEventListener("pointerdown", function (event) {
    if (!preview.hidden && !preview.contains(event.target) && !current.contains(event.target)) {
      hide();
    }
  });
  window.addEventListener("scroll", placeLater, { passive: true });
  window.addEventListener("resize", placeLater);
})();
