// Synthetic applicants, addresses and phones for the store benchmark: the public data set has no
// personal data, so every appeal gets an invented Kyiv resident. Seeded, so a rebuilt store is
// the same store.
import type { Address } from '../../src/shared/domain/appeal';
import { seededRandom } from '../../src/shared/seededRandom';
export { seededRandom };

const words = (s: string) => s.split(' ');

const SURNAMES = words(
  'Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Мельник Поліщук Бойко Коваль Лисенко Марченко Руденко ' +
    'Савченко Петренко Клименко Павленко Кузьменко Мороз Литвиненко Гнатюк Дорошенко Романенко Тимошенко Гончаренко ' +
    'Іваненко Захарченко Кириленко Левченко Остапенко Приходько Семенко Федоренко Харченко Юрченко Яковенко Зінченко',
);
const FIRST_NAMES = words(
  'Олена Марія Ірина Наталія Тетяна Оксана Світлана Людмила Галина Ганна Юлія Катерина Андрій Олександр Сергій ' +
    'Володимир Микола Іван Петро Василь Дмитро Юрій Олег Віктор Михайло Богдан Тарас Роман Ольга Валентина',
);
const PATRONYMICS = words(
  'Іванович Петрович Миколаївна Олександрівна Васильович Сергіївна Андріївна Михайлович Юріївна Вікторович',
);
const STREETS = words(
  'Хрещатик Саксаганського Велика_Васильківська Антоновича Лесі_Українки Перемоги Оболонський Героїв_Сталінграду ' +
    'Маяковського Закревського Бажана Григоренка Драгоманова Харківське_шосе Миру Соборності Лобановського ' +
    'Васильківська Голосіївський Науки Червоноармійська Урлівська Ревуцького Кошиця Вишняківська Декабристів ' +
    'Тростянецька Русанівська_набережна Березняківська Малишка Челябінська Райдужна Запорожця Курнатовського ' +
    'Лаврухіна Маршала_Малиновського Героїв_Дніпра Йорданська Богатирська Мінський Вітрука Котельникова ' +
    'Корольова Гната_Юри Симиренка Жмаченка Кольцова Зодчих Рахманінова Якуба_Коласа Булгакова Бучми',
).map((s) => s.replaceAll('_', ' '));
const DISTRICTS = words(
  'Дарницький Деснянський Дніпровський Голосіївський Оболонський Печерський Подільський Святошинський Солом’янський Шевченківський',
);

export const BUILDINGS_PER_STREET = 400;

const pick = <T>(items: readonly T[], r: number): T => items[Math.floor(r * items.length)]!;

export function personName(random: () => number): string {
  return `${pick(SURNAMES, random())} ${pick(FIRST_NAMES, random())} ${pick(PATRONYMICS, random())}`;
}

/** Buildings by index: `street × BUILDINGS_PER_STREET` distinct buildings, about 20,000. */
export function buildingAddress(index: number): Pick<Address, 'city' | 'street' | 'building'> {
  const street = STREETS[index % STREETS.length]!;
  const number = 1 + (Math.floor(index / STREETS.length) % BUILDINGS_PER_STREET);
  return { city: 'Київ', street: `вул. ${street}`, building: String(number) };
}

export const BUILDING_COUNT = STREETS.length * BUILDINGS_PER_STREET;

export function address(random: () => number): Address {
  const building = buildingAddress(Math.floor(random() * BUILDING_COUNT));
  return { ...building, district: pick(DISTRICTS, random()), flat: String(1 + Math.floor(random() * 150)) };
}

/** Frequent callers are a pool of numbers that call again and again; the rest call once. */
export const FREQUENT_CALLERS = 50_000;
export const frequentCallerPhone = (k: number) => `+38050${String(k % FREQUENT_CALLERS).padStart(7, '0')}`;
export const oneTimeCallerPhone = (n: number) => `+38067${String(n % 10_000_000).padStart(7, '0')}`;

export function phoneFor(n: number, random: () => number): string {
  return random() < 0.3
    ? frequentCallerPhone(Math.floor(random() * FREQUENT_CALLERS))
    : oneTimeCallerPhone(n);
}

const TOPICS = words(
  'опалення гарячої_води холодної_води ліфт сміття покрівлі під’їзду освітлення дороги тротуару паркування кіоску ' +
    'каналізації дерева дитячого_майданчика прибирання снігу двору труби батареї',
).map((s) => s.replaceAll('_', ' '));
const RU_TOPICS = words('отопления горячей_воды лифта мусора крыши подъезда освещения дороги').map((s) =>
  s.replaceAll('_', ' '),
);

/** A short synthetic essence, for the quick mode that runs without the data set. */
export function syntheticEssence(random: () => number): string {
  if (random() < 0.3)
    return `Прошу решить проблему ${pick(RU_TOPICS, random())}, жалобы не помогают уже ${2 + Math.floor(random() * 20)} дней.`;
  return `Прошу вирішити питання ${pick(TOPICS, random())} за адресою заявника, проблема триває ${2 + Math.floor(random() * 20)} днів.`;
}
