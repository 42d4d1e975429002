// Loads the golden cases under test/fixtures/fixes/<case>/: input.<ext>, case.json (the findings, located by
// their synthetic value), expected.<ext>. Applying every group in order yields the fixed text. The expected files
// are written and reviewed by hand, never from the generators' output: a deliberate change edits them in its commit.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  applyEdits,
  planFix,
  relatedGroup,
  secretStringFor,
  suggestSecretName,
  targetsFor,
  type FileToCreate,
  type FixFinding,
  type FixPlan,
} from '../../../src/core/fixes/index';

export const fixturesRoot = join(__dirname, '..', '..', 'fixtures', 'fixes');

interface CaseFinding {
  id?: string;
  value: string;
  name?: string;
  ruleId: string;
  relatedId?: string;
}

interface CaseGroup {
  findings: CaseFinding[];
  expectedName: string;
  expectTitleNote?: boolean;
  /** The fetch would yield a wrong result here: the fix must refuse it, and the env fix is applied. */
  expectBlocked?: boolean;
  /** Apply the env-variable fix (also implied by expectBlocked). */
  mode?: 'env';
  /** Expected `env` map entries the fix records. */
  expectedEnv?: Record<string, string>;
}

export interface GoldenCase {
  id: string;
  dir: string;
  inputFile: string;
  expectedFile: string;
  path: string;
  packageType?: 'module' | 'commonjs';
  /** tsconfig compilerOptions of the project, when the case has one. */
  tsconfig?: { module?: string; target?: string };
  workspaceName: string;
  groups: CaseGroup[];
  createFiles?: string[];
  expectedReference?: string;
  expectUnchanged?: boolean;
}

export function loadCases(): GoldenCase[] {
  return readdirSync(fixturesRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(fixturesRoot, entry.name, 'case.json')))
    .map((entry) => {
      const dir = join(fixturesRoot, entry.name);
      const raw = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8'));
      const inputName = readdirSync(dir).find((file) => file.startsWith('input.'))!;
      const groups: CaseGroup[] = raw.groups ?? [
        { findings: raw.findings, expectedName: raw.expectedName, expectTitleNote: raw.expectTitleNote },
      ];
      return {
        ...raw,
        id: entry.name,
        dir,
        groups,
        inputFile: join(dir, inputName),
        expectedFile: join(dir, inputName.replace('input.', 'expected.')),
      };
    });
}

/** A finding as the detection engine reports it: the exact value range and the quote around it. */
export function locateFinding(text: string, spec: CaseFinding, index: number): FixFinding {
  const offset = text.indexOf(spec.value);
  if (offset < 0) throw new Error(`value of finding ${index} not found in the text`);
  const end = offset + spec.value.length;
  const position = (at: number) => {
    const before = text.slice(0, at);
    const line = before.split('\n').length - 1;
    return { line, character: at - (before.lastIndexOf('\n') + 1), offset: at };
  };
  const open = text[offset - 1];
  const quote = (['"', "'", '`'].includes(open) && text[end] === open ? open : '') as FixFinding['quote'];
  return {
    id: spec.id ?? `f${index}`,
    ruleId: spec.ruleId,
    kind: spec.ruleId,
    range: { start: position(offset), end: position(end) },
    name: spec.name,
    construct: quote ? 'string-literal' : 'config-value',
    quote,
    relatedId: spec.relatedId,
  };
}

export interface AppliedCase {
  text: string;
  plans: FixPlan[];
  names: string[];
  secretStrings: string[];
  createFiles: FileToCreate[];
  groupsFound: string[][];
  /** The `env` map after every group. */
  env: Record<string, string>;
  blocked: boolean[];
}

/** Runs the whole quick fix on a case: group, name, plan, apply; group after group. */
export function applyCase(goldenCase: GoldenCase): AppliedCase {
  let text = readFileSync(goldenCase.inputFile, 'utf8');
  const result: AppliedCase = {
    text,
    plans: [],
    names: [],
    secretStrings: [],
    createFiles: [],
    groupsFound: [],
    env: {},
    blocked: [],
  };
  const created = new Set<string>();
  for (const group of goldenCase.groups) {
    const all = goldenCase.groups.flatMap((g) => g.findings).filter((spec) => text.includes(spec.value));
    const findings = all.map((spec, i) => locateFinding(text, spec, i));
    const first = findings[all.indexOf(group.findings[0])];
    const members = relatedGroup(text, findings, first);
    result.groupsFound.push(members.map((member) => member.name ?? member.id));
    const secretName = suggestSecretName({
      workspaceName: goldenCase.workspaceName,
      path: goldenCase.path,
      findings: members,
    });
    const targets = targetsFor(members);
    const request = {
      text,
      path: goldenCase.path,
      targets,
      secretName,
      project: { packageType: goldenCase.packageType, tsconfig: goldenCase.tsconfig },
      helperExists: created.size > 0,
      existingEnv: result.env,
    };
    const fetchPlan = planFix(request);
    result.blocked.push(!!fetchPlan.blocked);
    const plan = fetchPlan.blocked || group.mode === 'env' ? planFix({ ...request, mode: 'env' }) : fetchPlan;
    Object.assign(result.env, plan.env);
    result.secretStrings.push(secretStringFor(text, targets, plan.language));
    for (const file of plan.createFiles) created.add(file.path);
    result.createFiles.push(...plan.createFiles);
    result.plans.push(plan);
    result.names.push(secretName);
    text = applyEdits(text, plan.edits);
  }
  result.text = text;
  return result;
}
