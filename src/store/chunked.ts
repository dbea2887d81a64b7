/**
 * Lists of ids that users can make long (everyone who tapped in a burst, every row of a programme table) are
 * queried in chunks: Prisma refuses a query with more parameters than the database takes (SQLite: 999 per
 * statement as Prisma counts them), and one such refusal lost the reminders of a whole burst of sign-ups.
 */
export const IN_LIST_CHUNK = 500;

/** Splits `items` into chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size = IN_LIST_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `query` once per chunk of `items` (one after another) and concatenates the rows. */
export async function inChunks<T, R>(
  items: readonly T[],
  query: (chunk: T[]) => Promise<R[]>,
  size = IN_LIST_CHUNK,
): Promise<R[]> {
  const rows: R[] = [];
  for (const chunk of chunks(items, size)) rows.push(...(await query(chunk)));
  return rows;
}
