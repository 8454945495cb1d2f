/**
 * Module-loader hooks that append the URL of every module a node process resolves to the file
 * named in the registration data: how test/cli/startup.test.ts sees what `ncssl` loads. Plain
 * JavaScript, since node loads it before any TypeScript runs. Registered with
 *   node --import 'data:text/javascript,import{register}from"node:module";register(HOOKS,{data:{file:LOG}})' …
 */
import { appendFileSync } from 'node:fs';

let log = '';

export function initialize(data) {
  log = data.file;
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(log, `${resolved.url}\n`);
  return resolved;
}
