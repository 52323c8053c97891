/**
 * Build Top 20: the button, the progress bar with its phase, then the summary in plain words with
 * links to the sheets — or the failure in words (a warning when the data caused it).
 */
import {
  Body1,
  Button,
  Field,
  Link,
  ProgressBar,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { FailureBar } from './FailureBar';
import type { BuildOutcome, BuildProgress, HostFailure, PaneLanguage } from '../host';
import type { Strings } from '../strings';
import { progressView } from './choice';

/** Where a build stands. */
export type BuildState =
  | { readonly state: 'idle' }
  | { readonly state: 'running'; readonly progress: BuildProgress }
  | { readonly state: 'done'; readonly outcome: BuildOutcome }
  | { readonly state: 'failed'; readonly failure: HostFailure };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
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

export interface BuildPanelProps {
  readonly s: Strings;
  readonly language: PaneLanguage;
  readonly build: BuildState;
  /** False while the choice is incomplete (a required column or the custom range). */
  readonly canBuild: boolean;
  readonly onBuild: () => void;
  readonly onShowSheet: (name: string) => void;
}

export function BuildPanel({
  s,
  language,
  build,
  canBuild,
  onBuild,
  onShowSheet,
}: BuildPanelProps) {
  const styles = useStyles();
  const running = build.state === 'running';
  const view = build.state === 'running' ? progressView(build.progress, s, language) : null;
  return (
    <section className={styles.root}>
      <Button appearance="primary" disabled={!canBuild || running} onClick={onBuild}>
        {running ? s.building : s.build}
      </Button>
      {view ? (
        <Field validationMessage={view.text} validationState="none">
          <ProgressBar value={view.value} max={1} thickness="large" />
        </Field>
      ) : null}
      {build.state === 'done' ? (
        <div className={styles.result} aria-label={s.resultTitle}>
          <Body1 data-testid="summary">{build.outcome.summary}</Body1>
          <div className={styles.links}>
            <Link onClick={() => onShowSheet(build.outcome.top20Sheet)}>
              {s.openTop20(build.outcome.top20Sheet)}
            </Link>
            {build.outcome.issueCount > 0 ? (
              <Link
                data-testid="issues-link"
                onClick={() => onShowSheet(build.outcome.issuesSheet)}
              >
                {s.issuesLink(build.outcome.issueCount)}
              </Link>
            ) : (
              <Body1>{s.noIssues}</Body1>
            )}
          </div>
        </div>
      ) : null}
      {build.state === 'failed' ? (
        <FailureBar
          failure={build.failure}
          title={build.failure.userError ? s.warningTitle : s.failedTitle}
          testId="failure"
        />
      ) : null}
    </section>
  );
}
