import { Component, type ComponentChildren } from 'preact';
import { ErrorMessage } from './error-message.tsx';

interface PageBoundaryState {
  error: Error | null;
}

/** Shows why a page could not be drawn (say, an answer of an unexpected shape) instead of a blank screen. */
export class PageBoundary extends Component<{ children: ComponentChildren }, PageBoundaryState> {
  override state: PageBoundaryState = { error: null };

  static override getDerivedStateFromError(error: unknown): PageBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <ErrorMessage
        message={`${this.state.error.message}. Open another page, or reload.`}
        about="This page could not be shown"
      />
    );
  }
}
