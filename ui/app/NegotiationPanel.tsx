/**
 * Negotiation and risk: an account picker (search as you type; the period's Top 20 first), the
 * Shareable option, **Prepare negotiation**, **Portfolio risk**, **KPI trends** (by month or
 * quarter) and **Create templates**, then the last job's summary with links to its sheets — or its failure in words. The accounts are the
 * pane's shared list (AccountPicker.tsx), read when a picker first opens.
 */
import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Field,
  Link,
  ProgressBar,
  Radio,
  RadioGroup,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { FailureBar } from './FailureBar';
import { useState } from 'react';
import type {
  AccountOption,
  Host,
  HostFailure,
  SavedChoice,
  SheetJobOutcome,
  TrendsGrain,
} from '../host';
import type { Strings } from '../strings';
import { AccountPicker, type AccountList } from './AccountPicker';
import { asFailure } from './choice';

export type JobKind = 'prep' | 'risk' | 'trends' | 'templates';

/** Where the section's last job stands. */
export type JobState =
  | { readonly state: 'idle' }
  | { readonly state: 'running'; readonly job: JobKind }
  | { readonly state: 'done'; readonly job: JobKind; readonly outcome: SheetJobOutcome }
  | { readonly state: 'failed'; readonly job: JobKind; readonly failure: HostFailure };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  hint: { color: tokens.colorNeutralForeground3 },
  result: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  links: { display: 'flex', gap: tokens.spacingHorizontalL, flexWrap: 'wrap' },
});

export interface NegotiationPanelProps {
  readonly s: Strings;
  readonly language: ReturnType<Host['language']>;
  readonly host: Host;
  /** The source, mapping and period of the pane; null while incomplete. */
  readonly choice: SavedChoice | null;
  /** The pane's account list (shared with the Signals section). */
  readonly accountList: AccountList;
  /** True while the Top 20 builds. */
  readonly disabled: boolean;
  /** Told when a job starts and ends (the Top 20 button waits meanwhile). */
  readonly onBusy: (busy: boolean) => void;
  readonly onShowSheet: (name: string) => void;
}

export function NegotiationPanel(props: NegotiationPanelProps) {
  const { s, language, host, choice, disabled } = props;
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<AccountOption | null>(null);
  const [shareable, setShareable] = useState(false);
  const [grain, setGrain] = useState<TrendsGrain>('month');
  const [job, setJob] = useState<JobState>({ state: 'idle' });

  const running = job.state === 'running';
  const { accounts } = props.accountList;

  const run = async (kind: JobKind, call: () => Promise<SheetJobOutcome>) => {
    setJob({ state: 'running', job: kind });
    props.onBusy(true);
    try {
      setJob({ state: 'done', job: kind, outcome: await call() });
    } catch (e) {
      setJob({ state: 'failed', job: kind, failure: asFailure(e, s) });
    } finally {
      props.onBusy(false);
    }
  };

  const onPrepare = () => {
    if (choice === null || selected === null) return;
    const account = selected.key;
    void run('prep', () => host.prepareNegotiation(choice, account, shareable));
  };
  const onRisk = () => {
    if (choice !== null) void run('risk', () => host.portfolioRisk(choice));
  };
  const onTrends = () => {
    if (choice !== null) void run('trends', () => host.kpiTrends(choice, grain));
  };
  const onTemplates = () => void run('templates', () => host.createTemplates());

  const off = disabled || running;

  return (
    <section className={styles.root} aria-label={s.negotiationTitle}>
      <Field
        label={s.accountLabel}
        validationState={accounts.state === 'failed' ? 'warning' : 'none'}
        validationMessage={accounts.state === 'failed' ? accounts.failure.message : undefined}
        hint={choice === null ? s.needChoice : undefined}
      >
        <AccountPicker
          s={s}
          language={language}
          accountList={props.accountList}
          query={query}
          selected={selected}
          onQuery={setQuery}
          onSelected={setSelected}
          disabled={off || choice === null}
          testId="account-picker"
          placeholder={s.accountPlaceholder}
        />
      </Field>
      <Checkbox
        checked={shareable}
        disabled={off}
        onChange={(_, data) => setShareable(data.checked === true)}
        label={s.shareable}
      />
      <Caption1 className={styles.hint}>{s.shareableHint}</Caption1>
      <Field label={s.trendsGrain} orientation="horizontal">
        <RadioGroup
          layout="horizontal"
          value={grain}
          disabled={off}
          onChange={(_, data) => setGrain(data.value === 'quarter' ? 'quarter' : 'month')}
        >
          <Radio value="month" label={s.trendsByMonth} />
          <Radio value="quarter" label={s.trendsByQuarter} />
        </RadioGroup>
      </Field>
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          disabled={off || choice === null || selected === null}
          onClick={onPrepare}
        >
          {s.prepare}
        </Button>
        <Button disabled={off || choice === null} onClick={onRisk}>
          {s.risk}
        </Button>
        <Button disabled={off || choice === null} onClick={onTrends}>
          {s.trends}
        </Button>
        <Button disabled={off} onClick={onTemplates}>
          {s.templates}
        </Button>
      </div>
      <Caption1 className={styles.hint}>{s.templatesHint}</Caption1>
      {job.state === 'running' ? (
        <Field validationMessage={s.jobRunning[job.job]} validationState="none">
          <ProgressBar thickness="large" />
        </Field>
      ) : null}
      {job.state === 'done' ? (
        <div className={styles.result} aria-label={s.resultTitle} data-testid="job-result">
          <Body1 data-testid="job-summary">{job.outcome.summary}</Body1>
          <div className={styles.links}>
            {job.outcome.sheets
              .filter((name) => name !== job.outcome.issuesSheet)
              .map((name) => (
                <Link key={name} onClick={() => props.onShowSheet(name)}>
                  {s.openSheet(name)}
                </Link>
              ))}
            {job.outcome.issuesSheet !== null ? (
              job.outcome.issueCount > 0 ? (
                <Link
                  data-testid="job-issues-link"
                  onClick={() => props.onShowSheet(job.outcome.issuesSheet as string)}
                >
                  {s.issuesLink(job.outcome.issueCount)}
                </Link>
              ) : (
                <Body1>{s.noIssues}</Body1>
              )
            ) : null}
          </div>
        </div>
      ) : null}
      {job.state === 'failed' ? (
        <FailureBar failure={job.failure} title={s.jobFailed[job.job]} testId="job-failure" />
      ) : null}
    </section>
  );
}
