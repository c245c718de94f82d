/** SQL that creates `datamodel` from `fromDatamodel` (or from nothing), for PostgreSQL. */
export function diffSchemas(datamodel: string, fromDatamodel?: string | null): Promise<string>;
