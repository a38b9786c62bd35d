// Small reference data and a call script shaped like the real ones, for UI tests and the fake Api.
import { NEW_APPEAL_LIFECYCLE } from '../../shared/domain/appeal';
import type { Appeal, CallScript, Classifier, ExecutorDirectory } from '../../shared/domain';
import type { AppInfo } from '../../shared/ipc/contract';

export const appInfo = (overrides: Partial<AppInfo> = {}): AppInfo => ({
  version: '0.1.0',
  deviceId: 'device-1',
  operatorId: 'operator-1',
  operatorName: 'Olena Kovalenko',
  center: { code: 'kyiv-1551', name: 'Kyiv 1551', timeZone: 'Europe/Kyiv', city: 'Київ' },
  ruleSet: 'ua',
  host: 'web',
  ...overrides,
});

export const classifier = (): Classifier => ({
  version: 'test',
  source: 'fixture',
  groups: [
    {
      id: 'g-housing',
      parentId: null,
      name: { uk: 'Житлово-комунальне господарство', en: 'Housing and utilities' },
    },
    { id: 'g-transport', parentId: null, name: { uk: 'Транспорт', en: 'Transport' } },
  ],
  types: [
    {
      id: 't-lighting',
      groupId: 'g-housing',
      name: 'Освітлення в приміщенні й при вході в нього',
      defaultExecutorId: 'e-zhek',
      term: 'short',
      frequency: 3000,
    },
    {
      id: 't-hot-water',
      groupId: 'g-housing',
      name: 'Відсутність гарячого водопостачання',
      defaultExecutorId: 'e-teplo',
      term: 'standard',
      frequency: 5000,
    },
    {
      id: 't-heating',
      groupId: 'g-housing',
      name: 'Відсутність опалення',
      defaultExecutorId: 'e-teplo',
      term: 'standard',
      frequency: 4000,
    },
    {
      id: 't-elevator',
      groupId: 'g-housing',
      name: 'Ремонт ліфта',
      defaultExecutorId: 'e-lift',
      term: 'standard',
      frequency: 1000,
    },
    {
      id: 't-bus',
      groupId: 'g-transport',
      name: 'Робота громадського транспорту',
      defaultExecutorId: 'e-transport',
      term: 'short',
      frequency: 800,
    },
    {
      id: 't-roads',
      groupId: 'g-transport',
      name: 'Ремонт дорожнього покриття',
      defaultExecutorId: null,
      term: 'standard',
      frequency: 600,
    },
  ],
});

export const executors = (): ExecutorDirectory => ({
  version: 'test',
  source: 'fixture',
  executors: [
    {
      id: 'e-teplo',
      name: 'ПАТ «Київтеплоенерго»',
      phone: '+380442071000',
      address: 'вул. Хрещатик, 1',
      hours: 'Пн–Пт 8:00–17:00',
      typeIds: ['t-hot-water', 't-heating'],
    },
    {
      id: 'e-zhek',
      name: 'КП «Золотоустівська»',
      phone: null,
      address: null,
      hours: null,
      typeIds: ['t-lighting'],
    },
    {
      id: 'e-lift',
      name: 'КП «Київжитлоспецексплуатація»',
      phone: null,
      address: null,
      hours: null,
      typeIds: ['t-elevator', 't-lighting'],
    },
    {
      id: 'e-transport',
      name: 'КП «Київпастранс»',
      phone: '+380442545000',
      address: null,
      hours: null,
      typeIds: ['t-bus'],
    },
    {
      id: 'e-roads',
      name: 'КК «Київавтодор»',
      phone: null,
      address: null,
      hours: null,
      typeIds: ['t-roads'],
    },
  ],
});

export const script = (): CallScript => ({
  id: 'intake',
  version: 1,
  title: { uk: 'Прийом звернення', en: 'Taking an appeal' },
  steps: [
    {
      id: 'greeting',
      title: { uk: 'Привітання', en: 'Greeting' },
      say: {
        uk: 'Контактний центр {center}, оператор {operatorName}. Слухаю вас.',
        en: 'Contact center {center}, this is {operatorName}. How can I help you?',
      },
      fields: ['channel'],
    },
    {
      id: 'kind',
      title: { uk: 'Вид звернення', en: 'Kind of appeal' },
      say: { uk: 'Це пропозиція, заява чи скарга?', en: 'Is it a proposal, a statement or a complaint?' },
      hint: {
        uk: 'Питання з довідки — консультація.',
        en: 'A question answered from reference data is a consultation.',
      },
      fields: ['type'],
    },
    {
      id: 'applicant',
      title: { uk: 'Заявник', en: 'Applicant' },
      say: {
        uk: 'Назвіть, будь ласка, ваше прізвище, ім’я та по батькові.',
        en: 'May I have your full name, please?',
      },
      fields: ['applicant.fullName', 'applicant.phones', 'applicant.iin', 'benefit'],
    },
    {
      id: 'address',
      title: { uk: 'Адреса', en: 'Address' },
      say: { uk: 'Назвіть адресу проживання.', en: 'What is your address?' },
      fields: ['applicant.address'],
    },
    {
      id: 'essence',
      title: { uk: 'Суть питання', en: 'The issue' },
      say: { uk: 'Розкажіть, будь ласка, суть питання.', en: 'Please describe the issue.' },
      fields: ['essence', 'categoryId', 'executorId'],
    },
    {
      id: 'decision',
      title: { uk: 'Оскаржуване рішення', en: 'Decision complained of' },
      say: {
        uk: 'Яке рішення ви оскаржуєте і коли його прийнято?',
        en: 'Which decision do you complain about, and when was it made?',
      },
      onlyFor: ['complaint'],
      fields: [],
    },
    {
      id: 'extra',
      title: { uk: 'Додатково', en: 'Further details' },
      say: {
        uk: 'Чи є у вас електронна пошта? Чи погоджуєтеся на оприлюднення?',
        en: 'Do you have an e-mail? May we publish the appeal?',
      },
      fields: ['applicant.email', 'signatories', 'consentToPublish'],
    },
    {
      id: 'closing',
      title: { uk: 'Завершення', en: 'Closing' },
      say: {
        uk: 'Ваше звернення зареєстровано за номером {registrationNumber}. Відповідь надійде до {deadline}.',
        en: 'Your appeal is registered under number {registrationNumber}. The answer is due by {deadline}.',
      },
      closing: true,
      fields: [],
    },
  ],
});

export const storedAppeal = (overrides: Partial<Appeal> = {}): Appeal => ({
  lifecycle: NEW_APPEAL_LIFECYCLE,
  supplements: [],
  id: 'a-1',
  type: 'complaint',
  channel: 'phone',
  applicant: {
    fullName: 'Petro Shevchenko',
    phones: ['+380671234567'],
    address: { city: 'Київ', district: '', street: 'Хрещатик', building: '22', flat: '5' },
    email: '',
    iin: '',
  },
  benefit: 'none',
  signatories: null,
  categoryId: 't-hot-water',
  executorId: 'e-teplo',
  essence: 'No hot water for a week',
  attachments: [],
  consentToPublish: false,
  repeatOf: null,
  provisionalNumber: 'W-2026-000101',
  officialNumber: '1551-2026-000101',
  status: 'in_progress',
  result: null,
  version: 1,
  priority: false,
  receivedOn: '2026-10-01',
  deadlineOn: '2026-11-02',
  deadlineRule: 'ua_month',
  createdAt: '2026-10-01T09:00:00.000Z',
  updatedAt: '2026-10-01T09:00:00.000Z',
  operatorId: 'operator-2',
  ...overrides,
});

/** The feedback operator's callback script, shaped like resources/scripts/callback.json. */
export const callbackScript = (): CallScript => ({
  id: 'callback',
  version: 1,
  title: { uk: 'Зворотний дзвінок заявнику', en: 'Calling the applicant back' },
  steps: [
    {
      id: 'greeting',
      title: { uk: 'Привітання', en: 'Greeting' },
      say: {
        uk: 'Добрий день! Вас турбує {center}, оператор {operatorName}. Скажіть, будь ласка, я розмовляю із заявником — {applicantName}?',
        en: 'Good afternoon! This is {center}, {operatorName} speaking. Am I speaking to the applicant, {applicantName}?',
      },
      fields: [],
    },
    {
      id: 'appeal',
      title: { uk: 'Звернення', en: 'The appeal' },
      say: {
        uk: 'Ви зверталися до нас {receivedOn}, звернення номер {appealNumber}.',
        en: 'You contacted us on {receivedOn}, appeal number {appealNumber}.',
      },
      fields: [],
    },
    {
      id: 'answer',
      title: { uk: 'Відповідь виконавця', en: 'The executor’s answer' },
      say: { uk: '{executor} повідомляє: {result}. {answer}', en: '{executor} reports: {result}. {answer}' },
      fields: [],
    },
    {
      id: 'question',
      title: { uk: 'Питання', en: 'The question' },
      say: {
        uk: 'Скажіть, будь ласка, чи вирішено ваше питання?',
        en: 'Could you tell me, please: has your issue been solved?',
      },
      fields: [],
    },
    {
      id: 'closing',
      title: { uk: 'Завершення', en: 'Closing' },
      say: { uk: 'Дякую за відповідь!', en: 'Thank you for your answer!' },
      closing: true,
      fields: [],
    },
  ],
});
