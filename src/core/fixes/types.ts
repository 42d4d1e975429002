// Inputs and outputs of the pure fix generators. Offsets are UTF-16 offsets into the original text,
// so the VS Code adapter maps them with `document.positionAt` and the CLI applies them directly.
import type { ProjectModuleInfo } from './module-context';

/** The part of a detection `Finding` the fixes need (structurally compatible with `Finding`). */
export interface FixFinding {
  id: string;
  ruleId: string;
  kind: string;
  range: {
    start: { line: number; character: number; offset: number };
    end: { line: number; character: number; offset: number };
  };
  name?: string;
  construct: string;
  quote?: '"' | "'" | '`' | '';
  relatedId?: string;
  valueHash?: string;
}

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export type FixLanguage =
  | 'typescript'
  | 'javascript'
  | 'python'
  | 'go'
  | 'java'
  | 'csharp'
  | 'cloudformation-yaml'
  | 'cloudformation-json'
  | 'terraform'
  | 'dotenv'
  | 'docker-compose'
  | 'kubernetes'
  | 'unsupported';

export type ModuleFormat = 'esm' | 'cjs';

/** One literal to replace, and the JSON key it gets when several values share one secret. */
export interface FixTarget {
  finding: FixFinding;
  jsonKey?: string;
  /** Its own secret (a `.env` moved one secret per value) instead of the request's `secretName`. */
  secretName?: string;
}

/** Per-language code shapes a team can override (settings `secretsWorkbench.quickFix.templates`). */
export interface FixTemplate {
  /** Expression replacing the literal. Placeholders: {{secretName}}, {{jsonKey}}, {{keyArg}}, {{quote}}. */
  call?: string;
  /** Statement making the call available. Placeholder {{helperImport}}. */
  import?: string;
  /** Project-relative path of the helper module to create; empty = do not create one. */
  helperPath?: string;
}

export interface FixRequest {
  text: string;
  /** Workspace-relative path with '/' separators. */
  path: string;
  languageId?: string;
  targets: FixTarget[];
  secretName: string;
  /** From the nearest package.json `type`, when the adapter knows it (shorthand for `project.packageType`). */
  packageType?: 'module' | 'commonjs';
  /** The nearest package.json and tsconfig.json: whether `await` is valid at the file's top level. */
  project?: ProjectModuleInfo;
  /**
   * 'fetch' (default): the literal becomes a fetch of the secret, refused (`blocked`) where its result could be
   * wrong. 'env': the literal becomes an environment variable read, recorded in the project's `env` map.
   */
  mode?: FixMode;
  /** The project's current `env` map, so new variables do not clash with it. */
  existingEnv?: Record<string, string>;
  /** Whether the helper module already exists in the project (then it is not created again). */
  helperExists?: boolean;
  templates?: Partial<Record<FixLanguage, FixTemplate>>;
}

export interface FileToCreate {
  /** Workspace-relative path. */
  path: string;
  content: string;
}

export type FixMode = 'fetch' | 'env';

export interface FixPlan {
  language: FixLanguage;
  /** Which fix this plan is ('fetch' unless the language has only an environment-based one). */
  mode: FixMode;
  /** Why no fetch can be written here without a wrong result (then `edits` is empty): offer the env fix. */
  blocked?: string;
  /** Variables to add to the project's `env` map: VARIABLE → secret[#key]. */
  env?: Record<string, string>;
  /** The command that adds what the generated code needs (SDK, type definitions). */
  dependency?: string;
  /** Edits on the fixed file, non-overlapping, in any order. */
  edits: TextEdit[];
  /** Files to create once per project (the helper), skipped when they exist. */
  createFiles: FileToCreate[];
  /** Short suffix for the action title when the fix differs from a plain replacement. */
  titleNote?: string;
  /** What the user should know after the fix (shown once, and in docs/quick-fix.md). */
  notes: string[];
  /** False when only the move is done and the file keeps its text. */
  changesFile: boolean;
}
