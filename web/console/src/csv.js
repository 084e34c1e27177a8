// A small CSV reader and writer (RFC 4180 quotes, "," or ";"), for the import wizard. Nothing leaves the page
// until the person starts the import.

/** The separator a file uses: the one that splits its first line into the most columns. */
export function sniff(text) {
  const first = text.split(/\r?\n/, 1)[0] || '';
  const count = (c) => first.split(c).length;
  return count(';') > count(',') ? ';' : ',';
}

/** Rows of cells; empty lines dropped. */
export function parse(text, sep = sniff(text)) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      if (row.some((x) => x.trim() !== '')) rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  row.push(cell);
  if (row.some((x) => x.trim() !== '')) rows.push(row);
  return rows;
}

function quote(value) {
  const v = value == null ? '' : String(value);
  return /[",;\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
}

/** CSV text with a comma separator. */
export function write(rows) {
  return rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
}
