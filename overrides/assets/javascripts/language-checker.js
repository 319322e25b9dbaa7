// The language checker page (overrides/language-checker.html).
//
// The patterns are compiled once, by macros/lint.py, from standards/language.yml and read
// here from assets/data/language.json. find() applies them with the same steps as
// Matcher.spans() in macros/lint.py, so the page, the command line and the build always agree:
//   1. every rule's pattern over the whole text (case-insensitive), left to right;
//   2. a match is dropped when the text before it matches the rule's not_before pattern, or
//      the text after it matches its not_after pattern;
//   3. overlapping matches: the one starting first wins, then the longer, then the earlier rule.
// Lines and columns count from 1, in characters (code points), as the command line does.
//
// Privacy: the only request is for the patterns file on this site. The text typed here is
// never sent anywhere and never stored; it is only ever set as text, never parsed as HTML.
(function () {
  "use strict";

  var root = document.getElementById("pg-lc");
  if (!root) return;

  var form = document.getElementById("pg-lc-form");
  var input = document.getElementById("pg-lc-text");
  var checkButton = document.getElementById("pg-lc-check");
  var clearButton = document.getElementById("pg-lc-clear");
  var status = document.getElementById("pg-lc-status");
  var results = document.getElementById("pg-lc-results");
  var marked = document.getElementById("pg-lc-marked");
  var list = document.getElementById("pg-lc-list");
  var guideUrl = root.getAttribute("data-guide");
  var rules = null;

  function compile(data) {
    var flags = data.flags || "i";
    return data.rules.map(function (r, order) {
      return {
        rule: r,
        order: order,
        rx: new RegExp(r.pattern, flags + "g"),
        before: r.not_before ? new RegExp(r.not_before, flags) : null,
        after: r.not_after ? new RegExp(r.not_after, flags) : null,
      };
    });
  }

  function position(text, offset) {
    var lineStart = text.lastIndexOf("\n", offset - 1) + 1;
    var line = 1;
    for (var i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
    // columns in code points, as Python counts them
    return { line: line, col: Array.from(text.slice(lineStart, offset)).length + 1 };
  }

  function find(text) {
    var found = [];
    rules.forEach(function (c) {
      c.rx.lastIndex = 0;
      var m;
      while ((m = c.rx.exec(text)) !== null) {
        if (m[0].length === 0) {
          c.rx.lastIndex++;
          continue;
        }
        var s = m.index;
        var e = s + m[0].length;
        if (c.before && c.before.test(text.slice(0, s))) continue;
        if (c.after && c.after.test(text.slice(e))) continue;
        found.push({ start: s, end: e, order: c.order, rule: c.rule });
      }
    });
    found.sort(function (a, b) {
      return a.start - b.start || b.end - b.start - (a.end - a.start) || a.order - b.order;
    });
    var kept = [];
    found.forEach(function (f) {
      if (kept.length && f.start < kept[kept.length - 1].end) return;
      var p = position(text, f.start);
      f.line = p.line;
      f.col = p.col;
      f.text = text.slice(f.start, f.end);
      kept.push(f);
    });
    return kept;
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      node.append(c);
    });
    return node;
  }

  function oneLine(s) {
    return s.replace(/\s+/g, " ").trim();
  }

  function announce(message) {
    status.textContent = "";
    // a fresh text a moment later, so that the same words are announced again
    window.setTimeout(function () {
      status.textContent = message;
    }, 50);
  }

  function show(text, findings) {
    marked.replaceChildren();
    list.replaceChildren();
    var at = 0;
    findings.forEach(function (f, i) {
      var n = i + 1;
      if (f.start > at) marked.append(document.createTextNode(text.slice(at, f.start)));
      marked.append(el("mark", { id: "pg-lc-m-" + n, class: "pg-lc-mark", text: f.text }));
      marked.append(
        el("a", { href: "#pg-lc-f-" + n, class: "pg-lc-ref", "aria-label": "finding " + n + ": " + f.rule.label }, [
          "[" + n + "]",
        ])
      );
      at = f.end;

      var r = f.rule;
      var say = el(
        "ul",
        {},
        r.say_instead.map(function (s) {
          return el("li", { text: s });
        })
      );
      list.append(
        el(
          "li",
          {
            id: "pg-lc-f-" + n,
            class: "pg-lc-finding",
            "data-rule": r.id,
            "data-line": String(f.line),
            "data-col": String(f.col),
            "data-text": f.text,
          },
          [
            el("p", { class: "pg-lc-found" }, [
              el("strong", { text: "\u201c" + oneLine(f.text) + "\u201d" }),
              " on line " + f.line + ", column " + f.col + " ",
              el("a", { href: "#pg-lc-m-" + n, text: "(show in your text)" }),
            ]),
            el("dl", {}, [
              el("div", {}, [el("dt", { text: "The label it puts on parents" }), el("dd", { text: r.label })]),
              el("div", {}, [el("dt", { text: "How it lands" }), el("dd", { text: r.how_it_lands })]),
              el("div", {}, [el("dt", { text: "Why it harms" }), el("dd", { text: r.why_it_harms })]),
              el("div", {}, [el("dt", { text: "Say instead" }), el("dd", {}, [say])]),
            ]),
            el("p", {}, [el("a", { href: guideUrl + "#" + r.id, text: "More about \u201c" + r.phrase + "\u201d in the language guide" })]),
          ]
        )
      );
    });
    if (at < text.length) marked.append(document.createTextNode(text.slice(at)));
    results.hidden = false;
  }

  function check() {
    var text = input.value;
    if (!text.trim()) {
      results.hidden = true;
      announce("There is no text to check yet: paste or type some text first.");
      return;
    }
    var findings = find(text);
    show(text, findings);
    if (findings.length === 0) {
      list.append(el("li", { class: "pg-lc-none", text: "No phrases from the language guide were found." }));
      announce("No phrases from the language guide were found.");
    } else {
      var first = findings[0];
      announce(
        (findings.length === 1 ? "1 phrase found" : findings.length + " phrases found") +
          ". The first is \u201c" + oneLine(first.text) + "\u201d on line " + first.line + " (" + first.rule.label + "). The list follows your text."
      );
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (rules) check();
  });
  clearButton.addEventListener("click", function () {
    input.value = "";
    results.hidden = true;
    marked.replaceChildren();
    list.replaceChildren();
    announce("Cleared.");
    input.focus();
  });

  fetch(root.getAttribute("data-src"), { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(function (data) {
      rules = compile(data);
      checkButton.disabled = false;
      root.setAttribute("data-ready", "true");
      status.textContent = "Ready: " + data.rules.length + " phrases from the language guide.";
    })
    .catch(function () {
      status.textContent = "The list of phrases could not be loaded, so the checker cannot run. Reload the page to try again.";
    });
})();
