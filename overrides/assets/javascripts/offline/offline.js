/* The guide on this device, for reading with no signal (the page /offline/ says what and why).
 *
 * On every page served over http(s): registers the service worker the build publishes at the
 * site's root (sw.js, from offline/sw.js), unless the reader removed the stored copy and asked
 * for it not to be stored again on this device (the choice is kept in this browser).
 * When a newer version of the guide has been published and stored, a status region below the
 * header says so, with a button to switch to it; nothing moves until the reader chooses.
 *
 * On /offline/ (the elements marked data-pg-offline-*): says whether the guide is stored in this
 * browser, and its buttons remove it (every cache of the guide deleted, the worker
 * unregistered) or store it again. Opened from a folder (file://), nothing is stored by the
 * browser, and the page says so.
 */
(function () {
  "use strict";

  var PREFIX = "pg-offline-";
  var OFF = "pg-offline-off"; // localStorage: "1" when the reader asked not to store the guide
  var script = document.currentScript;
  var root = new URL("../../../", script ? script.src : location.href); // this file is assets/javascripts/offline/
  var supported = "serviceWorker" in navigator && "caches" in window && /^https?:$/.test(location.protocol);
  var region = null; // the status region at the top of the page, made at once so that it is announced

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text) node.textContent = text;
    return node;
  }

  function makeRegion() {
    region = el("div", { role: "status", class: "pg-offline-news", "data-pg-offline-news": "" });
    // below the header: the skip link and quick exit stay the first things the Tab key reaches
    var header = document.querySelector("header.md-header");
    if (header && header.parentNode) header.parentNode.insertBefore(region, header.nextSibling);
    else document.body.appendChild(region);
  }

  function turnedOff() {
    try {
      return window.localStorage.getItem(OFF) === "1";
    } catch (e) {
      return false;
    }
  }

  function setOff(on) {
    try {
      if (on) window.localStorage.setItem(OFF, "1");
      else window.localStorage.removeItem(OFF);
    } catch (e) {
      /* storage refused: the choice lasts for this visit */
    }
  }

  /** Say that a newer version is ready, with a button that switches to it. */
  function offerUpdate(worker) {
    if (!region || region.querySelector("button")) return;
    // Material's own styles: a note (admonition) in the page's grid, in the theme's colours
    var inner = el("div", { class: "admonition info" });
    var words = el("p", {}, "A newer version of this guide is ready. ");
    var button = el("button", { type: "button", class: "md-button", "data-pg-offline-update": "" }, "Show the newer version");
    button.addEventListener("click", function () {
      button.disabled = true;
      worker.postMessage({ type: "pg-offline-update" });
    });
    words.appendChild(button);
    inner.appendChild(words);
    region.className = "pg-offline-news md-grid md-typeset";
    region.appendChild(inner);
  }

  function watch(registration) {
    if (registration.waiting && navigator.serviceWorker.controller) offerUpdate(registration.waiting);
    registration.addEventListener("updatefound", function () {
      var coming = registration.installing;
      if (!coming) return;
      coming.addEventListener("statechange", function () {
        // installed while an older version serves this page: a newer one is ready
        if (coming.state === "installed" && navigator.serviceWorker.controller) offerUpdate(coming);
        if (coming.state === "activated") describe();
      });
    });
  }

  function register() {
    return navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname }).then(function (registration) {
      watch(registration);
      return registration;
    });
  }

  // --- the page /offline/ -----------------------------------------------------------------

  function part(name) {
    return document.querySelector("[data-pg-offline-" + name + "]");
  }

  function say(text) {
    var status = part("status");
    if (status) status.textContent = text;
  }

  function guideCaches() {
    return caches.keys().then(function (names) {
      return names.filter(function (n) {
        return n.indexOf(PREFIX) === 0;
      });
    });
  }

  function describe() {
    var status = part("status");
    if (!status) return Promise.resolve();
    if (!supported) {
      status.textContent = location.protocol === "file:"
        ? "You opened this copy from a folder, so your browser stores nothing. To remove it, delete the folder and the zip file."
        : "This browser cannot store the guide for use with no signal.";
      return Promise.resolve();
    }
    return guideCaches().then(function (names) {
      var stored = names.length > 0;
      // the buttons' wrappers are hidden (Material's .md-button would show a hidden button)
      var remove = part("remove-part");
      var restore = part("restore-part");
      if (remove) remove.hidden = !stored;
      if (restore) restore.hidden = stored || !turnedOff();
      if (stored) status.textContent = "The guide is stored in this browser on this device.";
      else if (turnedOff()) status.textContent = "The guide is not stored in this browser, and will not be stored again on this device unless you choose to.";
      else status.textContent = "The guide is not stored in this browser yet.";
    });
  }

  function removeAll() {
    setOff(true);
    var jobs = [navigator.serviceWorker.getRegistrations().then(function (list) {
      return Promise.all(list.map(function (r) {
        return r.scope.indexOf(root.href) === 0 ? r.unregister() : false;
      }));
    })];
    jobs.push(guideCaches().then(function (names) {
      return Promise.all(names.map(function (n) {
        return caches.delete(n);
      }));
    }));
    return Promise.all(jobs);
  }

  function setUpPage() {
    var remove = part("remove");
    var restore = part("restore");
    if (remove) {
      remove.addEventListener("click", function () {
        remove.disabled = true;
        removeAll().then(function () {
          remove.disabled = false;
          return describe();
        }).then(function () {
          say("Removed. The guide is no longer stored in this browser, and it will not be stored again on this device unless you choose to. You can still read it with a connection.");
        }, function () {
          remove.disabled = false;
          say("Something went wrong, and the guide may still be stored. Try again, or follow the steps for your browser below.");
        });
      });
    }
    if (restore) {
      restore.addEventListener("click", function () {
        setOff(false);
        part("restore-part").hidden = true;
        say("Storing the guide on this device. This takes a moment with a connection.");
        register().then(function (registration) {
          var w = registration.installing || registration.waiting || registration.active;
          if (w && w.state === "activated") return describe();
          return new Promise(function (done) {
            if (!w) return done();
            w.addEventListener("statechange", function () {
              if (w.state === "activated" || w.state === "redundant") done();
            });
          }).then(describe);
        }, function () {
          say("The guide could not be stored. Check your connection and try again.");
        });
      });
    }
    describe();
  }

  function start() {
    makeRegion();
    if (supported) {
      var reloading = false;
      navigator.serviceWorker.addEventListener("controllerchange", function () {
        // the newer version took over because the reader asked for it (or another tab did)
        if (reloading || !region || !region.querySelector("button")) return;
        reloading = true;
        location.reload();
      });
      if (!turnedOff()) register().catch(function () {});
      else {
        // removed on this device: a worker still here (from another tab) is let go
        navigator.serviceWorker.getRegistration(root.href).then(function (r) {
          if (r) r.unregister();
        });
      }
    }
    if (part("status")) setUpPage();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
