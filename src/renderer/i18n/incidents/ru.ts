import type { enIncidents } from './en';

export const ruIncidents: Record<keyof typeof enIncidents, string> = {
  'incidents.known': 'Известный инцидент',
  'incidents.knownMany': 'Известных инцидентов здесь: {count}',
  'incidents.facts': '{group} · с {since} · обращений: {count}',
  'incidents.place': 'Адрес: {place}',
  'incidents.scriptTitle': 'Скажите заявителю',
  'incidents.defaultScript':
    'Мы уже знаем об этой проблеме по адресу {place} ({group}), службы работают над ней. Я зарегистрирую ваше обращение и добавлю его к остальным, а вам перезвонят по вашему обращению отдельно.',
  'incidents.stage.forming': 'формируется',
  'incidents.stage.confirmed': 'подтверждён',
  'incidents.stage.closed': 'закрыт',
  'incidents.link': 'Привязать к этому инциденту',
  'incidents.linkKey': 'Alt+L',
  'shortcuts.linkIncident':
    'Привязать обращение к известному инциденту по адресу заявителя (ещё раз — отменить)',
  'incidents.unlink': 'Не привязывать',
  'incidents.willLink': 'Обращение будет привязано к известному инциденту: {group}, {place}.',
  'incidents.linking': 'Привязываем обращение к инциденту…',
  'incidents.linked': 'Привязано к известному инциденту: {group}, {place}.',
  'incidents.queued':
    'Будет привязано к известному инциденту ({group}, {place}), как только обращение попадёт на сервер.',
  'incidents.linkFailed': 'Не привязано к инциденту: {message}',

  'incidents.panel.title': 'Инциденты',
  'incidents.panel.none': 'Открытых инцидентов нет.',
  'incidents.panel.notLive': 'Не в реальном времени: список на момент последнего соединения.',
  'incidents.panel.failed': 'Не удалось прочитать инциденты: {message}',
  'incidents.panel.manage': 'Управлять',
  'incidents.alert.one': 'Новый инцидент: обращений {count} · {group} · {place}',
  'incidents.alert.more': 'и ещё {count}',
  'incidents.alert.open': 'Открыть',
  'incidents.alert.dismiss': 'Скрыть',
  'incidents.col.stage': 'Состояние',
  'incidents.col.group': 'Группа вопросов',
  'incidents.col.place': 'Место',
  'incidents.col.since': 'Начало',
  'incidents.col.count': 'Обращений',

  'incidents.dialog.title': 'Инцидент: {group}',
  'incidents.dialog.facts': '{place} · с {since} · последнее обращение {last} · обращений: {count} · {stage}',
  'incidents.dialog.appeals': 'Обращения этого инцидента',
  'incidents.dialog.noNumber': 'номер ещё не присвоен',
  'incidents.dialog.linkedBy.detector': 'сгруппировано сервером',
  'incidents.dialog.linkedBy.operator': 'привязал оператор',
  'incidents.dialog.linkedBy.split': 'после разделения',
  'incidents.dialog.linkedBy.merge': 'после объединения',
  'incidents.dialog.loading': 'Читаем инцидент…',
  'incidents.dialog.close': 'Закрыть окно',
  'incidents.action.confirm': 'Подтвердить',
  'incidents.action.confirmHint':
    'Это один настоящий инцидент: операторы продолжат читать заявителям его текст.',
  'incidents.action.script': 'Текст для операторов (необязательно)',
  'incidents.action.merge': 'Объединить с…',
  'incidents.action.mergeInto': 'Объединить с',
  'incidents.action.mergeHint': 'Его обращения перейдут к выбранному инциденту, а этот завершится.',
  'incidents.action.mergeNone': 'Нет другого открытого инцидента этой группы для объединения.',
  'incidents.action.split': 'Отделить выбранные обращения ({count})',
  'incidents.action.splitHint':
    'Отметьте обращения, относящиеся к другому инциденту: они станут отдельным инцидентом.',
  'incidents.action.close': 'Закрыть инцидент',
  'incidents.action.answer': 'Ответ, который получит каждое привязанное обращение',
  'incidents.action.closeHint':
    'Закрытие вместе переводит все привязанные обращения к шагу обратного звонка; каждому заявителю перезванивают отдельно по его обращению.',
  'incidents.action.closeConfirm': 'Закрыть и перевести обращения дальше',
  'incidents.done.confirm': 'Инцидент подтверждён.',
  'incidents.done.merge':
    'Объединено: его обращения теперь в инциденте по адресу {place} (обращений: {count}).',
  'incidents.done.split': 'Разделено: создан новый инцидент из обращений: {count}.',
  'incidents.done.close':
    'Закрыто: переведено к обратному звонку — {moved}, уже были дальше — {left}. Каждому заявителю перезванивают отдельно.',
  'incidents.error.stale':
    'Другой руководитель смены изменил этот инцидент раньше: теперь он «{stage}», обращений: {count}. Просмотрите его ещё раз.',
  'incidents.error.gone': 'Этот инцидент уже не открыт: его закрыл или объединил кто-то другой.',
  'incidents.error.offline': 'Сервер недоступен: действовать с инцидентами можно только онлайн.',
  'incidents.error.other': 'Сервер отказал: {message}',
};
