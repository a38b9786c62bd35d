import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import IconButton from '@mui/material/IconButton';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Popover from '@mui/material/Popover';
import Select from '@mui/material/Select';
import Tooltip from '@mui/material/Tooltip';
import HeadsetMicOutlined from '@mui/icons-material/HeadsetMicOutlined';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { safeText } from '../callerDisplay';
import {
  deviceChosen,
  selectDevices,
  selectSoftphoneConfigured,
  type AudioDeviceOption,
} from '../softphoneSlice';

const DEFAULT = '__default';

function DeviceSelect({
  kind,
  label,
  options,
  value,
}: {
  kind: 'microphoneId' | 'speakerId' | 'ringerId';
  label: string;
  options: AudioDeviceOption[];
  value: string | null;
}) {
  const t = useT();
  const dispatch = useAppDispatch();
  const id = `device-${kind}`;
  return (
    <FormControl size="small" fullWidth>
      <InputLabel id={id}>{label}</InputLabel>
      <Select
        labelId={id}
        label={label}
        value={value ?? DEFAULT}
        onChange={(e) =>
          dispatch(deviceChosen({ kind, id: e.target.value === DEFAULT ? null : e.target.value }))
        }
      >
        <MenuItem value={DEFAULT}>{t('softphone.defaultDevice')}</MenuItem>
        {options.map((o) => (
          <MenuItem key={o.id} value={o.id}>
            {safeText(o.label, 80)}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}

/**
 * Only the missing microphone is shown in the pane itself: without it no call can be answered. Not
 * before the softphone is configured (signed in against a center with a PBX): until then it is no
 * one's concern, and on the sign-in screen it would read as a sign-in error.
 */
export function MissingDeviceNotice() {
  const t = useT();
  const devices = useAppSelector(selectDevices);
  const configured = useAppSelector(selectSoftphoneConfigured);
  if (configured && devices.status === 'listed' && devices.microphones.length === 0)
    return (
      <Alert severity="error" data-testid="softphone-no-devices" sx={{ py: 0 }}>
        {t('softphone.noMicrophone')}
      </Alert>
    );
  return null;
}

export function DeviceSettings() {
  const t = useT();
  const devices = useAppSelector(selectDevices);
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  return (
    <>
      <Tooltip title={t('softphone.devices')}>
        <IconButton aria-label={t('softphone.devices')} onClick={(e) => setAnchor(e.currentTarget)}>
          <HeadsetMicOutlined fontSize="small" />
        </IconButton>
      </Tooltip>
      <Popover
        open={anchor !== null}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <Box
          sx={{ p: 2, display: 'grid', gap: 2, width: 320 }}
          aria-label={t('softphone.devices')}
          role="group"
        >
          {devices.status === 'unavailable' && (
            <Alert severity="info">{t('softphone.devicesUnavailable')}</Alert>
          )}
          {devices.status === 'listed' && devices.microphones.length === 0 && (
            <Alert severity="error">{t('softphone.noMicrophone')}</Alert>
          )}
          <DeviceSelect
            kind="microphoneId"
            label={t('softphone.microphone')}
            options={devices.microphones}
            value={devices.microphoneId}
          />
          <DeviceSelect
            kind="speakerId"
            label={t('softphone.speaker')}
            options={devices.speakers}
            value={devices.speakerId}
          />
          <DeviceSelect
            kind="ringerId"
            label={t('softphone.ringer')}
            options={devices.speakers}
            value={devices.ringerId}
          />
        </Box>
      </Popover>
    </>
  );
}
