import type { ScriptField } from '../../../../shared/domain';
import { assertNever } from '../../../../shared/result';
import useMediaQuery from '@mui/material/useMediaQuery';
import type { Theme } from '@mui/material/styles';
import { useT } from '../../../i18n/useT';
import { AddressFields } from './AddressFields';
import { AppealTypeField } from './AppealTypeField';
import { BoundTextField } from './BoundTextField';
import { BenefitField, ChannelField, CollectiveField, ConsentField } from './ChoiceFields';
import { PhonesField } from './PhonesField';
import { CategoryField, ExecutorField } from './RoutingFields';

/** The control for one field the call script names. */
export function IntakeField({ field }: { field: ScriptField }) {
  const t = useT();
  const wide = useMediaQuery((theme: Theme) => theme.breakpoints.up('xl'));
  switch (field) {
    case 'type':
      return <AppealTypeField />;
    case 'channel':
      return <ChannelField />;
    case 'applicant.fullName':
      return <BoundTextField field="fullName" label={t('field.fullName')} required autoComplete="off" />;
    case 'applicant.phones':
      return <PhonesField />;
    case 'applicant.address':
      return <AddressFields />;
    case 'applicant.email':
      return <BoundTextField field="email" label={t('field.email')} inputMode="email" autoComplete="off" />;
    case 'applicant.iin':
      // Asked for in Kazakhstan only (formLayout.ts), where the law requires it (APC Art. 63).
      return (
        <BoundTextField field="iin" label={t('field.iin')} required inputMode="numeric" maxLength={12} />
      );
    case 'benefit':
      return <BenefitField />;
    case 'signatories':
      return <CollectiveField />;
    case 'essence':
      return (
        <BoundTextField
          field="essence"
          label={t('field.essence')}
          required
          multiline
          // Room to read back on a wide screen; on 1366x768 it grows as it is typed, so the
          // routing fields and Register stay in view for a typical appeal.
          minRows={wide ? 7 : 2}
          maxRows={wide ? 16 : 5}
        />
      );
    case 'categoryId':
      return <CategoryField />;
    case 'executorId':
      return <ExecutorField />;
    case 'consentToPublish':
      return <ConsentField />;
    case 'attachments':
      return null;
    default:
      return assertNever(field, 'script field');
  }
}
