// Query-string values the pages read by hand (the API validates with zod).

/** a page's offset or number from a query string: a whole number in range (1.5 or -3 are no SQL offsets) */
export const pageOffset = (v: string | null | undefined, max = 100_000): number => Math.min(max, Math.max(0, Math.floor(Number(v ?? 0)) || 0));
