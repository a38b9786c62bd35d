import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import { useT } from '../../../i18n/useT';

export interface SuggestionItem {
  id: string;
  name: string;
  /** The category's group; none for an executor. */
  detail?: string;
  confidence: number;
  /** Already the form's choice. */
  chosen: boolean;
}

interface Props {
  label: string;
  testId: string;
  items: SuggestionItem[];
  onPick: (id: string) => void;
  /** The first row is what Alt+Enter takes: it carries the key. */
  showKey: boolean;
}

/**
 * Suggestions as dense rows under a picker: the confidence, the name and (for a category) its
 * group, one line each. A row is clicked, never focused: it is out of the tab order and keeps the
 * cursor where it was (the essence), so suggestions never interrupt typing.
 */
export function SuggestionList({ label, testId, items, onPick, showKey }: Props) {
  const t = useT();
  if (items.length === 0) return null;
  return (
    <Box
      role="group"
      aria-label={label}
      data-testid={testId}
      sx={{ mt: 0.5, display: 'flex', flexDirection: 'column', gap: '1px' }}
    >
      {items.map((item, i) => {
        const percent = `${Math.round(item.confidence * 100)}%`;
        return (
          <ButtonBase
            key={item.id}
            tabIndex={-1}
            data-suggestion-id={item.id}
            aria-pressed={item.chosen}
            title={item.detail ? `${item.name} — ${item.detail} (${percent})` : `${item.name} (${percent})`}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(item.id)}
            sx={{
              justifyContent: 'flex-start',
              gap: 1,
              px: 0.75,
              minHeight: 20,
              borderRadius: 1,
              fontSize: 13,
              lineHeight: '18px',
              textAlign: 'left',
              bgcolor: item.chosen ? 'action.selected' : 'transparent',
              '&:hover': { bgcolor: 'action.hover' },
            }}
          >
            <Box
              component="span"
              sx={{
                flex: '0 0 34px',
                textAlign: 'right',
                color: 'text.secondary',
                fontVariantNumeric: 'tabular-nums',
              }}
            >
              {percent}
            </Box>
            <Box
              component="span"
              sx={{
                flex: '1 1 auto',
                minWidth: 0,
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                whiteSpace: 'nowrap',
              }}
            >
              <span data-suggestion-name>{item.name}</span>
              {item.detail ? (
                <Box component="span" sx={{ color: 'text.secondary' }}>
                  {' · '}
                  {item.detail}
                </Box>
              ) : null}
            </Box>
            {showKey && i === 0 ? (
              <Box
                component="kbd"
                title={t('suggest.acceptHint')}
                sx={{ flex: '0 0 auto', fontSize: 11, fontFamily: 'inherit', color: 'text.secondary' }}
              >
                Alt+Enter
              </Box>
            ) : null}
          </ButtonBase>
        );
      })}
    </Box>
  );
}
