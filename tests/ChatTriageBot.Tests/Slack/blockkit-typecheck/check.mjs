// Type-checks the golden Block Kit JSON (golden/*.json, written by BlockKitGoldenTests) against @slack/types.
// Each file becomes a literal followed by `satisfies KnownBlock[]` (a .json import would widen the `type`
// literals), so a wrong block type, field name or nesting fails, and excess-property checks catch typos.
// Limits (lengths, counts) are not in the types: BlockKitValidator checks those in C#.
// Usage: npm install (once, needs the registry), then: node check.mjs
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const goldenDir = join(here, 'golden');
const generatedDir = join(here, 'generated');
const files = readdirSync(goldenDir).filter((f) => f.endsWith('.json')).sort();
if (files.length === 0) {
  console.error('no golden files in', goldenDir);
  process.exit(2);
}

const lines = ["import type { KnownBlock } from '@slack/types';", ''];
for (const file of files) {
  const name = file.replace(/\.json$/, '').replace(/[^A-Za-z0-9_]/g, '_');
  const json = readFileSync(join(goldenDir, file), 'utf8').trim();
  lines.push(`// ${file}`, `export const ${name} = ${json} satisfies KnownBlock[];`, '');
}

mkdirSync(generatedDir, { recursive: true });
writeFileSync(join(generatedDir, 'golden.ts'), lines.join('\n'));

const tsc = join(here, 'node_modules', '.bin', 'tsc');
if (!existsSync(tsc)) {
  console.error('typescript is not installed: run npm install in', here);
  process.exit(2);
}

try {
  execFileSync(tsc, ['-p', join(here, 'tsconfig.json')], { stdio: 'inherit' });
} catch {
  process.exit(1);
}

console.log(`ok: ${files.length} golden message(s) satisfy KnownBlock[]`);
