// lexsearch: small improvements over pages that work without JavaScript.
// Facets apply when ticked, long facet lists filter as you type, keyboard
// shortcuts move through results and pages, and the document page copies a
// pin cite for the page being read.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function typing(e) {
    var t = e.target;
    return t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
  }
  function modified(e) { return e.altKey || e.ctrlKey || e.metaKey; }

  var form = document.getElementById("search");

  // On a narrow screen the filters fold away above the results; a tap on
  // "Narrow the results" opens them. Without JavaScript they stay open.
  var panel = document.querySelector(".facet-panel");
  var narrow = window.matchMedia("(max-width: 760px)").matches;
  if (panel && narrow) panel.open = false;
  // Likewise the entity lists of a document, so its text comes sooner.
  if (narrow) document.querySelectorAll(".entity-group").forEach(function (d) { d.open = false; });
  var box = document.getElementById("q");

  // Facet checkboxes, sort and page size apply at once.
  document.querySelectorAll(".autosubmit").forEach(function (el) {
    el.addEventListener("change", function () {
      if (!form) return;
      if (form.requestSubmit) form.requestSubmit(); else form.submit();
    });
  });

  // Long facet lists: filter values as you type; open "more…" while filtering.
  document.querySelectorAll(".facet-filter").forEach(function (input) {
    var facet = document.getElementById("facet-" + input.dataset.facet);
    if (!facet) return;
    var more = facet.querySelector("details.more");
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      facet.querySelectorAll(".facet-value").forEach(function (li) {
        li.hidden = needle !== "" && li.dataset.label.toLowerCase().indexOf(needle) < 0;
      });
      if (more && needle !== "") more.open = true;
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") e.preventDefault(); // filtering a list is not a search
    });
  });

  // Keyboard shortcuts: "/" focuses the search box everywhere.
  var hits = Array.prototype.slice.call(document.querySelectorAll(".hit-title a"));
  var pages = Array.prototype.slice.call(document.querySelectorAll("section.page"));

  function follow(rel) {
    var a = document.querySelector('a[rel="' + rel + '"]');
    if (a) window.location.href = a.href;
  }
  function moveHit(step) {
    if (!hits.length) return;
    var i = hits.indexOf(document.activeElement);
    i = i < 0 ? (step > 0 ? 0 : hits.length - 1) : Math.min(hits.length - 1, Math.max(0, i + step));
    hits[i].focus();
    hits[i].closest(".hit").scrollIntoView({ block: "nearest" });
  }
  function movePage(step) {
    if (!pages.length) return;
    var i = pages.indexOf(currentPage()) + step;
    i = Math.min(pages.length - 1, Math.max(0, i));
    var target = pages[i];
    history.replaceState(null, "", "#" + target.id);
    target.scrollIntoView({ block: "start" });
    setCurrent(target);
    var link = target.querySelector(".page-no a");
    if (link) link.focus({ preventScroll: true });
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && e.target === box) { box.blur(); return; }
    if (typing(e) || modified(e)) return;
    switch (e.key) {
      case "/":
        if (box) { e.preventDefault(); box.focus(); box.select(); }
        break;
      case "j": if (pages.length) movePage(1); else moveHit(1); break;
      case "k": if (pages.length) movePage(-1); else moveHit(-1); break;
      case "n": case "ArrowRight": if (!pages.length) follow("next"); break;
      case "p": case "ArrowLeft": if (!pages.length) follow("prev"); break;
      case "c": if (citeButton) { e.preventDefault(); copyCite(); } break;
    }
  });

  // The document page: which page is the reader on? The page in the URL
  // (#p7, the snippet they came from) until they scroll; then the page at
  // the top of the window.
  var current = null;
  function setCurrent(section) {
    if (current === section) return;
    if (current) current.classList.remove("current");
    current = section;
    if (current) current.classList.add("current");
    showCite();
  }
  function currentPage() {
    return current || pages[0];
  }
  function fromHash() {
    var el = location.hash && document.getElementById(location.hash.slice(1));
    if (el && el.classList.contains("page")) setCurrent(el);
  }
  if (pages.length) {
    fromHash();
    window.addEventListener("hashchange", fromHash);
    var ticking = false;
    window.addEventListener("scroll", function () {
      if (ticking) return;
      ticking = true;
      window.requestAnimationFrame(function () {
        ticking = false;
        var line = window.innerHeight * 0.25, best = null;
        for (var i = 0; i < pages.length; i++) {
          if (pages[i].getBoundingClientRect().top <= line) best = pages[i]; else break;
        }
        if (best) setCurrent(best);
      });
    }, { passive: true });
  }

  var cite = document.querySelector(".citebar");
  var citeButton = document.getElementById("cite-button");
  var citeText = document.getElementById("cite-text");
  var citeStatus = document.getElementById("cite-status");
  function citeFor(section) {
    var page = section ? section.dataset.page : cite.dataset.first;
    return cite.dataset.before + page + cite.dataset.after;
  }
  function showCite() {
    if (!cite || !citeText) return;
    citeText.textContent = citeFor(currentPage());
    if (citeButton) citeButton.textContent = "Copy pin cite (p. " + (currentPage() ? currentPage().dataset.page : cite.dataset.first) + ")";
  }
  function copyCite() {
    var text = citeFor(currentPage());
    citeText.textContent = text;
    function done(ok) {
      citeStatus.textContent = ok ? "Copied to the clipboard." : "Select the cite above and copy it (the browser refused the clipboard).";
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
    } else {
      done(false);
    }
  }
  if (citeButton) {
    citeButton.addEventListener("click", copyCite);
    showCite();
  }
})();
