// What the end-to-end tests do with the page's downloads: click, save, read back.
const fs = require('node:fs');

/** Clicks the button named `name` and returns the download's file name and text. */
async function download(page, name) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name }).click(),
  ]);
  const text = fs.readFileSync(await file.path(), 'utf8');
  return { name: file.suggestedFilename(), text };
}

/** RFC 4180 rows: quoted fields, doubled quotes, line breaks inside quotes; throws on a
 * quoted field that never ends or a last line without its line end. */
function parseCsv(text) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (quoted) throw new Error('a quoted field never ends');
  if (field + row.join('') !== '') throw new Error('the last line has no line end');
  return rows;
}

module.exports = { download, parseCsv };
