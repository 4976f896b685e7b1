// A tiny static file server for a built site, bound to 127.0.0.1 only.
//
// It serves `root` under the path prefix of `baseUrl` (default: a random
// port and `/`), the way a static host does: `dir/` → `dir/index.html`,
// `dir` → 301 to `dir/`, a missing file → 404 with the site's `404.html`.
// It never serves anything outside `root` (no `..`, no symlinks out).

import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.vcf': 'text/vcard; charset=utf-8',
  '.pdf': 'application/pdf',
  '.wasm': 'application/wasm',
};

/**
 * Starts serving `root`. `baseUrl` (optional) fixes host, port and path
 * prefix, for a site built with `konzept build --base-url`; its host must be
 * a loopback address. Returns `{ origin, base, close() }` where `base` is the
 * URL of the site root (ends in `/`).
 */
export async function serve(root, baseUrl) {
  const rootReal = await realpath(root);
  let host = '127.0.0.1';
  let port = 0;
  let prefix = '/';
  if (baseUrl) {
    const u = new URL(baseUrl);
    if (u.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(u.hostname)) {
      throw new Error(`--base-url must be http://127.0.0.1:PORT/…, got ${baseUrl}`);
    }
    port = Number(u.port || 80);
    prefix = u.pathname.endsWith('/') ? u.pathname : `${u.pathname}/`;
  }
  const server = createServer((req, res) => {
    handle(rootReal, prefix, req, res).catch((err) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const origin = `http://${host}:${server.address().port}`;
  return {
    origin,
    base: `${origin}${prefix}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function handle(root, prefix, req, res) {
  const url = new URL(req.url, 'http://127.0.0.1');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' });
    res.end();
    return;
  }
  let rel;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return notFound(root, res);
  }
  if (!rel.startsWith(prefix) || rel.includes('\0')) return notFound(root, res);
  rel = rel.slice(prefix.length);
  if (rel.split('/').some((part) => part === '..' || part === '.')) return notFound(root, res);
  let file = join(root, rel);
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    if (!url.pathname.endsWith('/')) {
      res.writeHead(301, { location: `${url.pathname}/${url.search}` });
      res.end();
      return;
    }
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile() || !(await inside(root, file))) return notFound(root, res);
  send(res, 200, file, info.size, req.method);
}

async function inside(root, file) {
  const real = await realpath(file).catch(() => null);
  return real !== null && (real === root || real.startsWith(root + sep));
}

async function notFound(root, res) {
  const page = join(root, '404.html');
  const info = await stat(page).catch(() => null);
  if (info?.isFile()) {
    send(res, 404, page, info.size, 'GET');
  } else {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found\n');
  }
}

function send(res, status, file, size, method) {
  res.writeHead(status, {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': size,
    'cache-control': 'no-cache',
  });
  if (method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}
