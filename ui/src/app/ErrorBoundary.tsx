import { Component, type ErrorInfo, type ReactNode } from "react";
import { ErrorPanel } from "../components/ui";

interface State {
  error: unknown;
}

/** Last line of defence for a render bug: show it, with a way back, instead of a white window. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error("UI error", error, info.componentStack);
  }

  render() {
    if (this.state.error) {
      return (
        <div className="boundary">
          <ErrorPanel error={this.state.error} title="The interface hit an error" onRetry={() => this.setState({ error: null })} />
        </div>
      );
    }
    return this.props.children;
  }
}
