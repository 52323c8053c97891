/**
 * A failure as the pane shows it: a message bar, a warning when the user's input caused it
 * (`userError`), an error otherwise, with a title and the host's sentence — never an exception.
 */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { HostFailure } from '../host';

/**
 * @example
 * <FailureBar failure={failure} title={s.failedTitle} testId="failure" />
 */
export function FailureBar(props: {
  failure: HostFailure;
  title: string;
  testId: string;
}): React.JSX.Element {
  const intent = props.failure.userError ? 'warning' : 'error';
  return (
    <MessageBar intent={intent} layout="multiline" data-testid={props.testId} data-intent={intent}>
      <MessageBarBody>
        <MessageBarTitle>{props.title}</MessageBarTitle>
        {props.failure.message}
      </MessageBarBody>
    </MessageBar>
  );
}
