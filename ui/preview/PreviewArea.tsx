/**
 * The preview area beside the pane: a tab per sheet of the preview workbook (the sample input,
 * then the built sheets), the active one drawn as a simple grid, and "Download .xlsx".
 */
import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Tab,
  TabList,
  Tooltip,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useMemo, useState, useSyncExternalStore } from 'react';
import type { PaneLanguage } from '../host';
import type { Strings } from '../strings';
import { sheetGrid } from './grid';
import type { Preview } from './preview-host';
import { SheetTable } from './SheetTable';

/** Rows drawn per sheet (the sample has 24,001). */
const MAX_ROWS = 300;

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    minWidth: 0,
  },
  bar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  hint: { color: tokens.colorNeutralForeground3 },
});

export interface PreviewAreaProps {
  readonly preview: Preview;
  readonly s: Strings;
  readonly language: PaneLanguage;
  readonly onDownload: () => Promise<void>;
}

export function PreviewArea({ preview, s, language, onDownload }: PreviewAreaProps) {
  const styles = useStyles();
  const state = useSyncExternalStore(preview.store.subscribe, preview.store.snapshot);
  const [downloading, setDownloading] = useState(false);
  const [downloadFailed, setDownloadFailed] = useState(false);
  const active = state.active;
  const grid = useMemo(() => {
    if (active === null) return null;
    const spec = preview.workbook.spec(active) ?? preview.inputSpecs.get(active);
    return spec ? sheetGrid(spec, language, MAX_ROWS) : null;
    // `version` changes when a sheet is rebuilt.
  }, [active, state.version, preview, language]);
  const built = state.sheets.some((n) => preview.workbook.spec(n) !== undefined);

  const download = () => {
    setDownloading(true);
    setDownloadFailed(false);
    onDownload().then(
      () => setDownloading(false),
      () => {
        setDownloading(false);
        setDownloadFailed(true);
      },
    );
  };

  return (
    <section className={styles.root} aria-label={s.previewTitle} data-testid="preview">
      <div className={styles.bar}>
        <Subtitle2 className={styles.grow}>{s.previewTitle}</Subtitle2>
        <Tooltip content={s.downloadHint} relationship="description">
          <Button appearance="secondary" disabled={downloading} onClick={download}>
            {downloading ? s.downloading : s.download}
          </Button>
        </Tooltip>
      </div>
      <Caption1 className={styles.hint}>{s.previewIntro}</Caption1>
      {downloadFailed ? (
        <MessageBar intent="error">
          <MessageBarBody>{s.downloadFailed}</MessageBarBody>
        </MessageBar>
      ) : null}
      <TabList
        selectedValue={active ?? undefined}
        onTabSelect={(_, data) => preview.store.show(String(data.value))}
        size="small"
      >
        {state.sheets.map((name) => (
          <Tab key={name} value={name}>
            {name}
          </Tab>
        ))}
      </TabList>
      {grid ? (
        <>
          <SheetTable grid={grid} label={active ?? ''} />
          {grid.totalRows > grid.rows.length ? (
            <Caption1 className={styles.hint}>
              {s.previewRowsCut(grid.rows.length, grid.totalRows)}
            </Caption1>
          ) : null}
        </>
      ) : null}
      {built ? null : <Body1>{s.previewEmpty}</Body1>}
    </section>
  );
}
