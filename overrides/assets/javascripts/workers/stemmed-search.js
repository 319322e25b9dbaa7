/*
 * English stemming for Material's search, on both sides of the index.
 *
 * With `pipeline: [stemmer, ...]` (mkdocs.yml) Material's worker stems every word it puts in
 * the index ("counties" and "county" are both stored as "counti"), but it turns each word of
 * a query into a prefix search ("county*"), and lunr skips its pipeline for such a term, so
 * the query word is never stemmed and "county" finds nothing. This small worker runs first:
 * it stems each plain word of a query (with the same Porter stemmer, lunr.stemmer) before
 * Material's worker sees it, so "county" becomes "counti*" and finds "county" and "counties".
 *
 * A word still being typed may have gone past its stem ("listeni" on the way to "listening",
 * whose stem is "listen"): a word that is not a word of the site but begins some, is searched
 * for by what the stems of those words have in common, so results do not vanish mid-word.
 *
 * Material's search.suggest completes the last word from index terms, which are stems: the
 * results are passed back through here and each suggested stem is shown as a real word of the
 * page titles ("counti" as "county").
 *
 * The page's search config points at this file with Material's worker name after a "#"
 * (overrides/main.html, block config); nothing else of Material's is changed. The
 * message types are Material's: 0 set-up (config and documents), 2 query, 3 result.
 */
(function () {
  "use strict";

  var SETUP = 0, QUERY = 2, RESULT = 3;

  // Words the Porter stemmer folds into a commoner word, which then outranks them:
  // "familial" would become "famili", as "family" does, and "extra-familial harm" would
  // list the whole-family pages first. They are kept as they are, in the index and queries.
  var KEEP = new Set(["familial"]);

  var stemming = false;   // the index is stemmed only if the pipeline has the stemmer
  var words = [];         // every word of the site, sorted, for prefix look-ups
  var wordSet = new Set();
  var titleStems = new Map();  // stem -> Map(word -> count) over the words of page titles
  var lastTyped = "";     // the last plain word of the latest query, as typed

  function keepSome(porter) {
    var stemmer = function (token) {
      return KEEP.has(token.toString()) ? token : porter(token);
    };
    stemmer.label = "stemmer";
    return stemmer;
  }

  function stem(word) {
    return self.lunr.stemmer(new self.lunr.Token(word, {})).toString();
  }

  // A document's words, cut and trimmed as the index cuts them (so "family's" gives the
  // stem "family'", as in the index).
  function eachWord(text, cut, fn) {
    String(text || "").replace(/<[^>]*>/g, " ").split(cut).forEach(function (piece) {
      var word = (piece || "").toLowerCase().replace(/^\W+/, "").replace(/\W+$/, "");
      if (word) fn(word);
    });
  }

  function learn(docs, separator) {
    var cut = new RegExp(separator || "[\\s\\-]+");
    docs.forEach(function (doc) {
      eachWord(doc.title, cut, function (word) {
        wordSet.add(word);
        var key = stem(word);
        var counts = titleStems.get(key) || new Map();
        counts.set(word, (counts.get(word) || 0) + 1);
        titleStems.set(key, counts);
      });
      eachWord(doc.text, cut, function (word) { wordSet.add(word); });
    });
    words = Array.from(wordSet).sort();
  }

  // The words of the site that begin with a prefix (binary search in the sorted list).
  function completions(prefix) {
    var lo = 0, hi = words.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (words[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    var found = [];
    for (var i = lo; i < words.length && words[i].indexOf(prefix) === 0; i++) found.push(words[i]);
    return found;
  }

  function commonPrefix(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return a.slice(0, n);
  }

  // What to search for, for one typed word: its stem, or, for a word that only begins words
  // of the site, the longest beginning their stems share.
  function searchTerm(word) {
    if (wordSet.has(word)) return stem(word);
    var longer = completions(word);
    if (!longer.length) return stem(word);
    return longer.map(stem).reduce(commonPrefix);
  }

  // A plain word: letters only, not a field name ("title:"), not part of a longer token
  // such as an ID with digits. Syntax around it (+, -, *, quotes) is left as it is.
  var WORD = /(^|[^A-Za-z0-9_])([A-Za-z]+)(?![A-Za-z0-9_:])/g;

  function stemQuery(query) {
    return query.replace(WORD, function (match, before, word) {
      lastTyped = word.toLowerCase();
      return before + searchTerm(lastTyped);
    });
  }

  // The real word for a suggested stem: one that starts with what was typed, else the most
  // frequent in the titles, else the stem itself.
  function wordFor(key) {
    var counts = titleStems.get(key);
    if (!counts) return key;
    var best = key, bestScore = -1;
    counts.forEach(function (count, word) {
      var score = count + (lastTyped && word.indexOf(lastTyped) === 0 ? 1e6 : 0);
      if (score > bestScore) { best = word; bestScore = score; }
    });
    return best;
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (!message) return;
    if (message.type === SETUP && message.data && message.data.config) {
      stemming = (message.data.config.pipeline || []).indexOf("stemmer") !== -1;
      if (stemming) {
        // before Material's listener builds the index with lunr.stemmer
        self.lunr.stemmer = keepSome(self.lunr.stemmer);
        self.lunr.Pipeline.registeredFunctions.stemmer = self.lunr.stemmer;
        learn(message.data.docs || [], message.data.config.separator);
      }
    } else if (message.type === QUERY && stemming && typeof message.data === "string") {
      message.data = stemQuery(message.data);
    }
  });

  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (stemming && message && message.type === RESULT && message.data && Array.isArray(message.data.suggest)) {
      message.data.suggest = message.data.suggest.map(wordFor);
    }
    return post.apply(null, arguments);
  };

  // Material's worker, named after the "#" (a fragment is never sent to the server)
  var material = self.location.hash.slice(1);
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) {
    throw new Error("stemmed-search.js: no valid #<Material worker> name in " + self.location.href);
  }
  self.importScripts(material);
}());
