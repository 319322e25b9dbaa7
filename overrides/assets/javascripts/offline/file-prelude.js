// The start of each script of the copy opened from a folder (file://), where the browser runs
// neither ES modules nor fetch(). macros/web/offline.py joins the site's modules into one
// classic script after this; inside it, for those modules only:
// - fetch() of a JSON file of the site is answered from that file's copy as a script
//   (assets/javascripts/offline/files/<its path>.js, which calls __pgFile with its data),
//   loaded by a <script> element the first time; any other fetch is the browser's;
// - import() of Pagefind's script gives file-engine.js, and of its highlighter one that marks
//   nothing (the result's page is still the page).
// __PG_DEPTH__ is put in by the build: how many folders below the site's root the script is.
const __pgSite = new URL("../".repeat(__PG_DEPTH__), document.currentScript.src);
const __pgWaiting = {};
window.__pgFiles = window.__pgFiles || {};
window.__pgFile = window.__pgFile || function (path, value) {
  window.__pgFiles[path] = value;
};

function __pgLoad(path) {
  if (path in window.__pgFiles) return Promise.resolve(window.__pgFiles[path]);
  if (!__pgWaiting[path]) {
    __pgWaiting[path] = new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = new URL(`assets/javascripts/offline/files/${path}.js`, __pgSite).href;
      tag.onload = () => (path in window.__pgFiles ? resolve(window.__pgFiles[path]) : reject(new Error(`${path} is missing`)));
      tag.onerror = () => reject(new Error(`${path} is missing`));
      document.head.appendChild(tag);
    });
  }
  return __pgWaiting[path];
}

const fetch = (what, init) => {
  const url = new URL(what instanceof Request ? what.url : String(what), document.baseURI);
  url.hash = "";
  url.search = "";
  if (url.href.startsWith(__pgSite.href) && url.pathname.endsWith(".json")) {
    const path = decodeURIComponent(url.href.slice(__pgSite.href.length));
    return __pgLoad(path).then(
      (value) => new Response(JSON.stringify(value), { status: 200, headers: { "Content-Type": "application/json" } }),
      () => new Response("", { status: 404 }),
    );
  }
  return window.fetch(what, init);
};

function __pgImport(url) {
  const href = String(url);
  if (href.endsWith("/pagefind/pagefind.js")) return Promise.resolve(__pgRequire("offline/file-engine.js"));
  if (href.endsWith("/pagefind/pagefind-highlight.js")) return Promise.resolve({ default: class { constructor() {} } });
  return Promise.reject(new Error(`${href} cannot be loaded from a folder`));
}
