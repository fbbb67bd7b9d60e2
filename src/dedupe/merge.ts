// The merged view of a cluster: best title, union of creators, subjects and identifiers, widest
// date range, all links; every value names the member it came from. Pure: no I/O.

import type { NormalisedRecord } from '../model/record.js';
import { creatorKey } from './features.js';
import { foldText, mainTitle } from './text.js';
import type { FromMember, MergedView } from './types.js';

/** Descriptions kept in a merged view (they are long and add little past the first few). */
const MAX_DESCRIPTIONS = 5;

/** Values of every member, first occurrence kept, deduplicated by `key`. */
function unionOf<T>(members: NormalisedRecord[], get: (r: NormalisedRecord) => T[] | undefined, key: (v: T) => string, limit = Infinity): FromMember<T>[] | undefined {
  const seen = new Set<string>();
  const out: FromMember<T>[] = [];
  for (const r of members) {
    for (const value of get(r) ?? []) {
      const k = key(value);
      if (!k || seen.has(k)) continue;
      seen.add(k);
      out.push({ value, from: r.id });
      if (out.length >= limit) return out;
    }
  }
  return out.length ? out : undefined;
}

/**
 * Merges the members of a cluster (any order; they are sorted by id for stable output). The best
 * title is the main title most members agree on, in its most complete form.
 */
export function buildMergedView(records: NormalisedRecord[]): MergedView {
  const members = [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const view: MergedView = { sources: unionOf(members, (r) => [r.source.id], (s) => s) ?? [] };

  const votes = new Map<string, number>();
  for (const r of members) {
    const t = r.title[0]?.value;
    if (!t) continue;
    const k = foldText(mainTitle(t));
    votes.set(k, (votes.get(k) ?? 0) + 1);
  }
  let best: FromMember<NonNullable<NormalisedRecord['title'][number]>> | undefined;
  let bestRank = [-1, -1];
  for (const r of members) {
    const t = r.title[0];
    if (!t?.value) continue;
    const rank = [votes.get(foldText(mainTitle(t.value))) ?? 0, t.value.length];
    if (rank[0]! > bestRank[0]! || (rank[0] === bestRank[0] && rank[1]! > bestRank[1]!)) {
      best = { value: t, from: r.id };
      bestRank = rank;
    }
  }
  if (best) view.title = best;
  const titleKey = best ? foldText(best.value.value) : '';
  const set = <K extends keyof MergedView>(key: K, value: MergedView[K] | undefined): void => {
    if (value !== undefined) view[key] = value;
  };
  set('alternative', unionOf(members, (r) => [...r.title, ...(r.alternative ?? [])], (v) => {
    const k = foldText(v.value);
    return k === titleKey ? '' : k;
  }));
  set('creator', unionOf(members, (r) => r.creator, (a) => creatorKey(a.name, a.sortName)));
  set('contributor', unionOf(members, (r) => r.contributor, (a) => creatorKey(a.name, a.sortName)));
  set('subject', unionOf(members, (r) => r.subject, (v) => foldText(v.value)));
  set('identifier', unionOf(members, (r) => r.identifier, (i) => `${i.scheme}:${i.value}`));
  set('type', unionOf(members, (r) => r.type, (t) => t.value));
  set('language', unionOf(members, (r) => r.language, (l) => l));
  set('publisher', unionOf(members, (r) => r.publisher, (v) => foldText(v.value)));
  set('description', unionOf(members, (r) => r.description, (v) => foldText(v.value), MAX_DESCRIPTIONS));
  set('isShownAt', unionOf(members, (r) => (r.isShownAt ? [r.isShownAt] : undefined), (u) => u));
  set('isShownBy', unionOf(members, (r) => (r.isShownBy ? [r.isShownBy] : undefined), (u) => u));

  // The widest range: the earliest start and the latest end of any member.
  let earliest: FromMember<number> | undefined;
  let latest: FromMember<number> | undefined;
  for (const r of members) {
    const d = r.date;
    if (!d) continue;
    if (d.earliest !== undefined && (earliest === undefined || d.earliest < earliest.value)) earliest = { value: d.earliest, from: r.id };
    const end = d.latest ?? d.earliest;
    if (end !== undefined && (latest === undefined || end > latest.value)) latest = { value: end, from: r.id };
  }
  const display = unionOf(members, (r) => (r.date ? [r.date.display] : undefined), (s) => s);
  if (display) view.date = { display, ...(earliest ? { earliest } : {}), ...(latest ? { latest } : {}) };
  return view;
}
