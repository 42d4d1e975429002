// Unified diff of two texts (via jsdiff), without the `Index:` banner.
import { createTwoFilesPatch } from 'diff';

export function unifiedTextDiff(from: string, to: string, labels: { from: string; to: string }): string {
  if (from === to) return '';
  const patch = createTwoFilesPatch(labels.from, labels.to, ensureNewline(from), ensureNewline(to), '', '', {
    context: 3,
  });
  return patch.replace(/^=+\n/m, '');
}

// A missing final newline would add "\ No newline at end of file" noise to single-line secrets.
const ensureNewline = (text: string) => (text.endsWith('\n') || text === '' ? text : `${text}\n`);
