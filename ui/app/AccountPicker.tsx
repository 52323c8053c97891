/**
 * The account picker the pane's sections share (Negotiation and risk, Signals): one list of
 * accounts, read through the Host when a picker first opens (and again after the source or
 * period changed), searched as you type (the period's Top 20 first, then the rest).
 */
import {
  Caption1,
  Combobox,
  Option,
  OptionGroup,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { AccountOption, Host, HostFailure, SavedChoice } from '../host';
import type { Strings } from '../strings';
import { accountDetail, accountMatches } from './accounts';
import { asFailure } from './choice';

/** Options drawn at once; typing narrows the rest. */
const SHOWN = 50;

/** Where the account list stands, for the choice it was read for (`key`). */
export type Accounts =
  | { readonly state: 'idle' }
  | { readonly state: 'loading'; readonly key: string }
  | { readonly state: 'ready'; readonly key: string; readonly list: readonly AccountOption[] }
  | { readonly state: 'failed'; readonly key: string; readonly failure: HostFailure };

/** The shared account list and the function that reads it when needed. */
export interface AccountList {
  readonly accounts: Accounts;
  /** Reads the list for the current choice unless it is read (or being read) already. */
  readonly load: () => void;
}

/**
 * The account list of the pane's current choice, read on demand.
 *
 * @example
 * const accountList = useAccountList(host, choice, s);
 * <AccountPicker accountList={accountList} … />
 */
export function useAccountList(host: Host, choice: SavedChoice | null, s: Strings): AccountList {
  const [accounts, setAccounts] = useState<Accounts>({ state: 'idle' });
  const key = choice === null ? null : JSON.stringify(choice);
  const load = () => {
    if (choice === null || key === null) return;
    if (accounts.state !== 'idle' && accounts.key === key && accounts.state !== 'failed') return;
    setAccounts({ state: 'loading', key });
    host.listAccounts(choice).then(
      (list) =>
        setAccounts((a) =>
          a.state === 'loading' && a.key === key ? { state: 'ready', key, list } : a,
        ),
      (e: unknown) =>
        setAccounts((a) =>
          a.state === 'loading' && a.key === key
            ? { state: 'failed', key, failure: asFailure(e, s) }
            : a,
        ),
    );
  };
  return { accounts, load };
}

const useStyles = makeStyles({
  combobox: { minWidth: '0', width: '100%' },
  option: { display: 'flex', flexDirection: 'column' },
  detail: { color: tokens.colorNeutralForeground3 },
});

export interface AccountPickerProps {
  readonly s: Strings;
  readonly language: ReturnType<Host['language']>;
  readonly accountList: AccountList;
  /** What is typed in the box. */
  readonly query: string;
  /** The account picked from the list, or null while only typed. */
  readonly selected: AccountOption | null;
  readonly onQuery: (query: string) => void;
  readonly onSelected: (account: AccountOption | null) => void;
  readonly disabled: boolean;
  readonly testId: string;
  readonly placeholder: string;
}

export function AccountPicker(props: AccountPickerProps) {
  const { s, language, accountList, query, selected, disabled } = props;
  const { accounts, load } = accountList;
  const styles = useStyles();
  const list = accounts.state === 'ready' ? accounts.list : [];
  // While an account is chosen its name is in the box: show the whole list then.
  const matches = accountMatches(list, selected === null ? query : '', SHOWN);
  const topCount = list.filter((a) => a.top).length;

  const option = (a: AccountOption) => (
    <Option key={a.key} value={a.key} text={a.name}>
      <div className={styles.option}>
        <span>{a.name}</span>
        <Caption1 className={styles.detail}>{accountDetail(a, s, language)}</Caption1>
      </div>
    </Option>
  );

  return (
    <Combobox
      className={styles.combobox}
      freeform
      data-testid={props.testId}
      placeholder={props.placeholder}
      disabled={disabled}
      value={query}
      selectedOptions={selected ? [selected.key] : []}
      onOpenChange={(_, data) => {
        if (data.open) load();
      }}
      onFocus={load}
      onChange={(e) => {
        props.onQuery(e.target.value);
        props.onSelected(null);
      }}
      onOptionSelect={(_, data) => {
        const chosen = list.find((a) => a.key === data.optionValue) ?? null;
        props.onSelected(chosen);
        props.onQuery(chosen ? chosen.name : '');
      }}
    >
      {accounts.state === 'loading' ? (
        <Option key="loading" value="" text={s.accountsLoading} disabled>
          {s.accountsLoading}
        </Option>
      ) : null}
      {accounts.state === 'ready' && matches.top.length + matches.rest.length === 0 ? (
        <Option key="none" value="" text={s.accountsNone} disabled>
          {s.accountsNone}
        </Option>
      ) : null}
      {matches.top.length > 0 ? (
        <OptionGroup label={s.accountsTop(topCount)}>{matches.top.map(option)}</OptionGroup>
      ) : null}
      {matches.rest.length > 0 ? (
        <OptionGroup label={s.accountsRest}>{matches.rest.map(option)}</OptionGroup>
      ) : null}
      {matches.more > 0 ? (
        <Option key="more" value="" text={s.accountsMore(matches.more)} disabled>
          {s.accountsMore(matches.more)}
        </Option>
      ) : null}
    </Combobox>
  );
}
