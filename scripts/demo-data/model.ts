// The work model the demo generator describes records from, and its seeded random numbers.
// No I/O, no clock: the same seed gives the same archives, byte for byte.

import type { Person } from './people.js';

export type Lang = 'en' | 'fr' | 'de' | 'nl' | 'la' | 'it' | 'ja';

/** A string with the language it is written in (xml:lang), when it has one. */
export interface Text {
  value: string;
  lang?: Lang;
}

/** When a work was made, as known; each archive writes it its own way. */
export interface When {
  year?: number;
  /** Last year of a range. */
  end?: number;
  /** Exact day, YYYY-MM-DD. */
  exact?: string;
  /** The year is an estimate. */
  approx?: boolean;
}

export type Kind = 'map' | 'plan' | 'print' | 'book' | 'photo' | 'portrait' | 'letter' | 'manuscript' | 'drawing';

/** One work (a map, a print, a photograph, a letter) before any archive describes it. */
export interface Work {
  /** Stable key, e.g. `speed:Kent`: ties the records of the same work across archives. */
  key: string;
  kind: Kind;
  title: Text;
  /** Titles in other languages, or the original where the title is a translation. */
  parallel: Text[];
  /** Words an archive may add as a subtitle. */
  subtitle?: Text;
  creators: Person[];
  contributors: Person[];
  when: When;
  /** Places the work shows or concerns (dc:coverage). */
  places: string[];
  subjects: Text[];
  description: Text[];
  publisher?: string;
  /** Languages of the text on the work; empty for images without text. */
  languages: Lang[];
  /** Physical description. */
  extent?: string;
  /** The larger work it is part of (atlas, series, volume). */
  partOf?: string;
  isbn?: string;
  /** Sets of the first archive this work belongs in. */
  sets: string[];
}

/** mulberry32: small, fast and good enough for test data; seeded, so runs repeat. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return (items[items.length - 1] as readonly [T, number])[0];
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** Up to n distinct items, in a random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle(items).slice(0, n);
  }
}

export const t = (value: string, lang?: Lang): Text => (lang === undefined ? { value } : { value, lang });
