import { useEffect, useState } from 'react';
import Typography from '@mui/material/Typography';
import { useT } from '../../../i18n/useT';

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Time since the answer; frozen at the end time once the call ended. */
export function CallTimer({ from, to }: { from: string; to: string | null }) {
  const t = useT();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (to) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [to]);
  const time = formatDuration((to ? Date.parse(to) : now) - Date.parse(from));
  return (
    <Typography
      variant="body2"
      data-testid="softphone-timer"
      aria-label={t('softphone.timer', { time })}
      sx={{ fontVariantNumeric: 'tabular-nums' }}
    >
      {time}
    </Typography>
  );
}
