// Config formats get native references: CloudFormation dynamic references, a Terraform data source, Compose
// variable substitution. `.env` lines are replaced by a comment naming the secret; Kubernetes manifests and
// other files keep their text and the user is told that only the move was done.
import { literalSpan } from '../literal';
import { extensionOf } from '../language';
import { printable } from '../../terminal-text';
import { hclString, yamlString } from '../escape';
import { eolOf, lineEnd, lineStart, nextLineStart } from '../text';
import type { FixPlan, FixRequest, TextEdit } from '../types';
import { envReferenceProblem, envVariablesFor } from './env-read';

export function cloudFormationReference(secretName: string, jsonKey?: string): string {
  return jsonKey === undefined
    ? `{{resolve:secretsmanager:${secretName}}}`
    : `{{resolve:secretsmanager:${secretName}:SecretString:${jsonKey}}}`;
}

/** What a dynamic reference can carry: it has no escapes, and ':', '{', '}' and '|' are its own syntax. */
const referencePart = /^[A-Za-z0-9/_+=.@ -]+$/;

export function planCloudFormationFix(request: FixRequest, json: boolean): FixPlan {
  const language = json ? 'cloudformation-json' : 'cloudformation-yaml';
  const unsafe = [request.secretName, ...request.targets.map((t) => t.jsonKey ?? 'key')].some(
    (part) => !referencePart.test(part),
  );
  if (unsafe) {
    return onlyMoved(
      language,
      'The secret name or key has characters a CloudFormation dynamic reference cannot carry: the value was moved; reference it yourself.',
    );
  }
  const edits = request.targets.map((target): TextEdit => {
    const span = literalSpan(request.text, target.finding);
    const reference = cloudFormationReference(request.secretName, target.jsonKey);
    // YAML must quote it: a plain scalar starting with '{' would be a flow mapping.
    const newText = json ? JSON.stringify(reference) : yamlString(reference, span.quote === '"' ? '"' : "'");
    return { start: span.start, end: span.end, newText };
  });
  return {
    language,
    mode: 'fetch',
    edits,
    createFiles: [],
    notes: [
      'CloudFormation resolves the dynamic reference at deploy time; the stack role needs secretsmanager:GetSecretValue.',
    ],
    changesFile: true,
  };
}

export function terraformLabel(secretName: string): string {
  const label = secretName.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[^A-Za-z_]+/, '');
  return label || 'secret';
}

/** Start of the top-level block (a line at column 0 ending with '{') around the offset. */
function topLevelBlockStart(text: string, offset: number): { start: number; header: string } | undefined {
  let start = lineStart(text, offset);
  for (;;) {
    const line = text.slice(start, lineEnd(text, start));
    if (/^[A-Za-z_]/.test(line) && /\{\s*$/.test(line)) return { start, header: line };
    if (start === 0) return undefined;
    start = lineStart(text, start - 1);
  }
}

export function planTerraformFix(request: FixRequest): FixPlan {
  const text = request.text;
  const eol = eolOf(text);
  const label = terraformLabel(request.secretName);
  const block = topLevelBlockStart(text, request.targets[0].finding.range.start.offset);
  // Variable defaults and .tfvars values cannot be expressions.
  if (extensionOf(request.path) === 'tfvars' || /^variable\s/.test(block?.header ?? '')) {
    return onlyMoved(
      'terraform',
      'Terraform variable values cannot reference a data source: the value was moved; pass it at run time (e.g. TF_VAR_…).',
    );
  }
  const data = `data.aws_secretsmanager_secret_version.${label}.secret_string`;
  const edits: TextEdit[] = request.targets.map((target) => {
    const span = literalSpan(text, target.finding);
    const reference = target.jsonKey === undefined ? data : `jsondecode(${data})[${hclString(target.jsonKey)}]`;
    return { start: span.start, end: span.end, newText: reference };
  });
  const existing = new RegExp(`data\\s+"aws_secretsmanager_secret_version"\\s+"${label}"`).test(text);
  if (!existing) {
    const source = `data "aws_secretsmanager_secret_version" "${label}" {${eol}  secret_id = ${hclString(request.secretName)}${eol}}${eol}${eol}`;
    const at = block?.start ?? 0;
    edits.push({ start: at, end: at, newText: source });
  }
  return {
    language: 'terraform',
    mode: 'fetch',
    edits,
    createFiles: [],
    notes: ['Terraform keeps the value in its state file; protect the state (encrypted remote backend).'],
    changesFile: true,
  };
}

/** The secrets a request's targets live in: one, or one per value. */
function secretsOf(request: FixRequest): string[] {
  return [...new Set(request.targets.map((target) => target.secretName ?? request.secretName))];
}

export function planDotenvFix(request: FixRequest): FixPlan {
  const problem = envReferenceProblem(request);
  if (problem) return onlyMoved('dotenv', `${problem} The value was moved; the file is unchanged.`);
  const text = request.text;
  const eol = eolOf(text);
  const { names, entries } = envVariablesFor(request, true);
  const edits: TextEdit[] = [];
  const seenLines = new Set<number>();
  request.targets.forEach((target, i) => {
    const start = lineStart(text, target.finding.range.start.offset);
    if (seenLines.has(start)) return;
    seenLines.add(start);
    // One comment line whatever the name holds: a newline in it would start a line of its own.
    const comment = `# ${names[i]} comes from secret ${printable(entries[names[i]])} (env map in .secrets-workbench.json): run with \`secrets-workbench run -- <command>\`.`;
    edits.push({ start, end: nextLineStart(text, start), newText: comment + eol });
  });
  return {
    language: 'dotenv',
    mode: 'env',
    edits,
    createFiles: [],
    env: entries,
    titleNote: 'injected at run time from the env map',
    notes: [
      `${names.join(', ')} now ${names.length > 1 ? 'come' : 'comes'} from ${secretsOf(request).join(', ')}: \`secrets-workbench run -- <command>\` injects ${names.length > 1 ? 'them' : 'it'} (so do offline mode and VS Code terminals).`,
    ],
    changesFile: true,
  };
}

export function planComposeFix(request: FixRequest): FixPlan {
  const problem = envReferenceProblem(request);
  if (problem) return onlyMoved('docker-compose', `${problem} The value was moved; the file is unchanged.`);
  const { names, entries } = envVariablesFor(request);
  const edits = request.targets.map((target, i): TextEdit => {
    const { start, end } = target.finding.range;
    return { start: start.offset, end: end.offset, newText: `\${${names[i]}}` };
  });
  return {
    language: 'docker-compose',
    mode: 'env',
    edits,
    createFiles: [],
    env: entries,
    titleNote: 'Compose reads it from the environment at run time',
    notes: [
      `Compose substitutes ${names.join(', ')} from the environment: run \`secrets-workbench run -- docker compose up\`.`,
    ],
    changesFile: true,
  };
}

export function onlyMoved(language: FixPlan['language'], reason: string): FixPlan {
  return {
    language,
    edits: [],
    createFiles: [],
    mode: 'fetch',
    titleNote: 'only the value is moved; the file is not changed',
    notes: [reason],
    changesFile: false,
  };
}
