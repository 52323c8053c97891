/**
 * The preview page: the task pane (at a task pane's width) beside the preview area, both over the
 * preview host.
 */
import { FluentProvider, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { App } from '../app/App';
import { strings } from '../strings';
import type { Preview } from './preview-host';
import { PreviewArea } from './PreviewArea';

const useStyles = makeStyles({
  page: {
    display: 'flex',
    alignItems: 'flex-start',
    flexWrap: 'wrap',
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  pane: {
    flex: '0 0 350px',
    width: '350px',
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  area: { flex: '1 1 480px', minWidth: 0 },
});

export interface PreviewPageProps {
  readonly preview: Preview;
  readonly onDownload: () => Promise<void>;
  readonly today?: Date;
}

export function PreviewPage({ preview, onDownload, today }: PreviewPageProps) {
  const styles = useStyles();
  const language = preview.host.language();
  return (
    <FluentProvider theme={webLightTheme} lang={language}>
      <div className={styles.page}>
        <div className={styles.pane} data-testid="pane">
          <App host={preview.host} today={today} />
        </div>
        <div className={styles.area}>
          <PreviewArea
            preview={preview}
            s={strings(language)}
            language={language}
            onDownload={onDownload}
          />
        </div>
      </div>
    </FluentProvider>
  );
}
