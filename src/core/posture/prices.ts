// AWS Secrets Manager's list prices: the one place they are written. Settings may override each figure
// (secretsWorkbench.cost.*); everything else reads them from here.

export interface Prices {
  /** US dollars per secret per month; a replica is billed as a secret of its own. */
  perSecretMonth: number;
  /** US dollars per 10,000 API calls. */
  per10kApiCalls: number;
  /** When the figures were read from `source`. */
  asOf: string;
  source: string;
}

export const secretsManagerPrices: Prices = {
  perSecretMonth: 0.4,
  per10kApiCalls: 0.05,
  asOf: '2026-09-20',
  source: 'https://aws.amazon.com/secrets-manager/pricing/',
};

/** The list prices with the settings that are set to a usable figure (a number ≥ 0); others are ignored. */
export function pricesWith(overrides: { perSecretMonth?: unknown; per10kApiCalls?: unknown }): Prices {
  const usable = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;
  const perSecretMonth = usable(overrides.perSecretMonth) ? overrides.perSecretMonth : undefined;
  const per10kApiCalls = usable(overrides.per10kApiCalls) ? overrides.per10kApiCalls : undefined;
  if (perSecretMonth === undefined && per10kApiCalls === undefined) return secretsManagerPrices;
  return {
    ...secretsManagerPrices,
    perSecretMonth: perSecretMonth ?? secretsManagerPrices.perSecretMonth,
    per10kApiCalls: per10kApiCalls ?? secretsManagerPrices.per10kApiCalls,
    asOf: `${secretsManagerPrices.asOf}, overridden in settings`,
  };
}
