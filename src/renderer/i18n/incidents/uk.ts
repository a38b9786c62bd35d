import type { enIncidents } from './en';

export const ukIncidents: Record<keyof typeof enIncidents, string> = {
  'incidents.known': 'Відомий інцидент',
  'incidents.knownMany': 'Відомих інцидентів тут: {count}',
  'incidents.facts': '{group} · з {since} · звернень: {count}',
  'incidents.place': 'Адреса: {place}',
  'incidents.scriptTitle': 'Скажіть заявнику',
  'incidents.defaultScript':
    'Ми вже знаємо про цю проблему за адресою {place} ({group}), служби працюють над нею. Я зареєструю ваше звернення й додам його до інших, а вам зателефонують щодо вашого звернення окремо.',
  'incidents.stage.forming': 'формується',
  'incidents.stage.confirmed': 'підтверджено',
  'incidents.stage.closed': 'закрито',
  'incidents.link': 'Прив’язати до цього інциденту',
  'incidents.linkKey': 'Alt+L',
  'shortcuts.linkIncident':
    'Прив’язати звернення до відомого інциденту за адресою заявника (ще раз — скасувати)',
  'incidents.unlink': 'Не прив’язувати',
  'incidents.willLink': 'Звернення буде прив’язано до відомого інциденту: {group}, {place}.',
  'incidents.linking': 'Прив’язуємо звернення до інциденту…',
  'incidents.linked': 'Прив’язано до відомого інциденту: {group}, {place}.',
  'incidents.queued':
    'Буде прив’язано до відомого інциденту ({group}, {place}), щойно звернення потрапить на сервер.',
  'incidents.linkFailed': 'Не прив’язано до інциденту: {message}',

  'incidents.panel.title': 'Інциденти',
  'incidents.panel.none': 'Відкритих інцидентів немає.',
  'incidents.panel.notLive': 'Не в реальному часі: перелік станом на останнє з’єднання.',
  'incidents.panel.failed': 'Не вдалося прочитати інциденти: {message}',
  'incidents.panel.manage': 'Керувати',
  'incidents.alert.one': 'Новий інцидент: звернень {count} · {group} · {place}',
  'incidents.alert.more': 'і ще {count}',
  'incidents.alert.open': 'Відкрити',
  'incidents.alert.dismiss': 'Сховати',
  'incidents.col.stage': 'Стан',
  'incidents.col.group': 'Група питань',
  'incidents.col.place': 'Місце',
  'incidents.col.since': 'Відколи',
  'incidents.col.count': 'Звернень',

  'incidents.dialog.title': 'Інцидент: {group}',
  'incidents.dialog.facts': '{place} · з {since} · останнє звернення {last} · звернень: {count} · {stage}',
  'incidents.dialog.appeals': 'Звернення цього інциденту',
  'incidents.dialog.noNumber': 'номер ще не надано',
  'incidents.dialog.linkedBy.detector': 'згруповано сервером',
  'incidents.dialog.linkedBy.operator': 'прив’язав оператор',
  'incidents.dialog.linkedBy.split': 'після розділення',
  'incidents.dialog.linkedBy.merge': 'після об’єднання',
  'incidents.dialog.loading': 'Читаємо інцидент…',
  'incidents.dialog.close': 'Закрити вікно',
  'incidents.action.confirm': 'Підтвердити',
  'incidents.action.confirmHint':
    'Це один справжній інцидент: оператори й далі читатимуть заявникам його текст.',
  'incidents.action.script': 'Текст для операторів (необов’язково)',
  'incidents.action.merge': 'Об’єднати з…',
  'incidents.action.mergeInto': 'Об’єднати з',
  'incidents.action.mergeHint': 'Його звернення перейдуть до вибраного інциденту, а цей завершиться.',
  'incidents.action.mergeNone': 'Немає іншого відкритого інциденту цієї групи для об’єднання.',
  'incidents.action.split': 'Відокремити вибрані звернення ({count})',
  'incidents.action.splitHint':
    'Позначте звернення, що стосуються іншого інциденту: вони стануть окремим інцидентом.',
  'incidents.action.close': 'Закрити інцидент',
  'incidents.action.answer': 'Відповідь, що отримає кожне прив’язане звернення',
  'incidents.action.closeHint':
    'Закриття разом переводить усі прив’язані звернення до кроку зворотного дзвінка; кожному заявникові телефонують окремо щодо його звернення.',
  'incidents.action.closeConfirm': 'Закрити й перевести звернення далі',
  'incidents.done.confirm': 'Інцидент підтверджено.',
  'incidents.done.merge':
    'Об’єднано: його звернення тепер в інциденті за адресою {place} (звернень: {count}).',
  'incidents.done.split': 'Розділено: утворено новий інцидент зі звернень: {count}.',
  'incidents.done.close':
    'Закрито: звернень переведено до зворотного дзвінка — {moved}, уже були далі — {left}. Кожному заявникові телефонують окремо.',
  'incidents.error.stale':
    'Інший керівник зміни змінив цей інцидент раніше: тепер він «{stage}», звернень: {count}. Перегляньте його ще раз.',
  'incidents.error.gone': 'Цей інцидент уже не відкритий: його закрив або об’єднав хтось інший.',
  'incidents.error.offline': 'Сервер недоступний: діяти з інцидентами можна лише онлайн.',
  'incidents.error.other': 'Сервер відмовив: {message}',
};
