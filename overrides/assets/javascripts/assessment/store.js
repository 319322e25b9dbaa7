// Every assessment lives in the browser's local storage under one key, on this device only.
// Nothing here makes a request. A write either stores the whole new state or, if the browser
// refuses (storage full or switched off), leaves the previous state as it was and says so.

import { carryOver, compareVersions } from "./core.js";

export const KEY = "pasp-assessments";
export const STORE_VERSION = 1;

const clone = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/** Merge one value field by field: what this tab changed since `base` wins, the rest is `remote`'s. */
function mergeValue(base, local, remote) {
  if (same(local, base)) return clone(remote);
  if (same(remote, base)) return clone(local);
  // deleted on one side, changed on the other: the changed one is kept whole, never a part of it
  if (local === undefined || remote === undefined) return clone(local === undefined ? remote : local);
  const objects = [base, local, remote].every((v) => v === undefined || (v && typeof v === "object" && !Array.isArray(v)));
  if (!objects) return clone(local); // both changed one plain value: this tab's edit is the later one
  const out = {};
  for (const key of new Set([...Object.keys(local || {}), ...Object.keys(remote || {}), ...Object.keys(base || {})])) {
    const v = mergeValue(base?.[key], local?.[key], remote?.[key]);
    if (v !== undefined) Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * Two tabs on the same assessments: `base` is what this tab last read or wrote, `local` is this
 * tab's state now, `remote` what storage holds now (another tab may have written it). Each
 * assessment is merged field by field, each standard's entry field by field: a field this tab
 * changed takes this tab's value, every other field the stored one, so neither tab's edit is lost.
 * An assessment added or removed in either tab is added or removed. `current` stays this tab's.
 */
export function mergeStates(base, local, remote) {
  const byId = (st) => new Map((st?.assessments || []).map((a) => [a.id, a]));
  const b = byId(base), l = byId(local), r = byId(remote);
  const order = [...(remote?.assessments || []).map((a) => a.id), ...(local?.assessments || []).map((a) => a.id)];
  const assessments = [];
  for (const id of new Set(order)) {
    const v = mergeValue(b.get(id), l.get(id), r.get(id));
    if (v !== undefined) assessments.push(v);
  }
  const current = assessments.some((a) => a.id === local?.current) ? local.current : assessments[0]?.id ?? null;
  return { ...clone(remote || local), assessments, current };
}

function empty() {
  return { store_version: STORE_VERSION, current: null, assessments: [] };
}

export class Store {
  constructor(idx, storage = globalThis.localStorage) {
    this.idx = idx;
    this.storage = storage;
    this.problem = null; // a message when the saved state could not be read or written
    this.state = this.read();
    this.base = clone(this.state); // what this tab last read or wrote: the base of a merge
  }

  /**
   * What storage holds now, merged with this tab's changes since it last read or wrote:
   * `{ state, stored }`, where `stored` is the stored state that was merged in (the next base).
   */
  merged() {
    const keep = { state: this.state, stored: this.base };
    let raw = null;
    try {
      raw = this.storage.getItem(KEY);
    } catch (err) {
      return keep;
    }
    if (!raw || raw === JSON.stringify(this.base)) return keep;
    let stored;
    try {
      stored = JSON.parse(raw);
    } catch (err) {
      return keep; // an unreadable copy is not merged: this tab's whole state is written
    }
    if (!stored || typeof stored !== "object" || !Array.isArray(stored.assessments)) return keep;
    return { state: mergeStates(this.base, this.state, stored), stored };
  }

  /** Another tab wrote: take its changes, keep this tab's unsaved ones (they stay unsaved). */
  refresh() {
    const { state, stored } = this.merged();
    this.state = state;
    this.base = clone(stored);
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
      const { state } = this.merged(); // another tab's edits since this tab last read are kept
      this.storage.setItem(KEY, JSON.stringify(state));
      this.state = state;
      this.base = clone(state);
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
