/**
 * The Google Sheets sidebar's Host: every call goes to the server (apps-script/src/server.ts)
 * through `google.script.run`, wrapped in a promise (withSuccessHandler / withFailureHandler).
 *
 * The protocol (see server.ts): the handlers all return synchronously. The async jobs
 * (`kamFindSources()`, `kamBuild(choice)`, `kamListAccounts`, `kamBuildNegotiation`,
 * `kamBuildRisk`, `kamBuildTrends`, `kamCreateTemplates`, `kamOpenSignals`, `kamLogSignal`) answer
 * `{ ticket }` at once; `kamResult(ticket)` answers the settled outcome — `{ ok: value }` or
 * `{ error, userError }` — or null while the job runs, so the host polls it with a short, growing
 * delay. A failure handler's Error (its message is the server's HostFailure message) becomes a
 * HostFailure `{ message, userError: true }`.
 */
import type { SalesSource } from '../../shared/reports/sales-sources';
import type {
  AccountOption,
  BuildOutcome,
  BuildProgress,
  Host,
  HostFailure,
  PaneLanguage,
  SavedChoice,
  SheetJobOutcome,
  SignalInput,
  SignalView,
  TrendsGrain,
} from '../host';

/** `google.script.run` as far as the sidebar uses it: handlers, then any server function. */
export interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
  readonly [serverFunction: string]: unknown;
}

/** How the host waits for a ticket's outcome. */
export interface Polling {
  /** Delays before each kamResult call (ms); the last one repeats until `timeoutMs`. */
  readonly delaysMs: readonly number[];
  /** Give up after this long (ms): Apps Script stops an execution after 6 minutes. */
  readonly timeoutMs: number;
  /** Waits (ms): setTimeout in the page, fake timers in tests. */
  readonly sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_POLLING: Polling = {
  delaysMs: [0, 100, 250, 500, 1000, 2000],
  timeoutMs: 400_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface SheetsHostOptions {
  readonly run: ScriptRun;
  readonly language: PaneLanguage;
  readonly polling?: Partial<Polling>;
}

const WORDS = {
  en: {
    timeout:
      'Google Sheets did not answer in time. Reload the sidebar and try again; a build can take a minute on a large sheet.',
    noAnswer:
      'Google Sheets sent back an answer the sidebar does not understand. Reload it and try again.',
    failed: 'Google Sheets could not run the request.',
  },
  sv: {
    timeout:
      'Google Kalkylark svarade inte i tid. Ladda om sidopanelen och försök igen; en körning kan ta en minut på ett stort blad.',
    noAnswer:
      'Google Kalkylark skickade ett svar som sidopanelen inte förstår. Ladda om den och försök igen.',
    failed: 'Google Kalkylark kunde inte köra begäran.',
  },
} as const;

/**
 * The HostFailure of whatever a failure handler received: its message without a leading
 * `Error: ` / `Exception: ` (Apps Script may add one), marked as the user's.
 *
 * @example
 * failureOf(new Error('Exception: There is no sheet "X".'), 'en')
 * // { message: 'There is no sheet "X".', userError: true }
 */
export function failureOf(error: unknown, language: PaneLanguage): HostFailure {
  let message = '';
  if (typeof error === 'string') message = error;
  else if (typeof error === 'object' && error !== null && 'message' in error) {
    message = String((error as { message: unknown }).message);
  }
  message = message.replace(/^(?:Script)?(?:Error|Exception): /, '').trim();
  return { message: message || WORDS[language].failed, userError: true };
}

/**
 * Calls a server function through google.script.run: its value, or a rejection with a
 * HostFailure.
 *
 * @example
 * const choice = await callServer(google.script.run, 'kamLoadChoice', [], 'en');
 */
export function callServer(
  run: ScriptRun,
  name: string,
  args: readonly unknown[],
  language: PaneLanguage,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const runner = run
      .withSuccessHandler((value) => resolve(value))
      .withFailureHandler((error) => reject(failureOf(error, language)));
    const fn = runner[name];
    if (typeof fn !== 'function') {
      reject(failureOf(`The server has no function ${name}.`, language));
      return;
    }
    (fn as (...a: unknown[]) => void).apply(runner, [...args]);
  });
}

function isTicket(x: unknown): x is { ticket: string } {
  return (
    typeof x === 'object' && x !== null && typeof (x as { ticket: unknown }).ticket === 'string'
  );
}

/** @example const host = new SheetsHost({ run: google.script.run, language: 'sv' }); */
export class SheetsHost implements Host {
  readonly kind = 'sheets' as const;
  private readonly polling: Polling;

  constructor(private readonly options: SheetsHostOptions) {
    this.polling = { ...DEFAULT_POLLING, ...options.polling };
  }

  language(): PaneLanguage {
    return this.options.language;
  }

  async findSources(): Promise<SalesSource[]> {
    return (await this.job('kamFindSources', [])) as SalesSource[];
  }

  async loadChoice(): Promise<SavedChoice | null> {
    const choice = await this.call('kamLoadChoice', []);
    return (choice ?? null) as SavedChoice | null;
  }

  async saveChoice(choice: SavedChoice): Promise<void> {
    await this.call('kamSaveChoice', [choice]);
  }

  async buildTop20(
    choice: SavedChoice,
    onProgress: (progress: BuildProgress) => void,
  ): Promise<BuildOutcome> {
    onProgress({ phase: 'reading', rowsRead: 0 });
    const outcome = (await this.job('kamBuild', [choice])) as BuildOutcome;
    onProgress({ phase: 'done', rowsRead: 0 });
    return outcome;
  }

  async listAccounts(choice: SavedChoice): Promise<AccountOption[]> {
    return (await this.job('kamListAccounts', [choice])) as AccountOption[];
  }

  async prepareNegotiation(
    choice: SavedChoice,
    account: string,
    shareable: boolean,
  ): Promise<SheetJobOutcome> {
    return (await this.job('kamBuildNegotiation', [choice, account, shareable])) as SheetJobOutcome;
  }

  async portfolioRisk(choice: SavedChoice): Promise<SheetJobOutcome> {
    return (await this.job('kamBuildRisk', [choice])) as SheetJobOutcome;
  }

  async kpiTrends(choice: SavedChoice, grain: TrendsGrain): Promise<SheetJobOutcome> {
    return (await this.job('kamBuildTrends', [choice, grain])) as SheetJobOutcome;
  }

  async createTemplates(): Promise<SheetJobOutcome> {
    return (await this.job('kamCreateTemplates', [])) as SheetJobOutcome;
  }

  async openSignals(): Promise<SignalView[]> {
    return (await this.job('kamOpenSignals', [])) as SignalView[];
  }

  async logSignal(input: SignalInput): Promise<SheetJobOutcome> {
    const { account, type, description, raisedBy, escalatedTo } = input;
    return (await this.job('kamLogSignal', [
      { account, type, description, raisedBy, escalatedTo },
    ])) as SheetJobOutcome;
  }

  async showSheet(name: string): Promise<void> {
    await this.call('kamShowSheet', [name]);
  }

  private call(name: string, args: readonly unknown[]): Promise<unknown> {
    return callServer(this.options.run, name, args, this.options.language);
  }

  /** Starts a ticketed job, then polls kamResult until it has settled. */
  private async job(name: string, args: readonly unknown[]): Promise<unknown> {
    const W = WORDS[this.options.language];
    const started = await this.call(name, args);
    if (!isTicket(started)) throw { message: W.noAnswer, userError: false } as HostFailure;
    const { delaysMs, timeoutMs, sleep } = this.polling;
    let waited = 0;
    for (let i = 0; waited <= timeoutMs; i++) {
      const delay = delaysMs[Math.min(i, delaysMs.length - 1)] ?? 1000;
      if (delay > 0) await sleep(delay);
      waited += Math.max(delay, 1);
      const outcome = await this.call('kamResult', [started.ticket]);
      if (outcome === null || outcome === undefined) continue;
      if (typeof outcome === 'object' && 'ok' in outcome) return (outcome as { ok: unknown }).ok;
      if (typeof outcome === 'object' && 'error' in outcome) {
        const { error, userError } = outcome as { error: unknown; userError: unknown };
        throw { message: String(error), userError: userError === true } as HostFailure;
      }
      throw { message: W.noAnswer, userError: false } as HostFailure;
    }
    throw { message: W.timeout, userError: false } as HostFailure;
  }
}
