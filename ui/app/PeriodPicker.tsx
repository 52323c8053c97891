/**
 * The period picker: rolling 12 months (default), year to date, a calendar year, a custom range,
 * all data. Each input keeps its value while another kind is selected.
 */
import {
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { PeriodChoice } from '../../shared/analysis/types';
import type { Strings } from '../strings';
import { periodChoice, yearOptions, type PeriodForm } from './choice';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  inline: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    paddingLeft: tokens.spacingHorizontalXXL,
    flexWrap: 'wrap',
  },
});

export interface PeriodPickerProps {
  readonly s: Strings;
  readonly form: PeriodForm;
  readonly onForm: (form: PeriodForm) => void;
  readonly today: Date;
  readonly disabled: boolean;
}

const KINDS: readonly PeriodChoice['kind'][] = ['r12', 'ytd', 'year', 'custom', 'all'];

export function PeriodPicker({ s, form, onForm, today, disabled }: PeriodPickerProps) {
  const styles = useStyles();
  const label: Record<PeriodChoice['kind'], string> = {
    r12: s.periodR12,
    ytd: s.periodYtd,
    year: s.periodYear,
    custom: s.periodCustom,
    all: s.periodAll,
  };
  const customInvalid = form.kind === 'custom' && periodChoice(form) === null;
  return (
    <section className={styles.root} aria-label={s.periodTitle}>
      <Field label={s.periodTitle}>
        <RadioGroup
          value={form.kind}
          disabled={disabled}
          onChange={(_, data) => onForm({ ...form, kind: data.value as PeriodChoice['kind'] })}
        >
          {KINDS.map((kind) => (
            <Radio key={kind} value={kind} label={label[kind]} />
          ))}
        </RadioGroup>
      </Field>
      {form.kind === 'year' ? (
        <div className={styles.inline}>
          <Field label={s.periodYearLabel} orientation="horizontal">
            <Select
              value={String(form.year)}
              disabled={disabled}
              onChange={(_, data) => onForm({ ...form, year: Number(data.value) })}
            >
              {yearOptions(today, form.year).map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      ) : null}
      {form.kind === 'custom' ? (
        <div className={styles.inline}>
          <Field label={s.periodFrom}>
            <Input
              type="date"
              value={form.from}
              disabled={disabled}
              onChange={(_, data) => onForm({ ...form, from: data.value })}
            />
          </Field>
          <Field
            label={s.periodTo}
            validationState={customInvalid ? 'warning' : 'none'}
            validationMessage={customInvalid ? s.periodInvalid : undefined}
          >
            <Input
              type="date"
              value={form.to}
              disabled={disabled}
              onChange={(_, data) => onForm({ ...form, to: data.value })}
            />
          </Field>
        </div>
      ) : null}
    </section>
  );
}
