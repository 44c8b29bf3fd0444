/**
 * Request builders for contact tests; the environment itself is the shared
 * function-env.ts (startContactEnv is its name here).
 */
import { startFunctionEnv, type FunctionEnv, type FunctionEnvOptions } from './function-env.ts';

export type ContactEnv = FunctionEnv;

export function startContactEnv(options: FunctionEnvOptions = {}): Promise<ContactEnv> {
  return startFunctionEnv(options);
}

let ipCounter = 0;
/** A fresh client IP per call, so tests that are not about the rate limit never hit it. */
export function nextIp(): string {
  ipCounter++;
  return `198.51.100.${ipCounter % 250}` + (ipCounter >= 250 ? `:${ipCounter}` : '');
}

export function jsonRequest(body: unknown, init: { headers?: Record<string, string>; method?: string } = {}): Request {
  return new Request('http://localhost/api/contact', {
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function formRequest(fields: Record<string, string>, headers: Record<string, string> = {}): Request {
  return new Request('http://localhost/api/contact', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}
