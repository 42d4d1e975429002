// `npm run docs:rules`: writes docs/rules.md from the rule data (through tsx, which the tests use too).
import { writeFileSync } from 'node:fs';
import { rulesMarkdown } from './rules-doc.ts';

writeFileSync('docs/rules.md', rulesMarkdown());
console.log('docs/rules.md written');
