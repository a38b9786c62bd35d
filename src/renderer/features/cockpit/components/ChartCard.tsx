import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';

/** Width the charts take before the page is laid out (and in tests, which lay nothing out). */
const UNMEASURED_WIDTH = 560;

/**
 * The width of the element, followed as the window or the wrapping layout changes it; null until
 * first measured, so a chart is drawn once at its real width rather than twice.
 */
export function useWidth() {
  const ref = useRef<HTMLDivElement | null>(null);
  const [width, setWidth] = useState<number | null>(null);
  // Measured before paint, so the chart is drawn in the same frame as its card, not one frame later.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const w = Math.floor(el.getBoundingClientRect().width);
      setWidth(w > 0 ? w : UNMEASURED_WIDTH);
    };
    if (typeof ResizeObserver === 'undefined') {
      measure();
      return;
    }
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/** A titled card that hands its measured width to the chart inside; cards wrap on narrow screens. */
export function ChartCard({
  title,
  testId,
  basis = 520,
  children,
}: {
  title: string;
  testId: string;
  basis?: number;
  children: (width: number) => ReactNode;
}) {
  const { ref, width } = useWidth();
  return (
    <Paper
      variant="outlined"
      component="figure"
      aria-label={title}
      data-testid={testId}
      sx={{ m: 0, p: 1.5, flex: `1 1 ${basis}px`, minWidth: 0, maxWidth: '100%' }}
    >
      <Typography component="figcaption" variant="subtitle2" sx={{ mb: 0.5 }}>
        {title}
      </Typography>
      <Box ref={ref} sx={{ width: '100%' }}>
        {width !== null && children(width)}
      </Box>
    </Paper>
  );
}
