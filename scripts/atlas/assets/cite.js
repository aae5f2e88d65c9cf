/* "Cite this" on record pages (section[data-atlas-cite], see templates/_cite.j2).
 *
 * Every citation is already text in the page: without JavaScript a reader opens the
 * details and selects it. This script adds what needs a browser:
 *
 * - a copy button above each format (one click copies it: navigator.clipboard, or, where
 *   that is missing or refused, execCommand("copy") on a scratch textarea; if both fail the
 *   text is selected and the status says to press Ctrl+C). A fact's button copies the fact's
 *   entry and its source's (its data-cite-with names the source's block). The status is
 *   announced (aria-live); the words come from the section (data-copy, data-copied, …), so
 *   they are in the page's language;
 * - following a fact's "Cite" link (#cite-fact-<id>) opens that fact's citations, and the
 *   details around them, also when the page is opened at such an address.
 *
 * The DOM is built with createElement and textContent only.
 */
(function () {
  "use strict";

  var SHOWN_MS = 2000;

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  /* The text a format's button copies: its own, and for a fact its source's entry in the
   * same format (data-cite-with), joined as that format joins entries. */
  function citation(pre) {
    var text = pre.textContent;
    var fact = pre.closest("[data-cite-with]");
    var withId = fact && fact.getAttribute("data-cite-with");
    var holder = withId && document.getElementById(withId);
    var format = pre.getAttribute("data-cite-format");
    var other = holder && holder.querySelector('pre[data-cite-format="' + format + '"]');
    if (!other) return text;
    var more = other.textContent;
    if (format === "csl-json") return "[" + text.slice(1, -1) + ",\n" + more.slice(1, -1) + "]";
    return text + (format === "bibtex" ? "\n\n" : "\n") + more;
  }

  function copyByCommand(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "atlas-cite-scratch";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(area);
    return copied;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyByCommand(text); }
      );
    }
    return Promise.resolve(copyByCommand(text));
  }

  function addButton(section, pre) {
    var words = section.dataset;
    var term = pre.parentNode.previousElementSibling;  /* the format's <dt> */
    var name = term ? term.textContent : "";
    if (pre.closest("[data-cite-with]")) name += ", " + words.withSource;
    var bar = document.createElement("span");
    bar.className = "atlas-cite-copy";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button atlas-cite-button";
    button.textContent = words.copy;
    button.setAttribute("aria-label", words.copy + ": " + name);
    var status = document.createElement("span");
    status.className = "atlas-cite-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var timer = null;
    button.addEventListener("click", function () {
      copy(citation(pre)).then(function (copied) {
        window.clearTimeout(timer);
        status.textContent = copied ? words.copied + ": " + name : words.copyFailed;
        button.textContent = copied ? words.copied : words.copy;
        button.setAttribute("data-copied", copied ? "true" : "false");
        if (!copied) selectText(pre);
        timer = window.setTimeout(function () {
          button.textContent = words.copy;
          button.removeAttribute("data-copied");
          status.textContent = "";
        }, SHOWN_MS);
      });
    });
    bar.appendChild(button);
    bar.appendChild(status);
    pre.parentNode.insertBefore(bar, pre);
  }

  /* Open the details that hold the element of the address's #fragment, if it is ours. */
  function openTarget(hash) {
    if (!/^#cite-/.test(hash || "")) return;
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
    target.scrollIntoView();
  }

  function start() {
    var sections = all(document, "section[data-atlas-cite]");
    if (!sections.length) return;
    sections.forEach(function (section) {
      all(section, ".atlas-cite-formats pre").forEach(function (pre) { addButton(section, pre); });
    });
    all(document, "a.atlas-cite-link").forEach(function (link) {
      link.addEventListener("click", function () { openTarget(link.getAttribute("href")); });
    });
    window.addEventListener("hashchange", function () { openTarget(location.hash); });
    openTarget(location.hash);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
