/// <reference lib="dom" />
// The web page end to end in headless Chromium (Debian's, through playwright-core) against a
// real `buildServer` over a harvested demo catalogue with one stored cluster: search, filter by a
// facet, open a record, open its cluster; keyboard, labels and contrast; screenshots saved.

import type { FastifyInstance } from 'fastify';
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { createSearcher } from '../../src/search/search.js';
import { harvestDemo } from '../search/harvested.js';
import { tempDir } from '../helpers/tmp.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = new URL('../../test-results/', import.meta.url);
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[entente tests] ${CHROMIUM} is absent: the web page test is skipped (.ci/run installs Debian's chromium).`);

const dir = tempDir('entente-web-');
let app: FastifyInstance;
let base: string;
let browser: Browser;
let page: Page;
let clusterId: string;
let memberIds: string[];

beforeAll(async () => {
  if (!hasChromium) return;
  const dbPath = dir.file('demo.sqlite');
  const catalogue = await harvestDemo(dbPath);
  // One stored cluster of two "letter" records, as the dedupe run would write it.
  const [a, b] = createSearcher(catalogue.db).search({ q: 'letter darwin', records: true, limit: 2 }).hits;
  memberIds = [a!.id, b!.id].sort();
  clusterId = memberIds[0]!;
  const merged = { title: { value: a!.record.title[0], from: a!.id }, sources: [{ value: a!.record.source.id, from: a!.id }, { value: b!.record.source.id, from: b!.id }] };
  catalogue.db.prepare("INSERT INTO clusters (id, size, merged, rules, updated_at) VALUES (?, 2, ?, '[\"fuzzy\"]', '2026-11-28T00:00:00Z')").run(clusterId, JSON.stringify(merged));
  const member = catalogue.db.prepare('INSERT INTO cluster_members (record_id, cluster_id, rule, score, linked_to) VALUES (?, ?, ?, ?, ?)');
  member.run(memberIds[0], clusterId, 'seed', 1, null);
  member.run(memberIds[1], clusterId, 'fuzzy', 0.91, memberIds[0]);
  catalogue.close();
  app = await buildServer({ dbPath });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  dir.remove();
});

/** WCAG relative-luminance contrast ratio of two rgb() colours. */
function contrast(fg: string, bg: string): number {
  const lum = (c: string): number => {
    const [r, g, b] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [l1, l2] = [lum(fg), lum(bg)].sort((x, y) => y - x) as [number, number];
  return (l1 + 0.05) / (l2 + 0.05);
}

describe.skipIf(!hasChromium)('the web page', () => {
  it('searches, filters by a facet, opens a record and then its cluster', async () => {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(base + '/');
    await page.getByLabel('Search the catalogue').fill('letter');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /results? for/.test(document.querySelector('#status')?.textContent ?? ''));
    const before = Number((await page.textContent('#status'))!.replace(/[^\d]/g, '').trim() || '0');
    // The clustered pair shows as one hit with its size.
    await expect.poll(() => page.locator('text=2 records in this cluster').count()).toBe(1);
    await page.screenshot({ path: new URL('web-search.png', ARTIFACTS).pathname, fullPage: true });

    // Filter by a facet: the first language listed.
    const facet = page.locator('#facets section:has(h2:text("Language")) button.facet').first();
    const facetText = (await facet.textContent())!;
    const facetCount = Number((await facet.locator('xpath=following-sibling::span').textContent())!.replace(/\D/g, ''));
    await facet.click();
    await page.waitForFunction((v) => location.hash.includes(`language=${v}`), facetText);
    await expect.poll(async () => (await page.locator('#facets button[aria-pressed=true]').allTextContents()).join()).toContain(facetText);
    await expect.poll(async () => Number((await page.textContent('#status'))!.replace(/[^\d]/g, ''))).toBeLessThanOrEqual(Math.min(before, facetCount));

    // Open the clustered record, then its cluster.
    // Only the hash changes, so the page stays and the filtered results are shown until the new
    // ones arrive: wait for the status of this search, then follow the clustered hit.
    await page.goto(`${base}/#/search?q=${encodeURIComponent('letter darwin')}`);
    await page.waitForFunction(() => (document.querySelector('#status')?.textContent ?? '').includes('for “letter darwin”'));
    await page.locator('li.hit', { has: page.locator('text=2 records in this cluster') }).locator('h3 a').click();
    await page.locator('#record-title').waitFor();
    expect(await page.locator('dl.fields').textContent()).toMatch(/Title/);
    expect(await page.textContent('#view')).not.toMatch(/\[object |undefined/);
    expect(await page.locator('table').first().textContent()).toMatch(/Local identifier/);
    await page.locator('#cluster-link').click();
    await page.locator('#cluster-title').waitFor();
    expect(await page.textContent('#cluster-title')).toBe('Cluster of 2 records');
    const members = await page.locator('.side-by-side section').count();
    expect(members).toBe(2);
    expect(await page.locator('table').first().textContent()).toMatch(/fuzzy/);
    // Every value is rendered as text (never an object's string form).
    expect(await page.textContent('#view')).not.toMatch(/\[object |undefined/);
    await page.screenshot({ path: new URL('web-cluster.png', ARTIFACTS).pathname, fullPage: true });

    // Nothing but this server was asked for (no CDN).
    expect(requests.filter((u) => !u.startsWith(base))).toEqual([]);
  }, 60_000);

  it('keeps the results of the latest search when an earlier answer arrives after them', async () => {
    // The browser holds back the first search's answer until the second one is shown.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/api\/search\?.*q=letter(&|$)/, async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto(`${base}/#/search?q=letter`);
      await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'Searching…');
      await page.goto(`${base}/#/search?q=map`);
      await page.waitForFunction(() => (document.querySelector('#status')?.textContent ?? '').includes('for “map”'));
      const shown = await page.locator('ol.results h3').allTextContents();
      const answered = page.waitForEvent('requestfinished', (r) => /\/api\/search\?.*q=letter(&|$)/.test(r.url()));
      release();
      await answered;
      // The body is read: give the page a frame and a turn to (wrongly) render it before looking.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
      expect(await page.textContent('#status')).toContain('for “map”');
      expect(await page.locator('ol.results h3').allTextContents()).toEqual(shown);
    } finally {
      release();
      await page.unroute(/\/api\/search\?/);
    }
  }, 60_000);

  it('is usable by keyboard, labels every control, and keeps text contrast at WCAG AA', async () => {
    await page.goto(base + '/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to results');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('map');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (document.querySelector('#status')?.textContent ?? '').includes('for “map”'));
    const unlabelled = await page.evaluate(() => Array.from(document.querySelectorAll("input")).filter((i) => (i as HTMLInputElement).labels?.length === 0).map((i) => i.id));
    expect(unlabelled).toEqual([]);
    // Follow a result with the keyboard alone.
    await page.locator('ol.results h3 a').first().focus();
    await page.keyboard.press('Enter');
    await page.locator('#record-title').waitFor();
    const pairs = await page.evaluate(() =>
      ['body', 'h2', 'dl.fields dd', 'a', '.count', 'button']
        .map((sel) => document.querySelector(sel))
        .filter((el): el is Element => el !== null)
        .map((el) => {
          let bgEl: Element | null = el;
          let bg = 'rgba(0, 0, 0, 0)';
          while (bgEl && /rgba\(0, 0, 0, 0\)|transparent/.test(bg)) {
            bg = getComputedStyle(bgEl).backgroundColor;
            bgEl = bgEl.parentElement;
          }
          return { sel: el.tagName, fg: getComputedStyle(el).color, bg: /rgba\(0, 0, 0, 0\)/.test(bg) ? 'rgb(255, 255, 255)' : bg };
        }),
    );
    expect(pairs.length).toBeGreaterThan(3);
    for (const p of pairs) expect(contrast(p.fg, p.bg), `${p.sel} ${p.fg} on ${p.bg}`).toBeGreaterThanOrEqual(4.5);
  }, 60_000);
});
