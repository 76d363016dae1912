/**
 * How the real server sends the built web app and the API over the wire: precompressed br/gzip
 * assets, a year's cache for hashed assets and none for index.html, large JSON compressed, small
 * JSON and .docx downloads left alone, and the login page's first JS within 400 KB gzip.
 * Reads raw bytes with node:http, since fetch would decompress silently. Builds web/dist when it is
 * missing or was built without the .br/.gz files.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import JSZip from 'jszip';
import { makeDb, makeWorld, PASSWORD, type Server, startServer, type TestDb } from './helpers.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'web', 'dist');
const YEAR_IMMUTABLE = 'public, max-age=31536000, immutable';
const INITIAL_JS_BUDGET = 400 * 1024;

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

function request(base: string, url: string, headers: Record<string, string> = {}, body?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(base + url, { method: body === undefined ? 'GET' : 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function decoded(r: Raw): Buffer {
  const enc = r.headers['content-encoding'];
  if (enc === 'br') return zlib.brotliDecompressSync(r.body);
  if (enc === 'gzip') return zlib.gunzipSync(r.body);
  return r.body;
}

/** The JS files index.html loads at once (script and modulepreload) and everything they import statically. */
function initialScripts(html: string): string[] {
  return [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
}
const STATIC_IMPORT = /(?:\bimport|\bexport\s*\{[^}]*\}\s*from)\s*(?:[\w$*{}\s,]*?from\s*)?["']\.\/([^"']+\.js)["']/g;

describe('web assets and API responses over the wire', () => {
  let t: TestDb;
  let s: Server;

  before(async () => {
    if (!fs.existsSync(path.join(DIST, 'index.html.br'))) {
      const r = spawnSync('npx', ['vite', 'build', 'web'], { cwd: ROOT, stdio: 'inherit' });
      assert.equal(r.status, 0, 'vite build web failed');
    }
    t = await makeDb();
    await makeWorld(t.db);
    s = await startServer(t.db, { webRoot: DIST });
  });
  after(async () => {
    await s?.close();
    await t?.close();
  });

  it('sends index.html precompressed and never cached, for / and for the app routes', async () => {
    for (const url of ['/', '/login', '/ledgers/x']) {
      const r = await request(s.base, url, { 'accept-encoding': 'br, gzip' });
      assert.equal(r.status, 200, url);
      assert.equal(r.headers['content-encoding'], 'br', url);
      assert.equal(r.headers['cache-control'], 'no-cache', url);
      assert.match(r.headers['content-type'] ?? '', /^text\/html/);
      assert.match(r.headers.vary ?? '', /accept-encoding/i);
      assert.match(decoded(r).toString('utf8'), /<div id="root">/);
    }
    const plain = await request(s.base, '/');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(plain.body.toString('utf8'), /<div id="root">/);
  });

  it('sends hashed assets br or gzip as accepted, cached for a year, byte for byte the built file', async () => {
    const html = decoded(await request(s.base, '/', { 'accept-encoding': 'br, gzip' })).toString('utf8');
    const [entry] = initialScripts(html);
    assert.ok(entry, 'index.html names its entry script');
    const built = fs.readFileSync(path.join(DIST, entry));
    for (const [accept, expected] of [
      ['br, gzip', 'br'],
      ['gzip', 'gzip'],
      ['identity', undefined],
    ] as const) {
      const r = await request(s.base, entry, { 'accept-encoding': accept });
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-encoding'], expected, accept);
      assert.equal(r.headers['cache-control'], YEAR_IMMUTABLE);
      assert.match(r.headers['content-type'] ?? '', /javascript/);
      assert.ok(decoded(r).equals(built), accept);
      if (expected) assert.ok(r.body.length < built.length / 2, `${accept}: ${r.body.length} of ${built.length} bytes`);
    }
    const css = /href="(\/assets\/[^"]+\.css)"/.exec(html)?.[1];
    assert.ok(css);
    const r = await request(s.base, css, { 'accept-encoding': 'gzip' });
    assert.equal(r.headers['cache-control'], YEAR_IMMUTABLE);
  });

  it('the login page loads at most 400 KB of JS gzip before anyone signs in', async (ctx) => {
    const html = decoded(await request(s.base, '/login', { 'accept-encoding': 'gzip' })).toString('utf8');
    const queue = initialScripts(html);
    const seen = new Map<string, number>();
    while (queue.length) {
      const url = queue.pop();
      if (!url || seen.has(url)) continue;
      const r = await request(s.base, url, { 'accept-encoding': 'gzip' });
      assert.equal(r.status, 200, url);
      assert.equal(r.headers['content-encoding'], 'gzip', url);
      seen.set(url, r.body.length);
      for (const m of decoded(r).toString('utf8').matchAll(STATIC_IMPORT)) queue.push(`/assets/${m[1]}`);
    }
    const total = [...seen.values()].reduce((a, b) => a + b, 0);
    ctx.diagnostic(`initial JS: ${seen.size} files, ${(total / 1024).toFixed(1)} KB gzip`);
    assert.ok(total <= INITIAL_JS_BUDGET, `initial JS ${(total / 1024).toFixed(1)} KB gzip > 400 KB`);
    // the signed-in pages (tables, charts, the report editor) are not among them
    assert.ok(![...seen.keys()].some((u) => /\/(Shell|DashboardPage|Table|echarts)-/.test(u)), [...seen.keys()].join(' '));
  });

  it('compresses large API JSON, leaves small JSON alone', async () => {
    const big = await request(s.base, '/api/openapi.json', { 'accept-encoding': 'br, gzip' });
    assert.equal(big.status, 200);
    assert.equal(big.headers['content-encoding'], 'br');
    const doc = JSON.parse(decoded(big).toString('utf8'));
    assert.ok(doc.openapi);
    const gz = await request(s.base, '/api/openapi.json', { 'accept-encoding': 'gzip' });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(JSON.parse(decoded(gz).toString('utf8')), doc);
    const none = await request(s.base, '/api/openapi.json');
    assert.equal(none.headers['content-encoding'], undefined);
    assert.deepEqual(JSON.parse(none.body.toString('utf8')), doc);

    const small = await request(s.base, '/api/health', { 'accept-encoding': 'br, gzip' });
    assert.equal(small.headers['content-encoding'], undefined);
    assert.deepEqual(JSON.parse(small.body.toString('utf8')), { ok: true });
  });

  it('sends a .docx as it is: not compressed again, still a valid zip', async () => {
    const login = await request(
      s.base,
      '/api/auth/login',
      { 'content-type': 'application/json' },
      JSON.stringify({ username: 'officer', password: PASSWORD }),
    );
    assert.equal(login.status, 200);
    const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0];
    const created = await request(
      s.base,
      '/api/reports',
      { 'content-type': 'application/json', cookie, 'accept-encoding': 'br, gzip' },
      JSON.stringify({ kind: 'annual-report', year: 2025 }),
    );
    assert.equal(created.status, 201);
    assert.equal(created.headers['content-encoding'], 'br', 'the created report (JSON, several KB) is compressed');
    const { id } = JSON.parse(decoded(created).toString('utf8'));
    const docx = await request(s.base, `/api/reports/${id}/docx`, { cookie, 'accept-encoding': 'br, gzip' });
    assert.equal(docx.status, 200);
    assert.equal(docx.headers['content-encoding'], undefined);
    assert.match(docx.headers['content-type'] ?? '', /wordprocessingml/);
    assert.equal(docx.body.subarray(0, 2).toString('latin1'), 'PK');
    const zip = await JSZip.loadAsync(docx.body);
    assert.ok(zip.file('word/document.xml'));
  });
});
