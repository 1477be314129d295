/* Tag filters of sphinx_brief's chronologies (the `timeline` directive).
 *
 * Progressive enhancement: without this script every entry shows, and the legend's tag
 * chips are plain labels.  With it, each chip becomes a toggle button (aria-pressed): the
 * entries that have none of the pressed tags are hidden, with their marks in the overview,
 * and the overview's key names only the tags of the marks still shown.  The
 * state is in the address (?tags=arms-transfers,missiles; the second chronology of a page
 * uses tags-2 …), so a filtered chronology can be linked to and survives a reload.
 * Everything is reachable with the keyboard (buttons), and a live status says how many
 * entries show.
 */
(function () {
  "use strict";

  function slug(text) {
    return text.trim().toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-+|-+$/g, "");
  }

  function tagsOf(entry) {
    var chips = entry.querySelectorAll(".brief-timeline-meta .brief-tag");
    return Array.prototype.map.call(chips, function (chip) { return slug(chip.textContent); });
  }

  // a mark's tag and a key item's (colours repeat after eight tags; shapes tell them apart)
  function tagOf(element) {
    var found = element && /\bbrief-ov-tag-(\d+)\b/.exec(element.getAttribute("class") || "");
    return found ? found[1] : "";
  }

  function setup(chronology, number) {
    var legend = chronology.querySelector(":scope > .brief-timeline-legend");
    var list = chronology.querySelector(":scope > ol.brief-timeline");
    if (!legend || !list) {
      return;
    }
    var key = number === 0 ? "tags" : "tags-" + (number + 1);
    var entries = list.querySelectorAll(":scope > li.brief-timeline-entry");
    // the overview, if drawn, is the figure just before the chronology
    var figure = chronology.previousElementSibling;
    var drawn = figure && figure.matches("figure.brief-timeline-overview");
    // each mark by the entry it links to (its place among the marks need not be the
    // entry's), and the key's items by their tag's colour
    var markOf = new Map();
    if (drawn) {
      figure.querySelectorAll("svg.brief-ov a").forEach(function (mark) {
        var href = mark.getAttribute("href") || mark.getAttribute("xlink:href") || "";
        markOf.set(href.slice(1), mark);
      });
    }
    var keyItems = drawn ? figure.querySelectorAll(".brief-ov-key > li:not(.brief-ov-kind)") : [];
    // what a bar and whiskers mean, said while a mark shown has them
    var kinds = [
      [".brief-ov-kind-range", ".brief-ov-range"],
      [".brief-ov-kind-vague", ".brief-ov-vague, .brief-ov-approx"],
    ];
    var params = new URLSearchParams(window.location.search);
    var selected = new Set((params.get(key) || "").split(",").filter(Boolean));
    var buttons = [];

    var status = document.createElement("p");
    status.className = "brief-timeline-filter-status";
    status.setAttribute("role", "status");

    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "brief-timeline-filter-reset";
    reset.textContent = "Show all";
    reset.addEventListener("click", function () {
      selected.clear();
      apply(true);
    });

    legend.querySelectorAll(".brief-tag").forEach(function (chip) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = chip.className;
      button.textContent = chip.textContent;
      button.dataset.tag = slug(chip.textContent);
      button.addEventListener("click", function () {
        if (selected.has(button.dataset.tag)) {
          selected.delete(button.dataset.tag);
        } else {
          selected.add(button.dataset.tag);
        }
        apply(true);
      });
      chip.replaceWith(button);
      buttons.push(button);
    });
    legend.setAttribute("aria-label", "Filter the entries by tag");
    legend.appendChild(document.createTextNode(" "));
    legend.appendChild(reset);
    legend.after(status);

    function apply(changed) {
      var shown = 0;
      var shownTags = new Set();
      entries.forEach(function (entry) {
        var visible = selected.size === 0 || tagsOf(entry).some(function (t) { return selected.has(t); });
        entry.hidden = !visible;
        var mark = markOf.get(entry.id);
        if (mark) {
          if (visible) {
            mark.removeAttribute("hidden");
            shownTags.add(tagOf(mark));
          } else {
            mark.setAttribute("hidden", "");
          }
        }
        shown += visible ? 1 : 0;
      });
      // the key names only the tags of the marks shown
      keyItems.forEach(function (item) {
        item.hidden = selected.size > 0 && !shownTags.has(tagOf(item));
      });
      kinds.forEach(function (kind) {
        var item = drawn ? figure.querySelector(".brief-ov-key > li" + kind[0]) : null;
        if (item) {
          item.hidden = !Array.from(markOf.values()).some(function (mark) {
            // an SVG element has no "hidden" property: its attribute says it
            return !mark.hasAttribute("hidden") && mark.querySelector(kind[1]);
          });
        }
      });
      buttons.forEach(function (button) {
        button.setAttribute("aria-pressed", selected.has(button.dataset.tag) ? "true" : "false");
      });
      reset.hidden = selected.size === 0;
      status.textContent = selected.size === 0
        ? ""
        : "Showing " + shown + " of " + entries.length + " entries.";
      if (changed) {
        var url = new URL(window.location.href);
        if (selected.size) {
          url.searchParams.set(key, Array.from(selected).join(","));
        } else {
          url.searchParams.delete(key);
        }
        window.history.replaceState(null, "", url);
      }
    }

    apply(false);
  }

  function start() {
    document.querySelectorAll("div.brief-chronology").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
