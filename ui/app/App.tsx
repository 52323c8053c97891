/**
 * The task pane app. Its state lives here; it reaches the workbook only through the Host it is
 * given (Excel, the Sheets sidebar or the in-browser preview) — no Office, google or window here.
 */
import {
  Divider,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import type { SalesSource } from '../../shared/reports/sales-sources';
import type { SalesField } from '../../shared/sales-table';
import type { Host, HostFailure, SavedChoice } from '../host';
import { strings } from '../strings';
import { useAccountList } from './AccountPicker';
import { BuildPanel, type BuildState } from './BuildPanel';
import {
  asFailure,
  initialMapping,
  periodForm,
  savedChoice,
  type Mapping,
  type PeriodForm,
} from './choice';
import { NegotiationPanel } from './NegotiationPanel';
import { PeriodPicker } from './PeriodPicker';
import { SignalsPanel } from './SignalsPanel';
import { SourcePicker } from './SourcePicker';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    boxSizing: 'border-box',
  },
});

type Loaded =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly sources: SalesSource[]; readonly saved: SavedChoice | null }
  | { readonly state: 'failed'; readonly failure: HostFailure };

export interface AppProps {
  readonly host: Host;
  /** Today, for the default calendar year (injected for tests and screenshots). */
  readonly today?: Date;
}

export function App({ host, today: fixedToday }: AppProps) {
  const styles = useStyles();
  const language = host.language();
  const s = strings(language);
  const today = useMemo(() => fixedToday ?? new Date(), [fixedToday]);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [sheet, setSheet] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [form, setForm] = useState<PeriodForm>(() => periodForm(undefined, today));
  const [build, setBuild] = useState<BuildState>({ state: 'idle' });
  const [jobBusy, setJobBusy] = useState(false);
  const choice = savedChoice(sheet, mapping, form);
  // One account list for the pane: the negotiation picker and the signal form share it.
  const accountList = useAccountList(host, choice, s);

  useEffect(() => {
    let live = true;
    Promise.all([host.findSources(), host.loadChoice()]).then(
      ([sources, saved]) => {
        if (!live) return;
        const first = sources.find((x) => x.sheet === saved?.sheet) ?? sources[0];
        setLoaded({ state: 'ready', sources, saved });
        if (first) {
          setSheet(first.sheet);
          setMapping(initialMapping(first, saved));
        }
        if (saved) setForm(periodForm(saved.period, today));
      },
      (e: unknown) => {
        if (live) setLoaded({ state: 'failed', failure: asFailure(e, s) });
      },
    );
    return () => {
      live = false;
    };
    // `s` follows the host's language: the sources are read once per host.
  }, [host, today]);

  if (loaded.state === 'loading') return <Spinner className={styles.root} label={s.loading} />;
  if (loaded.state === 'failed') {
    return (
      <div className={styles.root}>
        <MessageBar intent={loaded.failure.userError ? 'warning' : 'error'} layout="multiline">
          <MessageBarBody>{loaded.failure.message}</MessageBarBody>
        </MessageBar>
      </div>
    );
  }

  const running = build.state === 'running' || jobBusy;

  const onSheet = (name: string) => {
    const source = loaded.sources.find((x) => x.sheet === name);
    if (!source) return;
    setSheet(name);
    setMapping(initialMapping(source, loaded.saved));
  };
  const onMapping = (field: SalesField, header: string | null) =>
    setMapping((m) => (m ? { ...m, [field]: header } : m));

  const onBuild = async () => {
    if (!choice) return;
    setBuild({ state: 'running', progress: { phase: 'reading', rowsRead: 0 } });
    try {
      await host.saveChoice(choice);
      setLoaded({ ...loaded, saved: choice });
      const outcome = await host.buildTop20(choice, (progress) =>
        setBuild({ state: 'running', progress }),
      );
      setBuild({ state: 'done', outcome });
    } catch (e) {
      setBuild({ state: 'failed', failure: asFailure(e, s) });
    }
  };
  const onShowSheet = (name: string) => {
    host
      .showSheet(name)
      .catch((e: unknown) => setBuild({ state: 'failed', failure: asFailure(e, s) }));
  };

  return (
    <main className={styles.root} lang={language}>
      <Subtitle2>{s.signalsTitle}</Subtitle2>
      <SignalsPanel
        s={s}
        language={language}
        host={host}
        accountList={accountList}
        disabled={running}
      />
      <Divider />
      <Subtitle2>{s.sourceTitle}</Subtitle2>
      {sheet !== null && mapping !== null ? (
        <SourcePicker
          s={s}
          sources={loaded.sources}
          sheet={sheet}
          onSheet={onSheet}
          mapping={mapping}
          onMapping={onMapping}
          disabled={running}
        />
      ) : (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{s.noSources}</MessageBarBody>
        </MessageBar>
      )}
      <Divider />
      <PeriodPicker s={s} form={form} onForm={setForm} today={today} disabled={running} />
      <Divider />
      <BuildPanel
        s={s}
        language={language}
        build={build}
        canBuild={choice !== null && !jobBusy}
        onBuild={() => void onBuild()}
        onShowSheet={onShowSheet}
      />
      <Divider />
      <Subtitle2>{s.negotiationTitle}</Subtitle2>
      <NegotiationPanel
        s={s}
        language={language}
        host={host}
        choice={choice}
        accountList={accountList}
        disabled={build.state === 'running'}
        onBusy={setJobBusy}
        onShowSheet={onShowSheet}
      />
    </main>
  );
}
