/**
 * The Node built-ins that the engine's float curl sampler (src/numeric/curl-points.ts) imports,
 * answered for a web page: there is no compiled worker script and one core to use, so the sampler
 * stays on the page's thread (its own path for small jobs) and never starts a worker. The bundle
 * (../build.ts) maps exactly these four modules here; any other Node import fails the build.
 */
export const existsSync = (_path: string): boolean => false;
export const availableParallelism = (): number => 1;
export const fileURLToPath = (url: URL | string): string => String(url);
export class Worker {
  constructor() {
    throw new Error('the playground runs without worker threads');
  }
}
