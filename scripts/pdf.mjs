/**
 * A one-page PDF standing in for a paper's full text at arXiv's address: Chromium's own viewer
 * shows it, so the demo and the tests open a real PDF tab (the popup knows its paper by the address).
 */
export function onePagePdf(title) {
  // A literal string in printable ASCII: the offsets below count characters as bytes, and
  // parentheses and backslashes would end or escape it.
  const plain = title.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, '');
  const text = `BT /F1 18 Tf 72 720 Td (${plain}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Title (${plain}) >>`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  return `${out}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
}
