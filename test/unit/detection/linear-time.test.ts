import assert from 'node:assert/strict';
import { scanText } from '../../../src/core/detection/index';
import { LineIndex } from '../../../src/core/detection/line-index';
import { findPrivateKeys, pemWork } from '../../../src/core/detection/pem';
import { Synthetic } from '../../support/synthetic';

/** `blocks` BEGIN lines, each followed by key-like lines, and no END line anywhere. */
function unterminated(blocks: number, gen: Synthetic): string {
  const body = gen.privateKey().slice(1, -1).join('\n');
  return Array.from({ length: blocks }, () => `-----BEGIN RSA PRIVATE KEY-----\n${body}\n`).join('');
}

/** Characters the END searches covered while finding the keys of `text`. */
function endSearchWork(text: string): number {
  const before = pemWork.searched;
  findPrivateKeys(text);
  return pemWork.searched - before;
}

describe('linear time on adversarial input', () => {
  const gen = new Synthetic(19);

  it('a BEGIN without END is searched past once: the work grows with the text, not with its square', () => {
    const small = unterminated(200, gen);
    const large = unterminated(2000, gen);
    const smallWork = endSearchWork(small);
    const largeWork = endSearchWork(large);
    // one search per END marker over what follows the first BEGIN; a search per BEGIN would be ~blocks/2 × length
    assert.ok(smallWork <= small.length, `${smallWork} characters searched in a ${small.length}-character text`);
    assert.ok(largeWork <= large.length, `${largeWork} characters searched in a ${large.length}-character text`);
    const growth = largeWork / smallWork;
    assert.ok(growth > 8 && growth < 12, `10× the text made ${growth.toFixed(1)}× the work`);
    assert.deepEqual(scanText(large, { path: 'keys.pem' }).findings, []);
  });

  it('PuTTY headers without a Private-MAC line are searched past once', () => {
    const header = (n: number) => 'PuTTY-User-Key-File-3: ssh-ed25519\nPrivate-Lines: 1\nAAAA\n'.repeat(n);
    const small = header(2000);
    const large = header(20_000);
    const smallWork = endSearchWork(small);
    const largeWork = endSearchWork(large);
    // a search per header would be ~headers/2 × length
    assert.ok(largeWork <= large.length, `${largeWork} characters searched in a ${large.length}-character text`);
    const growth = largeWork / smallWork;
    assert.ok(growth > 8 && growth < 12, `10× the text made ${growth.toFixed(1)}× the work`);
  });

  it('still finds a complete key after many unterminated ones, on the right line', () => {
    const key = gen.privateKey();
    const head = unterminated(500, gen);
    const text = `${head}${key.join('\n')}\n`;
    const findings = scanText(text, { path: 'keys.pem' }).findings.filter((f) => f.ruleId === 'private-key');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].range.start.line, head.split('\n').length - 1);
    assert.equal(findings[0].range.end.line, head.split('\n').length - 1 + key.length - 1);
  });

  it('line lookups go through an index that agrees with counting newlines', () => {
    const text = Array.from({ length: 3000 }, (_, i) => 'x'.repeat(i % 7)).join('\n');
    const index = new LineIndex(text);
    let line = 0;
    for (let offset = 0; offset <= text.length; offset++) {
      assert.equal(index.lineOf(offset), line, `offset ${offset}`);
      if (text[offset] === '\n') {
        line++;
        assert.equal(index.startOf(line), offset + 1);
      }
    }
  });
});
