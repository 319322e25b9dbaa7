// Every assessment lives in the browser's local storage under one key, on this device only.
// Nothing here makes a request. A write either stores the whole new state or, if the browser
// refuses (storage full or switched off), leaves the previous state as it was and says so.

import { carryOver, compareVersions } from "./core.js";

export const KEY = "pasp-assessments";
export const STORE_VERSION = 1;

function empty() {
  return { store_version: STORE_VERSION, current: null, assessments: [] };
}

export class Store {
  constructor(idx, storage = globalThis.localStorage) {
    this.idx = idx;
    this.storage = storage;
    this.problem = null; // a message when the saved state could not be read or written
    this.state = this.read();
  }

  read() {
    let raw = null;
    try {
      raw = this.storage.getItem(KEY);
    } catch (err) {
      this.problem = "This browser does not let the page use its storage, so nothing can be saved. Check that cookies and site data are allowed.";
      return empty();
    }
    if (!raw) return empty();
    let state;
    try {
      state = JSON.parse(raw);
      if (!state || !Array.isArray(state.assessments)) throw new Error("shape");
    } catch (err) {
      // Keep the unreadable copy beside it rather than overwrite someone's work.
      const aside = `${KEY}-unreadable-${Date.now()}`;
      try {
        this.storage.setItem(aside, raw);
        this.storage.removeItem(KEY);
      } catch (e) {
        /* the original stays where it was */
      }
      this.problem = `The assessments saved in this browser could not be read. They were kept aside under "${aside}".`;
      return empty();
    }
    const notes = [];
    for (const a of state.assessments) {
      a.ratings = a.ratings || {};
      if (!a.data_version || compareVersions(a.data_version, this.idx.version) < 0) {
        a.ratings = carryOver(a.ratings, this.idx, notes);
        a.data_version = this.idx.version;
      }
    }
    if (!state.assessments.some((a) => a.id === state.current)) state.current = state.assessments[0]?.id ?? null;
    this.migrationNotes = notes;
    return state;
  }

  /** Write the whole state. Returns true, or false with `problem` set. */
  save() {
    try {
      this.storage.setItem(KEY, JSON.stringify(this.state));
      this.problem = null;
      this.savedAt = new Date();
      return true;
    } catch (err) {
      this.problem = "Could not save: the browser's storage for this site is full or switched off. Export your assessment as a file now so nothing is lost.";
      return false;
    }
  }

  get list() {
    return this.state.assessments;
  }

  get current() {
    return this.state.assessments.find((a) => a.id === this.state.current) || null;
  }

  select(id) {
    this.state.current = id;
    return this.save();
  }

  add(assessments) {
    const before = JSON.stringify(this.state);
    this.state.assessments.push(...assessments);
    this.state.current = assessments[assessments.length - 1].id;
    if (this.save()) return true;
    this.state = JSON.parse(before);
    return false;
  }

  remove(id) {
    this.state.assessments = this.state.assessments.filter((a) => a.id !== id);
    if (this.state.current === id) this.state.current = this.state.assessments[0]?.id ?? null;
    return this.save();
  }
}
