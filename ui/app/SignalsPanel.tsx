/**
 * Signals: the open and overdue signals of the Signals sheet, read through the Host when the pane
 * opens (newest first; overdue ones marked red with the hours they are over), and a short form —
 * account (the pane's shared account list, or typed), type, description, raised by, escalated to
 * — whose **Log signal** appends one row stamped with the host's now; the list is read again after.
 */
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  ProgressBar,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { FailureBar } from './FailureBar';
import { useEffect, useState } from 'react';
import { SIGNAL_TYPES } from '../../shared/companions/schema';
import type {
  AccountOption,
  Host,
  HostFailure,
  PaneLanguage,
  SheetJobOutcome,
  SignalView,
} from '../host';
import type { Strings } from '../strings';
import { AccountPicker, type AccountList } from './AccountPicker';
import { asFailure } from './choice';

type Listed =
  | { readonly state: 'loading' }
  | { readonly state: 'ready'; readonly list: readonly SignalView[] }
  | { readonly state: 'failed'; readonly failure: HostFailure };

type Logging =
  | { readonly state: 'idle' }
  | { readonly state: 'running' }
  | { readonly state: 'done'; readonly outcome: SheetJobOutcome }
  | { readonly state: 'failed'; readonly failure: HostFailure };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    borderLeft: `3px solid ${tokens.colorPaletteGreenBorder2}`,
  },
  overdue: {
    backgroundColor: tokens.colorPaletteRedBackground1,
    borderLeft: `3px solid ${tokens.colorPaletteRedBorder2}`,
  },
  head: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  account: { fontWeight: tokens.fontWeightSemibold },
  detail: { color: tokens.colorNeutralForeground3 },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  wide: { minWidth: '0', width: '100%' },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

/** Hours as the language writes them, one decimal at most, without a sign. */
const hoursText = (hours: number, language: PaneLanguage): string =>
  Math.abs(hours).toLocaleString(language === 'sv' ? 'sv-SE' : 'en-US', {
    maximumFractionDigits: 1,
  });

export interface SignalsPanelProps {
  readonly s: Strings;
  readonly language: PaneLanguage;
  readonly host: Host;
  /** The pane's account list (shared with Negotiation and risk). */
  readonly accountList: AccountList;
  /** True while another job of the pane runs. */
  readonly disabled: boolean;
}

export function SignalsPanel(props: SignalsPanelProps) {
  const { s, language, host, disabled } = props;
  const styles = useStyles();
  const [listed, setListed] = useState<Listed>({ state: 'loading' });
  const [reads, setReads] = useState(0);
  const [formOpen, setFormOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<AccountOption | null>(null);
  const [type, setType] = useState<string | null>(null);
  const [description, setDescription] = useState('');
  const [raisedBy, setRaisedBy] = useState('');
  const [escalatedTo, setEscalatedTo] = useState('');
  const [logging, setLogging] = useState<Logging>({ state: 'idle' });

  useEffect(() => {
    let live = true;
    host.openSignals().then(
      (list) => {
        if (live) setListed({ state: 'ready', list });
      },
      (e: unknown) => {
        if (live) setListed({ state: 'failed', failure: asFailure(e, s) });
      },
    );
    return () => {
      live = false;
    };
    // `s` follows the host's language; `reads` asks for the list again after a signal is logged.
  }, [host, reads]);

  const account = selected !== null ? selected.name : query.trim();
  const running = logging.state === 'running';
  const canLog = !disabled && !running && account !== '' && type !== null;

  const onLog = async () => {
    if (!canLog || type === null) return;
    setLogging({ state: 'running' });
    try {
      const outcome = await host.logSignal({ account, type, description, raisedBy, escalatedTo });
      setLogging({ state: 'done', outcome });
      setDescription('');
      setReads((n) => n + 1);
    } catch (e) {
      setLogging({ state: 'failed', failure: asFailure(e, s) });
    }
  };

  const typeText = (value: string | null) =>
    SIGNAL_TYPES.find((v) => v.value === value)?.text[language] ?? '';
  const list = listed.state === 'ready' ? listed.list : [];
  const overdue = list.filter((x) => x.overdue).length;

  return (
    <section className={styles.root} aria-label={s.signalsTitle} data-testid="signals">
      {listed.state === 'loading' ? <Spinner size="tiny" label={s.signalsLoading} /> : null}
      {listed.state === 'failed' ? (
        <FailureBar failure={listed.failure} title={s.signalsReadFailed} testId="signals-failure" />
      ) : null}
      {listed.state === 'ready' && list.length === 0 ? (
        <Body1 data-testid="signals-none">{s.signalsNone}</Body1>
      ) : null}
      {list.length > 0 ? (
        <>
          <Caption1 className={styles.detail} data-testid="signals-count">
            {s.signalsCount(list.length - overdue, overdue)}
          </Caption1>
          <ul className={styles.list} data-testid="signals-list">
            {list.map((x) => (
              <li
                key={`${x.row}-${x.raisedAt}`}
                className={x.overdue ? `${styles.item} ${styles.overdue}` : styles.item}
                data-testid="signal-item"
                data-overdue={x.overdue ? 'true' : 'false'}
              >
                <div className={styles.head}>
                  <span className={styles.account} data-testid="signal-account">
                    {x.account}
                  </span>
                  <Badge
                    appearance={x.overdue ? 'filled' : 'tint'}
                    color={x.overdue ? 'danger' : 'informative'}
                    data-testid="signal-hours"
                  >
                    {x.overdue
                      ? s.signalOverdueBy(hoursText(x.hoursLeft, language))
                      : s.signalHoursLeft(hoursText(x.hoursLeft, language))}
                  </Badge>
                </div>
                <Caption1>{[x.type, x.description].filter((t) => t !== '').join(' · ')}</Caption1>
                <Caption1 className={styles.detail}>
                  {[
                    s.signalRaised(x.raisedAt, x.raisedBy),
                    x.escalatedTo !== '' ? s.signalEscalated(x.escalatedTo) : '',
                  ]
                    .filter((t) => t !== '')
                    .join(', ')}
                </Caption1>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {formOpen ? (
        <div className={styles.form} role="group" aria-label={s.signalFormTitle}>
          <Caption1 className={styles.detail}>{s.signalHint}</Caption1>
          <Field
            label={s.accountLabel}
            required
            validationState={props.accountList.accounts.state === 'failed' ? 'warning' : 'none'}
            validationMessage={
              props.accountList.accounts.state === 'failed'
                ? props.accountList.accounts.failure.message
                : undefined
            }
          >
            <AccountPicker
              s={s}
              language={language}
              accountList={props.accountList}
              query={query}
              selected={selected}
              onQuery={setQuery}
              onSelected={setSelected}
              disabled={running}
              testId="signal-account-picker"
              placeholder={s.signalAccountPlaceholder}
            />
          </Field>
          <Field label={s.signalType} required>
            <Dropdown
              className={styles.wide}
              data-testid="signal-type"
              placeholder={s.signalTypePlaceholder}
              disabled={running}
              value={typeText(type)}
              selectedOptions={type !== null ? [type] : []}
              onOptionSelect={(_, data) => setType(data.optionValue ?? null)}
            >
              {SIGNAL_TYPES.map((v) => (
                <Option key={v.value} value={v.value}>
                  {v.text[language]}
                </Option>
              ))}
            </Dropdown>
          </Field>
          <Field label={s.signalDescription}>
            <Input
              data-testid="signal-description"
              disabled={running}
              value={description}
              onChange={(_, data) => setDescription(data.value)}
            />
          </Field>
          <Field label={s.signalRaisedBy}>
            <Input
              data-testid="signal-raised-by"
              disabled={running}
              value={raisedBy}
              onChange={(_, data) => setRaisedBy(data.value)}
            />
          </Field>
          <Field label={s.signalEscalatedTo}>
            <Input
              data-testid="signal-escalated-to"
              disabled={running}
              value={escalatedTo}
              onChange={(_, data) => setEscalatedTo(data.value)}
            />
          </Field>
          <div className={styles.buttons}>
            <Button appearance="primary" disabled={!canLog} onClick={() => void onLog()}>
              {s.logSignal}
            </Button>
          </div>
          {running ? (
            <Field validationMessage={s.loggingSignal} validationState="none">
              <ProgressBar thickness="large" />
            </Field>
          ) : null}
        </div>
      ) : (
        <div className={styles.buttons}>
          <Button disabled={disabled} onClick={() => setFormOpen(true)}>
            {s.signalFormOpen}
          </Button>
        </div>
      )}
      {logging.state === 'done' ? (
        <MessageBar intent="success" layout="multiline" data-testid="signal-logged">
          <MessageBarBody>{logging.outcome.summary}</MessageBarBody>
        </MessageBar>
      ) : null}
      {logging.state === 'failed' ? (
        <FailureBar failure={logging.failure} title={s.signalLogFailed} testId="signal-failure" />
      ) : null}
    </section>
  );
}
