import { SlackApiError, invalidArguments } from './api-error.js';

/**
 * Web API arguments after body parsing. Form-encoded requests give strings only, so blocks,
 * metadata, views and user lists can arrive as JSON or comma-separated strings, while JSON
 * requests give them as values. These helpers accept both.
 */
export type ApiArgs = Record<string, unknown>;

export function optionalString(args: ApiArgs, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  throw invalidArguments(`${name} must be a string [json-pointer:/${name}]`);
}

export function requiredString(args: ApiArgs, name: string): string {
  const value = optionalString(args, name);
  if (value === undefined) {
    throw invalidArguments(`missing required field: ${name} [json-pointer:/${name}]`);
  }

  return value;
}

/** Reads a flag the way Slack does: true, 'true' and '1' are true, anything else false. */
export function flag(args: ApiArgs, name: string): boolean {
  const value = args[name];

  return value === true || value === 'true' || value === '1' || value === 1;
}

/** Reads a whole number, returning `fallback` when absent and invalid_arguments when malformed. */
export function optionalInteger(args: ApiArgs, name: string, fallback: number): number {
  const value = optionalString(args, name);
  if (value === undefined) {
    return fallback;
  }
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw invalidArguments(`${name} must be a non-negative integer, got "${value}"`);
  }

  return parsed;
}

/**
 * Reads a structured argument that may arrive as a JSON string inside a form.
 * Malformed JSON fails with `formatError`, Slack's error string for that field.
 */
export function optionalJson(args: ApiArgs, name: string, formatError: string): unknown {
  const value = args[name];
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (typeof value !== 'string') {
    return value;
  }
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new SlackApiError(formatError);
  }
}

/** Reads a list of ids given as an array or as a comma-separated string. */
export function idList(args: ApiArgs, name: string): string[] | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (Array.isArray(value)) {
    return value.map(String).filter((id) => id !== '');
  }
  if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.startsWith('[')) {
      const parsed = optionalJson(args, name, 'invalid_arguments');
      return Array.isArray(parsed) ? parsed.map(String) : [];
    }
    return trimmed
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
  }
  throw invalidArguments(`${name} must be a list of ids`);
}

/**
 * Slices a list for cursor pagination. The cursor is the base64 offset of the next page, so it
 * is deterministic. Slack's cursors are opaque base64 strings as well.
 */
export function paginate<T>(
  items: readonly T[],
  args: ApiArgs,
  defaultLimit: number,
): { page: T[]; nextCursor: string } {
  const limit = optionalInteger(args, 'limit', defaultLimit) || defaultLimit;
  const cursor = optionalString(args, 'cursor');
  let offset = 0;
  if (cursor !== undefined) {
    const decoded = Buffer.from(cursor, 'base64').toString('utf8');
    const match = /^offset:(\d+)$/.exec(decoded);
    if (!match) {
      throw new SlackApiError('invalid_cursor');
    }
    offset = Number(match[1]);
  }
  const page = items.slice(offset, offset + limit);
  const nextOffset = offset + page.length;
  const nextCursor =
    nextOffset < items.length ? Buffer.from(`offset:${nextOffset}`).toString('base64') : '';

  return { page, nextCursor };
}
