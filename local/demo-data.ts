/**
 * A deterministic demo data set: the same customers, cars and dealers on every machine, so a
 * date's sends can be compared between runs. Four dealers in four time zones (Shanghai, Sydney,
 * Los Angeles, Auckland, where it is already tomorrow for most of the world), two locales and
 * mixed consent. Every calendar day, 29 February included, has at least three birthdays. Cars,
 * visits, complaints and loyalty come from `demo-after-sales.ts`, which also plants, on
 * 2026-03-14, customers in every situation a catalogue journey waits for.
 */
import type { Brand } from '../shared/domain/brand';
import type { Customer, CustomerRecord, Dealer, Vehicle } from '../shared/domain/customer';
import { addDays } from '../shared/domain/dates';
import { toE164 } from '../shared/domain/phone';
import { afterSales } from './demo-after-sales';
import { seededRandom } from './seeded-random';

export const demoDataVersion = 'demo-v5';

export interface DemoData {
  /** The brand's customer centres, one per country: the senders of the welcome pack. */
  brands: Brand[];
  dealers: Dealer[];
  customers: CustomerRecord[];
}

// The cars are of one brand, whose customer centre in each country signs the welcome pack.
const brands: Brand[] = [
  {
    id: 'bmw-cn',
    name: 'BMW 中国客户中心',
    email: 'customer.centre@bmw-china.example',
    phone: '+86 400 800 6666',
    address: { lines: ['朝阳区东三环北路 8 号'], postcode: '100027', city: '北京', country: 'CN' },
  },
  {
    id: 'bmw-au',
    name: 'BMW Australia Customer Centre',
    email: 'customer.centre@bmw-australia.example',
    phone: '+61 2 9000 0000',
    address: { lines: ['Locked Bag 2008'], postcode: '2113', city: 'North Ryde', country: 'AU' },
  },
  {
    id: 'bmw-us',
    name: 'BMW USA Customer Centre',
    email: 'customer.centre@bmw-usa.example',
    phone: '+1 201 307 4000',
    address: { lines: ['300 Chestnut Ridge Road'], postcode: '07677', city: 'Woodcliff Lake', country: 'US' },
  },
  {
    id: 'bmw-nz',
    name: 'BMW New Zealand Customer Centre',
    email: 'customer.centre@bmw-newzealand.example',
    phone: '+64 9 300 0000',
    address: { lines: ['PO Box 7226'], postcode: '1141', city: 'Auckland', country: 'NZ' },
  },
];

const dealers: Dealer[] = [
  {
    id: 'dealer-sh',
    name: '星驰汽车浦东店',
    timeZone: 'Asia/Shanghai',
    phone: '+86 21 6888 0100',
    email: 'service@xingchi-pudong.example',
    address: { lines: ['浦东新区世纪大道 88 号'], postcode: '200120', city: '上海', country: 'CN' },
    brandId: 'bmw-cn',
  },
  {
    id: 'dealer-syd',
    name: 'Harbourside Motors',
    timeZone: 'Australia/Sydney',
    phone: '+61 2 9000 0100',
    email: 'service@harbourside-motors.example',
    address: { lines: ['12 Pier Street'], postcode: '2000', city: 'Sydney', country: 'AU' },
    brandId: 'bmw-au',
  },
  {
    id: 'dealer-la',
    name: 'Pacific Coast Motors',
    timeZone: 'America/Los_Angeles',
    phone: '+1 213 200 0100',
    email: 'service@pacific-coast-motors.example',
    address: { lines: ['400 Wilshire Blvd'], postcode: '90010', city: 'Los Angeles', country: 'US' },
    brandId: 'bmw-us',
  },
  {
    id: 'dealer-akl',
    name: 'Waitematā Motors',
    timeZone: 'Pacific/Auckland',
    phone: '+64 9 300 0100',
    email: 'service@waitemata-motors.example',
    address: { lines: ['21 Quay Street'], postcode: '1010', city: 'Auckland', country: 'NZ' },
    brandId: 'bmw-nz',
  },
];

const chineseSurnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '马', '朱', '胡', '林'];
// Given names by the salutation they usually go with, so a card never reads "Ms Lucas".
const givenNames = {
  'zh-CN': { mr: ['伟', '强', '磊', '洋', '勇', '军', '杰', '涛', '明', '超'], ms: ['芳', '娜', '敏', '静', '丽', '艳', '娟', '秀英', '慧', '婷'] },
  en: {
    mr: ['Jack', 'Noah', 'William', 'James', 'Lucas', 'Henry', 'Leo', 'Oscar', 'Thomas', 'Daniel'],
    ms: ['Olivia', 'Charlotte', 'Amelia', 'Isla', 'Mia', 'Grace', 'Chloe', 'Ruby', 'Emily', 'Sophie'],
  },
} as const;
const englishLastNames = ['Smith', 'Jones', 'Williams', 'Brown', 'Wilson', 'Taylor', 'Nguyen', 'Johnson', 'Martin', 'White', 'Anderson', 'Walker', 'Thompson', 'Harris', 'Lee', 'Ryan', 'Robinson', 'Kelly', 'King', 'Davis'];
const models = ['X1', 'X3', 'X5', 'X7', 'i4', 'iX', 'iX3', '3 Series', '5 Series', '7 Series'];
const vinCharacters = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'.split('');

interface Region {
  dealer: Dealer;
  share: number;
  chineseShare: number;
  phone: (random: () => number) => string;
  address: (random: () => number, index: number) => Customer['postalAddress'];
}

const digits = (random: () => number, count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');

const regions: Region[] = [
  {
    dealer: dealers[0]!,
    share: 0.45,
    chineseShare: 0.9,
    phone: (random) => `+86 13${Math.floor(random() * 10)} ${digits(random, 4)} ${digits(random, 4)}`,
    address: (random, index) => ({ lines: [`浦东新区张杨路 ${100 + (index % 900)} 弄 ${1 + Math.floor(random() * 30)} 号`], postcode: '200122', city: '上海', country: 'CN' }),
  },
  {
    dealer: dealers[1]!,
    share: 0.2,
    chineseShare: 0.15,
    phone: (random) => `+61 4${digits(random, 2)} ${digits(random, 3)} ${digits(random, 3)}`,
    address: (random, index) => ({ lines: [`${1 + (index % 200)} Harbour Road`], postcode: '2060', city: 'North Sydney', country: 'AU' }),
  },
  {
    dealer: dealers[2]!,
    share: 0.2,
    chineseShare: 0.1,
    phone: (random) => `+1 213 ${2 + Math.floor(random() * 7)}${digits(random, 2)} ${digits(random, 4)}`,
    address: (random, index) => ({ lines: [`${100 + (index % 800)} Sunset Blvd`], postcode: '90028', city: 'Los Angeles', country: 'US' }),
  },
  {
    dealer: dealers[3]!,
    share: 0.15,
    chineseShare: 0.1,
    phone: (random) => `+64 21 ${digits(random, 3)} ${digits(random, 4)}`,
    address: (random, index) => ({ lines: [`${1 + (index % 300)} Ponsonby Road`], postcode: '1011', city: 'Auckland', country: 'NZ' }),
  },
];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function pickRegion(random: () => number): Region {
  let roll = random();
  for (const region of regions) {
    roll -= region.share;
    if (roll < 0) return region;
  }
  return regions[regions.length - 1]!;
}

function validPhone(random: () => number, region: Region): string {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const candidate = region.phone(random);
    if (toE164(candidate)) return candidate;
  }
  throw new Error(`cannot generate a valid phone number for ${region.dealer.id}`);
}

function vin(random: () => number): string {
  return `WBA${Array.from({ length: 14 }, () => pick(random, vinCharacters)).join('')}`;
}

const consentAt = '2024-01-15T10:00:00Z';
const granted = (source: string) => ({ granted: true, source, at: consentAt });
const withdrawn = (source: string) => ({ granted: false, source, at: '2025-06-01T08:00:00Z' });

export function generateDemoData(customerCount = 1200, seed = 20260314): DemoData {
  return { brands, dealers, customers: [...demoCustomers(customerCount, seed)] };
}

/**
 * The customers of {@link generateDemoData}, one at a time: a simulation of a hundred thousand
 * stores them group by group without holding the generated copy of them all.
 */
export function* demoCustomers(customerCount = 1200, seed = 20260314): Generator<CustomerRecord> {
  const random = seededRandom(seed);
  // Its own generator: the profiles stay exactly as they were before the history existed.
  const withHistory = afterSales(dealers, seed + 1);
  const daysInLeapYear = 366;
  for (let index = 0; index < customerCount; index += 1) {
    // The three customers sharing a birthday in the first cycles come from three different
    // dealers, so every date shows greetings in several time zones.
    const cycle = Math.floor(index / daysInLeapYear);
    const region = cycle < 3 ? regions[(index + cycle) % regions.length]! : pickRegion(random);
    const chinese = random() < region.chineseShare;
    const birthYear = 1950 + Math.floor(random() * 55);
    // The first 3 x 366 customers cover every day of a leap year (2000), 29 February included.
    const dayOfYear = index < daysInLeapYear * 3 ? index % daysInLeapYear : Math.floor(random() * daysInLeapYear);
    const monthDay = addDays('2000-01-01', dayOfYear).slice(5);
    const birthDate = monthDay === '02-29' ? `${1952 + 4 * Math.floor(random() * 13)}-02-29` : `${birthYear}-${monthDay}`;
    const id = `c-${String(index + 1).padStart(5, '0')}`;
    const gender = random() < 0.5 ? ('mr' as const) : ('ms' as const);
    const firstName = pick(random, givenNames[chinese ? 'zh-CN' : 'en'][gender]);
    const lastName = chinese ? pick(random, chineseSurnames) : pick(random, englishLastNames);
    const fullConsent = index < daysInLeapYear;
    const consent: Customer['consent'] = {};
    const consentRoll = random();
    if (fullConsent || consentRoll < 0.8) consent.email = granted('showroom-form');
    else if (consentRoll < 0.9) consent.email = withdrawn('email-unsubscribe-link');
    if (fullConsent || random() < 0.65) consent.sms = granted('showroom-form');
    else if (random() < 0.3) consent.sms = withdrawn('sms-stop-reply');
    if (fullConsent || random() < 0.55) consent.print = granted('delivery-handover');

    const customer: Customer = {
      id,
      dealerId: region.dealer.id,
      firstName,
      lastName,
      ...(random() < 0.85 ? { salutation: gender } : {}),
      locale: chinese ? 'zh-CN' : 'en',
      timeZone: region.dealer.timeZone,
      birthDate,
      stage: fullConsent ? 'owner' : pick(random, ['owner', 'owner', 'owner', 'loyal-owner', 'loyal-owner', 'prospect'] as const),
      email: `customer.${index + 1}@example.com`,
      phone: validPhone(random, region),
      postalAddress: region.address(random, index),
      consent,
    };
    const vehicleCount = random() < 0.2 ? 2 : 1;
    const vehicles: Vehicle[] = Array.from({ length: vehicleCount }, () => ({
      vin: vin(random),
      brand: 'BMW',
      model: pick(random, models),
      deliveredOn: addDays('2016-01-01', Math.floor(random() * 3500)),
    }));
    yield withHistory({ customer, vehicles, visits: [], complaints: [] }, index);
  }
}
