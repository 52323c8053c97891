/**
 * The sidebar's SheetsHost over a stub of google.script.run (asynchronous, like the real one): the
 * ticket protocol (start, then poll kamResult until it answers), failures as HostFailures (a failure
 * handler's Error → userError true; a settled `{ error, userError }` as it is), a timeout, and an
 * answer it does not understand.
 */
import { callServer, failureOf, SheetsHost, type ScriptRun } from '../../ui/sidebar/sheets-host';
import { sidebarLanguage } from '../../ui/sidebar/language';

type Server = Record<string, (...args: unknown[]) => unknown>;

/** google.script.run over `server`: chained handlers, answers on a later task, errors as Errors. */
function stubRun(server: Server, log: string[] = []): ScriptRun {
  const runner = (
    ok: ((v: unknown) => void) | null,
    fail: ((e: unknown) => void) | null,
  ): ScriptRun =>
    new Proxy({} as ScriptRun, {
      get(_, name) {
        if (name === 'withSuccessHandler') return (h: (v: unknown) => void) => runner(h, fail);
        if (name === 'withFailureHandler') return (h: (e: unknown) => void) => runner(ok, h);
        if (typeof name !== 'string' || !(name in server)) return undefined;
        return (...args: unknown[]) => {
          log.push(name);
          setTimeout(() => {
            try {
              const value = JSON.parse(JSON.stringify(server[name](...args) ?? null)) as unknown;
              ok?.(value);
            } catch (e) {
              fail?.(e instanceof Error ? new Error(e.message) : e);
            }
          }, 1);
        };
      },
    });
  return runner(null, null);
}

const CHOICE = { sheet: 'Sales', mapping: {}, period: { kind: 'r12' } } as const;
const fast = { sleep: () => new Promise<void>((r) => setTimeout(r, 1)) };

test('a ticketed job: kamBuild, then kamResult until it answers', async () => {
  let polls = 0;
  const log: string[] = [];
  const outcome = { summary: 'Top 20 = 41%', top20Sheet: 'Top 20' };
  const host = new SheetsHost({
    language: 'en',
    polling: fast,
    run: stubRun(
      {
        kamBuild: (choice) => {
          expect(choice).toEqual(CHOICE);
          return { ticket: 't-1' };
        },
        kamResult: (t) => {
          expect(t).toBe('t-1');
          return ++polls < 3 ? null : { ok: outcome };
        },
      },
      log,
    ),
  });
  const phases: string[] = [];
  await expect(host.buildTop20(CHOICE, (p) => phases.push(p.phase))).resolves.toEqual(outcome);
  expect(log).toEqual(['kamBuild', 'kamResult', 'kamResult', 'kamResult']);
  expect(phases).toEqual(['reading', 'done']);
  expect(host.kind).toBe('sheets');
});

test('a settled failure keeps its userError; a failure handler’s Error is the user’s', async () => {
  const host = new SheetsHost({
    language: 'en',
    polling: fast,
    run: stubRun({
      kamFindSources: () => ({ ticket: 't-2' }),
      kamResult: () => ({ error: 'Something went wrong (boom)', userError: false }),
      kamShowSheet: (name) => {
        throw new Error(`There is no sheet "${String(name)}".`);
      },
      kamLoadChoice: () => null,
      kamSaveChoice: () => undefined,
    }),
  });
  await expect(host.findSources()).rejects.toEqual({
    message: 'Something went wrong (boom)',
    userError: false,
  });
  await expect(host.showSheet('X')).rejects.toEqual({
    message: 'There is no sheet "X".',
    userError: true,
  });
  await expect(host.loadChoice()).resolves.toBeNull();
  await expect(host.saveChoice(CHOICE)).resolves.toBeUndefined();
});

test('no answer in time: a HostFailure that says what to do', async () => {
  const host = new SheetsHost({
    language: 'sv',
    polling: { ...fast, delaysMs: [0, 5], timeoutMs: 20 },
    run: stubRun({ kamBuild: () => ({ ticket: 't-3' }), kamResult: () => null }),
  });
  await expect(host.buildTop20(CHOICE, () => {})).rejects.toEqual({
    message: expect.stringMatching(/^Google Kalkylark svarade inte i tid/),
    userError: false,
  });
});

test('an answer that is not a ticket (e.g. a Promise serialised as {}): not understood', async () => {
  const host = new SheetsHost({
    language: 'en',
    polling: fast,
    run: stubRun({ kamBuild: () => ({}) }),
  });
  await expect(host.buildTop20(CHOICE, () => {})).rejects.toMatchObject({ userError: false });
});

test('the other jobs go through their own server functions', async () => {
  const log: string[] = [];
  const answer = { ok: { summary: 's', sheet: 'x' } };
  const host = new SheetsHost({
    language: 'en',
    polling: fast,
    run: stubRun(
      {
        kamListAccounts: () => ({ ticket: 'a' }),
        kamBuildNegotiation: (_c, account, shareable) => {
          expect([account, shareable]).toEqual(['acme', true]);
          return { ticket: 'b' };
        },
        kamBuildRisk: () => ({ ticket: 'c' }),
        kamBuildTrends: (_c, grain) => {
          expect(grain).toBe('quarter');
          return { ticket: 'g' };
        },
        kamCreateTemplates: () => ({ ticket: 'd' }),
        kamOpenSignals: () => ({ ticket: 'e' }),
        kamLogSignal: (input) => {
          // Only the five fields cross google.script.run, as plain JSON.
          expect(input).toEqual({
            account: 'Acme AB',
            type: 'other',
            description: 'd',
            raisedBy: 'r',
            escalatedTo: 'e',
          });
          return { ticket: 'f' };
        },
        kamResult: () => answer,
      },
      log,
    ),
  });
  await host.listAccounts(CHOICE);
  await host.prepareNegotiation(CHOICE, 'acme', true);
  await host.portfolioRisk(CHOICE);
  await host.kpiTrends(CHOICE, 'quarter');
  await host.createTemplates();
  await host.openSignals();
  const input = { account: 'Acme AB', type: 'other', description: 'd', raisedBy: 'r' };
  await host.logSignal({ ...input, escalatedTo: 'e', extra: 1 } as never);
  expect(log.filter((n) => n !== 'kamResult')).toEqual([
    'kamListAccounts',
    'kamBuildNegotiation',
    'kamBuildRisk',
    'kamBuildTrends',
    'kamCreateTemplates',
    'kamOpenSignals',
    'kamLogSignal',
  ]);
});

test('failureOf / callServer / sidebarLanguage', async () => {
  expect(failureOf(new Error('Exception: Nope.'), 'en')).toEqual({
    message: 'Nope.',
    userError: true,
  });
  expect(failureOf('plain text', 'en')).toEqual({ message: 'plain text', userError: true });
  expect(failureOf(undefined, 'en').message).toBe('Google Sheets could not run the request.');
  await expect(callServer(stubRun({}), 'kamMissing', [], 'en')).rejects.toEqual({
    message: 'The server has no function kamMissing.',
    userError: true,
  });
  expect(sidebarLanguage('sv', 'en-US')).toBe('sv');
  expect(sidebarLanguage(undefined, 'sv-SE')).toBe('sv');
  expect(sidebarLanguage('de', 'en-GB')).toBe('en');
});
