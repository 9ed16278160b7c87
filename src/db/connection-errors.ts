import { redactUrl } from '../logger.js';

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  errors?: unknown;
}

function errorCode(err: ErrorLike): string | undefined {
  if (typeof err.code === 'string') {
    return err.code;
  }
  // Node reports a refused "localhost" as an AggregateError over its IPv4 and IPv6 attempts.
  if (Array.isArray(err.errors) && err.errors.length > 0) {
    return errorCode(err.errors[0] as ErrorLike);
  }

  return undefined;
}

/**
 * Turns a failed Postgres connection into one line that names the cause and the fix. The URL
 * appears without its password.
 */
export function describeConnectionError(err: unknown, databaseUrl: string): string {
  const e = (err ?? {}) as ErrorLike;
  const message = typeof e.message === 'string' ? e.message : String(err);
  const code = errorCode(e);
  const url = new URL(databaseUrl);
  const where = redactUrl(databaseUrl);
  const host = `${url.hostname || 'localhost'}:${url.port || '5432'}`;
  const user = decodeURIComponent(url.username) || 'the current user';
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || user;

  const noPassword = url.password === '';
  if (
    /client password must be a string|no password supplied/i.test(message) ||
    (code === '28P01' && noPassword)
  ) {
    return (
      `Database ${where} requires a password and DATABASE_URL has none: put it in the URL ` +
      '(postgres://USER:PASSWORD@HOST/DB) or connect over the local socket with ' +
      'postgres:///DB?host=/var/run/postgresql.'
    );
  }
  if (code === '28P01') {
    return `Database ${where} rejected the password for user "${user}": fix the password in DATABASE_URL.`;
  }
  if (code === '28000') {
    return (
      `Database ${where} rejected user "${user}" (${message}): check the user name in DATABASE_URL ` +
      "and the server's pg_hba.conf."
    );
  }
  if (code === '3D000') {
    return (
      `Database "${database}" does not exist on ${host}: create it with ` +
      `\`createdb ${database}\` or fix the name in DATABASE_URL.`
    );
  }
  if (code === 'ECONNREFUSED') {
    return (
      `Could not connect to Postgres at ${host}: the connection was refused. Start the server, ` +
      'fix the host and port in DATABASE_URL, or unset DATABASE_URL to use the embedded database.'
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `Could not connect to Postgres: host "${url.hostname}" was not found. Fix the host in DATABASE_URL.`;
  }
  if (code === 'ETIMEDOUT' || /timeout/i.test(message)) {
    return (
      `Could not connect to Postgres at ${host}: the connection timed out. Check that the host ` +
      'is reachable and that a firewall allows the port.'
    );
  }
  if (/does not support SSL/i.test(message)) {
    return `Postgres at ${host} does not support SSL: add ?sslmode=disable to DATABASE_URL.`;
  }
  if (/self[- ]signed certificate|unable to verify|CERT_/i.test(`${code ?? ''} ${message}`)) {
    return (
      `Postgres at ${host} presented a certificate that does not verify: use ?sslmode=require ` +
      'in DATABASE_URL to encrypt without verifying, or give the server a trusted certificate.'
    );
  }

  return `Could not connect to Postgres at ${host}: ${message}. Check DATABASE_URL.`;
}
