/** A structural check of a saved .xlsx package: every relationship and content type resolves. */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';

/**
 * Problems found: relationship targets that are missing, overrides naming missing parts, parts
 * without a content type, worksheet ids that repeat. Empty when the package is consistent.
 *
 * @example
 * expect(await packageProblems('out.xlsx')).toEqual([]);
 */
export async function packageProblems(path: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(readFileSync(path), { createFolders: false });
  const parts = Object.keys(zip.files).filter((f) => !zip.files[f].dir);
  const problems: string[] = [];
  const types = await zip.file('[Content_Types].xml')!.async('string');
  const defaults = new Set(
    [...types.matchAll(/<Default\b[^>]*Extension="([^"]+)"/g)].map((m) => m[1].toLowerCase()),
  );
  const overrides = [...types.matchAll(/<Override\b[^>]*PartName="([^"]+)"/g)].map((m) =>
    m[1].slice(1),
  );
  for (const o of overrides) if (!parts.includes(o)) problems.push(`override for missing ${o}`);
  for (const p of parts) {
    if (p === '[Content_Types].xml') continue;
    const ext = p.slice(p.lastIndexOf('.') + 1).toLowerCase();
    if (!overrides.includes(p) && !defaults.has(ext)) problems.push(`no content type for ${p}`);
  }
  for (const rels of parts.filter((p) => p.endsWith('.rels'))) {
    const dir =
      rels === '_rels/.rels' ? '' : rels.slice(0, rels.indexOf('_rels/')).replace(/\/$/, '');
    const xml = await zip.file(rels)!.async('string');
    const ids = new Set<string>();
    for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
      const id = /\bId="([^"]+)"/.exec(m[0])?.[1] ?? '';
      if (ids.has(id)) problems.push(`${rels}: duplicate ${id}`);
      ids.add(id);
      if (/TargetMode="External"/.test(m[0])) continue;
      const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1] ?? '';
      const resolved = target.startsWith('/') ? target.slice(1) : resolve(dir, target);
      if (!parts.includes(resolved)) problems.push(`${rels}: ${id} → missing ${resolved}`);
    }
  }
  return problems;
}

function resolve(dir: string, target: string): string {
  const out = dir === '' ? [] : dir.split('/');
  for (const piece of target.split('/')) {
    if (piece === '..') out.pop();
    else if (piece !== '.') out.push(piece);
  }
  return out.join('/');
}
