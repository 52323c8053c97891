/**
 * Mounting the pane: the app inside Fluent's provider (light theme), into a page element. Hosts'
 * entries call this with their Host; `aside` is shown next to the pane (the preview's sheets).
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import type { Host } from './host';

export interface PaneProps {
  readonly host: Host;
  readonly today?: Date;
}

/** The pane in Fluent's provider. */
export function Pane({ host, today }: PaneProps) {
  return (
    <FluentProvider theme={webLightTheme} lang={host.language()}>
      <App host={host} today={today} />
    </FluentProvider>
  );
}

/**
 * Renders a tree into an element (replacing its content).
 *
 * @example
 * mount(document.getElementById('root')!, <Pane host={createExcelHost()} />);
 */
export function mount(root: HTMLElement, tree: ReactNode): void {
  createRoot(root).render(tree);
}
