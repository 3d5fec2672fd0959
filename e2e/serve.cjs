// A static file server for the built app: `node e2e/serve.cjs DIR PORT [PREFIX]`.
// Loopback only; serves .wasm as application/wasm so streaming compilation works, and
// allows any origin to read (as GitHub Pages does), so other origins can load embed.js.
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const [dir = 'dist', port = '4173', prefix = '/'] = process.argv.slice(2);
const root = path.resolve(dir);
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.md': 'text/markdown; charset=utf-8',
};

http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  let rel = decodeURIComponent(url.pathname);
  if (!rel.startsWith(prefix)) { res.writeHead(404).end('not found'); return; }
  rel = rel.slice(prefix.length);
  let file = path.join(root, rel);
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  fs.readFile(file, (err, body) => {
    if (err) { res.writeHead(404).end('not found'); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream',
                         'cache-control': 'no-store', 'access-control-allow-origin': '*' });
    res.end(body);
  });
}).listen(Number(port), '127.0.0.1', () => {
  console.log(`serving ${root} on http://127.0.0.1:${port}${prefix}`);
});
