/* Wide tables: a wrapper that scrolls sideways can take keyboard focus (WCAG 2.1.1).
 *
 * Material wraps every Markdown table in .md-typeset__scrollwrap, which scrolls when the table
 * is wider than the page (often on a phone). While it overflows, the wrapper becomes a
 * labelled region in the tab order (tabindex="0", role="region", aria-label from the
 * table's caption or the nearest heading before it), so keyboard users can scroll it with
 * the arrow keys. When it fits again, it leaves the tab order.
 * The guide's own tables (.pg-table-wrap) carry these attributes in their markup already.
 */
(function () {
  "use strict";

  var SELECTOR = ".md-typeset__scrollwrap";

  function label(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption && caption.textContent.trim()) return "Table: " + caption.textContent.trim();
    var node = wrap;
    while (node && node !== document.body) {
      var prev = node.previousElementSibling;
      while (prev) {
        if (/^H[1-6]$/.test(prev.tagName)) return "Table: " + prev.textContent.replace(/\s+/g, " ").trim();
        prev = prev.previousElementSibling;
      }
      node = node.parentElement;
    }
    return "Table";
  }

  function update(wrap) {
    var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls && !wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", label(wrap) + " (scrolls sideways)");
      wrap.classList.add("pg-scroll-region");
    } else if (!scrolls && wrap.classList.contains("pg-scroll-region")) {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
      wrap.classList.remove("pg-scroll-region");
    }
  }

  function updateAll() {
    document.querySelectorAll(SELECTOR).forEach(update);
  }

  var observer = "ResizeObserver" in window ? new ResizeObserver(updateAll) : null;

  function start() {
    updateAll();
    if (observer) observer.observe(document.body);
    else window.addEventListener("resize", updateAll);
    // Material wraps tables from its bundle: catch wrappers it adds later.
    new MutationObserver(function (records) {
      for (var i = 0; i < records.length; i++) {
        if (records[i].addedNodes.length) {
          updateAll();
          return;
        }
      }
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
