/**
 * The fixed "world" of the sample data: an industrial distributor's product catalogue, the
 * regions its customers' sites sit in, the parts customer names are made of, and the sales team.
 */

export interface CatalogGroup {
  readonly name: string;
  /** SKU prefix. */
  readonly code: string;
  /** Gross margin at list price (fraction). */
  readonly listMargin: number;
  /** [product name, list price in SEK] */
  readonly products: readonly (readonly [string, number])[];
}

/** 8 product groups, 60 products. */
export const CATALOG: readonly CatalogGroup[] = [
  {
    name: 'Hydraulics',
    code: 'HY',
    listMargin: 0.46,
    products: [
      ['Hydraulic hose 1/2" 10 m', 890],
      ['Hydraulic hose 3/4" 10 m', 1240],
      ['Quick coupling 1/2"', 310],
      ['Gear pump 16 cc', 3950],
      ['Directional valve 4/3', 2680],
      ['Hydraulic cylinder 50/30-300', 4890],
      ['Pressure gauge 0-250 bar', 420],
      ['Hydraulic return filter', 760],
    ],
  },
  {
    name: 'Pneumatics',
    code: 'PN',
    listMargin: 0.5,
    products: [
      ['Pneumatic cylinder 32x100', 1180],
      ['Solenoid valve 5/2', 960],
      ['Air hose PU 8 mm 50 m', 640],
      ['Push-in fitting 8 mm (10 pcs)', 185],
      ['FRL unit 1/2"', 1450],
      ['Blow gun', 210],
      ['Pressure regulator 1/4"', 390],
      ['Vacuum cup 40 mm', 95],
    ],
  },
  {
    name: 'Fasteners',
    code: 'FA',
    listMargin: 0.55,
    products: [
      ['Hex bolt M8x40 8.8 (100 pcs)', 189],
      ['Hex nut M8 (200 pcs)', 96],
      ['Washer M8 (500 pcs)', 78],
      ['Wood screw 5x50 (200 pcs)', 139],
      ['Anchor bolt M10 (50 pcs)', 349],
      ['Threaded rod M12 1 m', 42],
      ['Blind rivet 4.8 mm (500 pcs)', 265],
      ['Socket cap screw M6x20 (100 pcs)', 155],
    ],
  },
  {
    name: 'Bearings',
    code: 'BE',
    listMargin: 0.42,
    products: [
      ['Ball bearing 6205-2RS', 118],
      ['Ball bearing 6306-2Z', 235],
      ['Tapered roller bearing 30208', 310],
      ['Pillow block unit UCP208', 540],
      ['Spherical roller bearing 22216', 2150],
      ['Linear bearing LM20UU', 165],
      ['Bearing puller set', 1890],
    ],
  },
  {
    name: 'Power transmission',
    code: 'PT',
    listMargin: 0.4,
    products: [
      ['V-belt SPZ 1250', 128],
      ['Timing belt HTD 8M-1200', 690],
      ['Roller chain 08B-1 5 m', 585],
      ['Chain sprocket 08B z19', 245],
      ['Jaw coupling 28 mm', 470],
      ['Gear motor 0.75 kW', 6850],
      ['Taper bush 2012', 155],
    ],
  },
  {
    name: 'Safety & PPE',
    code: 'SA',
    listMargin: 0.52,
    products: [
      ['Cut-resistant gloves D (12 pairs)', 540],
      ['Safety glasses clear', 79],
      ['Ear defenders', 249],
      ['Hard hat', 189],
      ['Hi-vis vest', 69],
      ['Safety boots S3', 1290],
      ['Dust mask FFP3 (10 pcs)', 310],
    ],
  },
  {
    name: 'Lubricants',
    code: 'LU',
    listMargin: 0.44,
    products: [
      ['Hydraulic oil ISO VG 46 20 l', 1190],
      ['Gear oil EP 220 20 l', 1480],
      ['Multipurpose grease 400 g', 89],
      ['Chain spray 500 ml', 129],
      ['Cutting fluid 5 l', 560],
      ['Penetrating oil 400 ml', 75],
      ['Food-grade grease 400 g', 198],
      ['Compressor oil 5 l', 640],
    ],
  },
  {
    name: 'Tools',
    code: 'TO',
    listMargin: 0.38,
    products: [
      ['Torque wrench 40-200 Nm', 2450],
      ['Socket set 1/2" 24 pcs', 1390],
      ['Cordless drill 18 V', 2890],
      ['Angle grinder 125 mm', 1590],
      ['Digital caliper 150 mm', 520],
      ['Tool trolley 7 drawers', 8900],
      ['Hex key set', 245],
    ],
  },
];

export interface CatalogRegion {
  readonly name: string;
  readonly cities: readonly string[];
  /** Legal forms of company names in the region. */
  readonly forms: readonly string[];
  /** Relative number of customers based in the region. */
  readonly weight: number;
}

export const REGIONS: readonly CatalogRegion[] = [
  {
    name: 'Nordic',
    cities: [
      'Stockholm',
      'Göteborg',
      'Malmö',
      'Uppsala',
      'Västerås',
      'Örebro',
      'Linköping',
      'Luleå',
      'Oslo',
      'Copenhagen',
      'Helsinki',
    ],
    forms: ['AB', 'AB', 'AB', 'AB', 'AS', 'Oy', 'A/S'],
    weight: 62,
  },
  {
    name: 'Baltics',
    cities: ['Tallinn', 'Riga', 'Vilnius'],
    forms: ['AS', 'SIA', 'UAB'],
    weight: 8,
  },
  {
    name: 'DACH',
    cities: ['Hamburg', 'Munich', 'Berlin', 'Vienna', 'Zurich'],
    forms: ['GmbH'],
    weight: 12,
  },
  { name: 'Benelux', cities: ['Rotterdam', 'Antwerp', 'Eindhoven'], forms: ['B.V.'], weight: 7 },
  {
    name: 'UK & Ireland',
    cities: ['Manchester', 'Birmingham', 'Dublin'],
    forms: ['Ltd'],
    weight: 6,
  },
  { name: 'Poland', cities: ['Gdańsk', 'Poznań', 'Wrocław'], forms: ['Sp. z o.o.'], weight: 5 },
];

/** First parts of customer names. */
export const NAME_PREFIXES: readonly string[] = [
  'Nord',
  'Svea',
  'Berg',
  'Lind',
  'Vik',
  'Ek',
  'Sol',
  'Fjäll',
  'Havs',
  'Stål',
  'Järn',
  'Skog',
  'Älv',
  'Sjö',
  'Dal',
  'Ås',
  'Mälar',
  'Norrlands',
  'Göta',
  'Öster',
  'Väster',
  'Kust',
  'Fors',
  'Granit',
  'Polar',
  'Viking',
  'Hansa',
  'Baltic',
  'Rhein',
  'Elb',
];

/** Second parts of customer names. */
export const NAME_CORES: readonly string[] = [
  'Bygg',
  'Teknik',
  'Verken',
  'Industri',
  'Logistik',
  'Mekanik',
  'Energi',
  'Maskin',
  'Transport',
  'Service',
  'Handel',
  'Gruppen',
  'Entreprenad',
  'Montage',
  'Kraft',
  'Marin',
  'Automation',
  'Process',
  'Plast',
  'Gjuteri',
];

/** The sales team; the first four are key account managers. */
export const SALESPEOPLE: readonly string[] = [
  'Anna Lindqvist',
  'Erik Johansson',
  'Maria Nilsson',
  'Johan Berg',
  'Sara Ekström',
  'Lars Holm',
  'Karin Sundberg',
  'Mikael Dahl',
  'Elin Forsberg',
  'Peter Wikström',
  'Sofia Åberg',
  'Oskar Lund',
];

/** Relative sales per calendar month (January first): summer and Christmas slow-downs. */
export const SEASONALITY: readonly number[] = [
  0.9, 0.97, 1.1, 1.02, 1.06, 1.0, 0.58, 0.86, 1.12, 1.16, 1.1, 0.9,
];
