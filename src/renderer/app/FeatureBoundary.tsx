// One boundary per feature: a bug in the appeals list must not take the intake form (and the
// draft the operator is typing with a caller on the line) down with it.
import { Component, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import type { Translate } from '../i18n/translate';

interface Props {
  feature: string;
  t: Translate;
  children: ReactNode;
}

interface State {
  failed: boolean;
}

export class FeatureBoundary extends Component<Props, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    // The message and stack only: component state may hold a citizen's data.
    console.error(
      `feature "${this.props.feature}" failed`,
      error instanceof Error ? error.stack : String(error),
    );
  }

  override render() {
    const { t, feature, children } = this.props;
    if (!this.state.failed) return children;
    return (
      <Alert
        severity="error"
        role="alert"
        action={
          <Button color="inherit" size="small" onClick={() => this.setState({ failed: false })}>
            {t('boundary.retry')}
          </Button>
        }
      >
        {t('boundary.failed', { feature })}
      </Alert>
    );
  }
}
