/**
 * The source picker: the found sales sheet(s) and the column mapping, one drop-down per field in
 * SALES_FIELDS order (required fields marked, '— none —' for optional ones). The mapping opens by
 * itself when a required column is missing; otherwise it stays folded: no questions to answer.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Caption1,
  Dropdown,
  Field,
  Option,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import {
  REQUIRED_FIELDS,
  SALES_FIELDS,
  type SalesSource,
} from '../../shared/reports/sales-sources';
import type { SalesField } from '../../shared/sales-table';
import type { Strings } from '../strings';
import { headerOptions, missingFields, type Mapping } from './choice';

const NONE = '\u0000none';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  fields: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  dropdown: { minWidth: '160px' },
  hint: { color: tokens.colorNeutralForeground3 },
});

export interface SourcePickerProps {
  readonly s: Strings;
  readonly sources: readonly SalesSource[];
  readonly sheet: string;
  readonly onSheet: (sheet: string) => void;
  readonly mapping: Mapping;
  readonly onMapping: (field: SalesField, header: string | null) => void;
  readonly disabled: boolean;
}

export function SourcePicker(props: SourcePickerProps) {
  const { s, sources, sheet, mapping, disabled } = props;
  const styles = useStyles();
  const source = sources.find((x) => x.sheet === sheet) ?? sources[0];
  const headers = headerOptions(source);
  const missing = missingFields(mapping);
  const found = SALES_FIELDS.filter((f) => mapping[f] !== null).length;
  const required = new Set<SalesField>(REQUIRED_FIELDS);

  return (
    <section className={styles.root} aria-label={s.sourceTitle}>
      <Field label={s.sourceSheet} hint={s.sourceHeaderRow(source.headerRow)}>
        <Dropdown
          className={styles.dropdown}
          value={sheet}
          selectedOptions={[sheet]}
          disabled={disabled}
          onOptionSelect={(_, data) => {
            if (data.optionValue) props.onSheet(data.optionValue);
          }}
        >
          {sources.map((x) => (
            <Option key={x.sheet} value={x.sheet}>
              {x.sheet}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Accordion collapsible defaultOpenItems={missing.length > 0 ? ['columns'] : []}>
        <AccordionItem value="columns">
          <AccordionHeader size="small">
            {s.columnsTitle}: {s.columnsSummary(found, SALES_FIELDS.length)}
          </AccordionHeader>
          <AccordionPanel>
            <div className={styles.fields}>
              {SALES_FIELDS.map((field) => {
                const header = mapping[field];
                const isRequired = required.has(field);
                return (
                  <Field
                    key={field}
                    label={s.fields[field]}
                    required={isRequired}
                    orientation="horizontal"
                    validationState={isRequired && header === null ? 'warning' : 'none'}
                  >
                    <Dropdown
                      className={styles.dropdown}
                      size="small"
                      disabled={disabled}
                      value={header ?? s.none}
                      selectedOptions={[header ?? NONE]}
                      onOptionSelect={(_, data) => {
                        const v = data.optionValue;
                        if (v !== undefined) props.onMapping(field, v === NONE ? null : v);
                      }}
                    >
                      {isRequired ? null : (
                        <Option key={NONE} value={NONE}>
                          {s.none}
                        </Option>
                      )}
                      {headers.map((h) => (
                        <Option key={h} value={h}>
                          {h}
                        </Option>
                      ))}
                    </Dropdown>
                  </Field>
                );
              })}
              <Caption1 className={styles.hint}>{s.noneHint}</Caption1>
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      {missing.length > 0 ? (
        <Caption1 role="alert">
          {s.columnsMissing(missing.map((f) => s.fields[f]).join(', '))}
        </Caption1>
      ) : null}
    </section>
  );
}
