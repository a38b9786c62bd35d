import type { ConsultationDraftInput } from '../../../shared/domain';

export interface ConsultationForm {
  phone: string;
  question: string;
  answer: string;
  categoryId: string | null;
  executorId: string | null;
}

export type ConsultationTextField = 'phone' | 'question' | 'answer';

export const emptyConsultationForm: ConsultationForm = {
  phone: '',
  question: '',
  answer: '',
  categoryId: null,
  executorId: null,
};

export function consultationInput(form: ConsultationForm): ConsultationDraftInput {
  return {
    channel: 'phone',
    phone: form.phone.trim(),
    question: form.question,
    answer: form.answer,
    categoryId: form.categoryId ?? '',
    executorId: form.executorId ?? '',
  };
}
