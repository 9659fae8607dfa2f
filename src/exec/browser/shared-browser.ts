/**
 * The process's warm browser for `executeSide` callers that do not bring
 * their own: started on first use, shared by concurrent sides, and closed
 * once idle for a moment, so a run leaves no browser behind. Were the
 * process to exit first, bubblewrap's `--die-with-parent` takes the browser
 * with it, and the exit hook removes its folder.
 */
import { browserAssets } from './pages.js';
import { WarmBrowser } from './warm-browser.js';

const IDLE_MS = 1_500;

interface Shared {
  browser: WarmBrowser;
  users: number;
  idle: NodeJS.Timeout | null;
}

const shared = new Map<string, Shared>();

/** Runs `fn` with the shared browser of this isolation mode (confined unless `unsafeNoIsolation`). */
export async function withSharedBrowser<T>(unsafeNoIsolation: boolean, fn: (browser: WarmBrowser) => Promise<T>): Promise<T> {
  const key = unsafeNoIsolation ? 'unsafe' : 'confined';
  let s = shared.get(key);
  if (!s) {
    s = { browser: new WarmBrowser({ assets: browserAssets(), unsafeNoIsolation }), users: 0, idle: null };
    shared.set(key, s);
  }
  const entry = s;
  entry.users++;
  if (entry.idle) clearTimeout(entry.idle);
  entry.idle = null;
  try {
    return await fn(entry.browser);
  } finally {
    if (--entry.users === 0) {
      entry.idle = setTimeout(() => {
        if (entry.users === 0 && shared.get(key) === entry) {
          shared.delete(key);
          void entry.browser.close();
        }
      }, IDLE_MS);
      entry.idle.unref();
    }
  }
}

/** Closes the shared browsers now (tests; a CLI that is about to exit). */
export async function closeSharedBrowsers(): Promise<void> {
  const all = [...shared.values()];
  shared.clear();
  for (const s of all) if (s.idle) clearTimeout(s.idle);
  await Promise.all(all.map((s) => s.browser.close()));
}
