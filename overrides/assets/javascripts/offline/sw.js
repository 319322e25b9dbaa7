/* The guide's service worker: the whole site kept on the device, to read with no signal.
 *
 * The build (macros/web/offline.py) publishes this file at the site's root as sw.js, after every
 * other file is written, with one line before it: self.PG_OFFLINE = { version, files }, where
 * files maps each address (from the site's root; a page by its folder, "about/") to the hash of
 * its bytes. A new build with any file changed has a new version, so sw.js changes and the
 * browser installs the new worker beside the old one.
 *
 * - install: every file goes into a cache named for the version. A file whose hash is the same
 *   as in the cache of the version before is copied from there, not downloaded again.
 * - The new worker then waits: the pages open go on being served by the old one, all from the
 *   same version. offline.js tells the reader a newer version is ready; their choice posts
 *   "pg-offline-update", and the new worker takes over (activate deletes the older caches).
 * - fetch: a file of the list is answered from the cache (a page's ?highlight= is ignored), any
 *   other request of this site goes to the network. Requests to other hosts are never touched.
 * - A page posting "pg-offline-remove" (the button on /offline/) has every cache of the guide
 *   deleted; the page then unregisters this worker.
 */
"use strict";

const PREFIX = "pg-offline-";
const MANIFEST = "pg-offline-manifest"; // the cache's own record of the hashes it holds
const SETUP = self.PG_OFFLINE || { version: "none", files: {} };
const CACHE = PREFIX + SETUP.version;
const ROOT = new URL("./", self.location.href); // the site's root: this file is published there

function keyOf(url) {
  const u = new URL(url, ROOT);
  u.hash = "";
  u.search = "";
  // a page is kept under its folder's address: /about/ and /about/index.html are one page
  if (u.pathname.endsWith("/index.html")) u.pathname = u.pathname.slice(0, -"index.html".length);
  return u.href;
}

const WANTED = new Map(Object.entries(SETUP.files).map(([path, hash]) => [keyOf(path), hash]));

async function previousCaches() {
  const names = (await caches.keys()).filter((n) => n.startsWith(PREFIX) && n !== CACHE);
  const found = [];
  for (const name of names) {
    const cache = await caches.open(name);
    const record = await cache.match(new URL(MANIFEST, ROOT).href);
    if (record) found.push({ cache, hashes: new Map(Object.entries(await record.json())) });
  }
  return found;
}

async function fill() {
  const cache = await caches.open(CACHE);
  const older = await previousCaches();
  const queue = [...WANTED.entries()];
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const [url, hash] = item;
      if (await cache.match(url)) continue;
      let response = null;
      for (const old of older) {
        if (old.hashes.get(url) === hash) response = await old.cache.match(url);
        if (response) break;
      }
      if (!response) {
        response = await fetch(url, { cache: "no-cache", credentials: "same-origin" });
        if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      }
      await cache.put(url, response);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]); // four at a time, as browsers do
  const record = JSON.stringify(Object.fromEntries(WANTED));
  await cache.put(new URL(MANIFEST, ROOT).href, new Response(record, { headers: { "Content-Type": "application/json" } }));
}

self.addEventListener("install", (event) => {
  event.waitUntil(fill());
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const what = event.data && event.data.type;
  if (what === "pg-offline-update") self.skipWaiting();
  else if (what === "pg-offline-remove") {
    event.waitUntil(
      (async () => {
        for (const name of await caches.keys()) if (name.startsWith(PREFIX)) await caches.delete(name);
        if (event.source) event.source.postMessage({ type: "pg-offline-removed" });
      })(),
    );
  } else if (what === "pg-offline-version" && event.source) {
    event.source.postMessage({ type: "pg-offline-version", version: SETUP.version });
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT.href)) return; // not this site's: left alone
  const key = keyOf(request.url);
  if (!WANTED.has(key)) return; // not kept offline: the network, as without this worker
  event.respondWith(
    (async () => {
      // caches.match, not caches.open: opening would make the cache again after it was removed
      const kept = await caches.match(key, { cacheName: CACHE });
      if (kept) return kept;
      return fetch(request); // not stored yet (still installing): the network
    })(),
  );
});
