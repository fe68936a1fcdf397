import { Faker, en } from '@faker-js/faker';
import type { Prisma, PrismaClient } from '@/lib/generated/prisma/client.ts';
import { hashPassword } from '@/lib/auth/password';
import type { Role } from '@/lib/auth/permissions';
import { receiveStock } from '@/lib/inventory/receive-stock';
import type { Actor } from '@/lib/auth/actor';

const SEED_ACTOR: Actor = { type: 'system', id: null, label: 'seed' };

/**
 * The demo shop: deterministic (a fixed random seed), so every fresh start shows the same shop.
 * Later issues extend it with orders, shipments, returns, tickets and ledger history.
 */
export const DEMO_PASSWORD = 'backroom';
export const DEMO_USERS: { email: string; name: string; role: Role }[] = [
  { email: 'admin@backroom.test', name: 'Ada Admin', role: 'admin' },
  { email: 'manager@backroom.test', name: 'Morgan Manager', role: 'manager' },
  { email: 'warehouse@backroom.test', name: 'Wes Warehouse', role: 'warehouse' },
  { email: 'support@backroom.test', name: 'Sam Support', role: 'support' },
];

export type SeedOptions = {
  seed?: number;
  products?: number;
  customers?: number;
  log?: (line: string) => void;
};

/** EAN-13 check digit (GS1 mod-10: weights 1,3 from the left over 12 digits). */
export function ean13(first12: string): string {
  const sum = [...first12].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return first12 + ((10 - (sum % 10)) % 10);
}

/** Customs data per category (decision 040): the HS subheading and the country the goods are made in. */
const CUSTOMS: Record<string, { hs: string; origin: string }> = {
  'T-shirt': { hs: '610910', origin: 'PT' },
  Hoodie: { hs: '611020', origin: 'PT' },
  Cap: { hs: '650500', origin: 'CN' },
  Mug: { hs: '691200', origin: 'GB' },
  Candle: { hs: '340600', origin: 'US' },
  Notebook: { hs: '482010', origin: 'US' },
  'Tote bag': { hs: '420292', origin: 'IN' },
  'Water bottle': { hs: '732393', origin: 'CN' },
};

const CATEGORIES = [
  {
    type: 'T-shirt',
    prefix: 'TEE',
    sizes: ['S', 'M', 'L', 'XL'],
    colours: ['Black', 'White', 'Navy', 'Olive'],
    price: [1800, 3400],
    grams: 180,
  },
  {
    type: 'Hoodie',
    prefix: 'HOD',
    sizes: ['S', 'M', 'L', 'XL'],
    colours: ['Charcoal', 'Sand', 'Forest'],
    price: [4800, 7900],
    grams: 620,
  },
  {
    type: 'Cap',
    prefix: 'CAP',
    sizes: [],
    colours: ['Black', 'Khaki', 'Red'],
    price: [1900, 2900],
    grams: 110,
  },
  { type: 'Mug', prefix: 'MUG', sizes: [], colours: [], price: [1200, 2200], grams: 350 },
  { type: 'Candle', prefix: 'CDL', sizes: [], colours: [], price: [1600, 3800], grams: 420 },
  { type: 'Notebook', prefix: 'NTB', sizes: ['A5', 'A4'], colours: [], price: [900, 2400], grams: 260 },
  {
    type: 'Tote bag',
    prefix: 'TOT',
    sizes: [],
    colours: ['Natural', 'Black'],
    price: [1400, 2600],
    grams: 150,
  },
  {
    type: 'Water bottle',
    prefix: 'BTL',
    sizes: ['500 ml', '750 ml'],
    colours: ['Steel', 'Sage'],
    price: [2200, 3900],
    grams: 330,
  },
];

export async function seedDemo(
  db: PrismaClient,
  options: SeedOptions = {},
): Promise<{ users: number; products: number; variants: number; customers: number }> {
  const log = options.log ?? (() => {});
  const faker = new Faker({ locale: [en] });
  faker.seed(options.seed ?? 20261122);
  const productCount = options.products ?? 240;
  const customerCount = options.customers ?? 1200;
  const currency = 'USD';

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.user.createMany({ data: DEMO_USERS.map((u) => ({ ...u, passwordHash })) });

  const main = {
    id: faker.string.uuid(),
    code: 'MAIN',
    name: 'Main warehouse',
    kind: 'warehouse' as const,
    address: {
      name: 'Juniper & Pine Goods',
      line1: '410 Hudson St',
      city: 'New York',
      region: 'NY',
      postal_code: '10014',
      country: 'US',
    },
  };
  const store = {
    id: faker.string.uuid(),
    code: 'STORE',
    name: 'Downtown store',
    kind: 'store' as const,
    address: {
      name: 'Juniper & Pine Goods',
      line1: '88 Orchard St',
      city: 'New York',
      region: 'NY',
      postal_code: '10002',
      country: 'US',
    },
  };
  await db.location.createMany({ data: [main, store] });

  // Main warehouse: aisles A–E, 8 shelves, 3 levels; pick sequence walks the aisles in a snake.
  const bins: { id: string; locationId: string; code: string; pickSequence: number }[] = [];
  let seq = 0;
  ['A', 'B', 'C', 'D', 'E'].forEach((aisle, a) => {
    const shelves = Array.from({ length: 8 }, (_, i) => i + 1);
    for (const shelf of a % 2 === 0 ? shelves : shelves.reverse()) {
      for (let level = 1; level <= 3; level++) {
        bins.push({
          id: faker.string.uuid(),
          locationId: main.id,
          code: `${aisle}-${String(shelf).padStart(2, '0')}-${level}`,
          pickSequence: ++seq,
        });
      }
    }
  });
  for (let i = 1; i <= 12; i++)
    bins.push({
      id: faker.string.uuid(),
      locationId: store.id,
      code: `S-${String(i).padStart(2, '0')}`,
      pickSequence: i,
    });
  await db.bin.createMany({ data: bins });
  const mainBins = bins.filter((b) => b.locationId === main.id);
  const storeBins = bins.filter((b) => b.locationId === store.id);

  await db.shopSettings.create({
    data: {
      id: 1,
      shopName: 'Juniper & Pine Goods',
      currency,
      timezone: 'America/New_York',
      fulfillingLocationId: main.id,
    },
  });

  const products: { id: string; name: string; description: string; vendor: string; productType: string }[] =
    [];
  const variants: Prisma.VariantCreateManyInput[] = [];
  const levels: { variantId: string; locationId: string; binId: string; onHand: number }[] = [];
  const usedNames = new Set<string>();
  let barcodeSerial = 100000;

  for (let p = 0; p < productCount; p++) {
    const cat = CATEGORIES[p % CATEGORIES.length];
    let name = `${faker.commerce.productAdjective()} ${faker.commerce.productMaterial()} ${cat.type}`;
    while (usedNames.has(name))
      name = `${faker.commerce.productAdjective()} ${faker.color.human()} ${cat.type}`;
    usedNames.add(name);
    const productId = faker.string.uuid();
    products.push({
      id: productId,
      name,
      description: faker.commerce.productDescription(),
      vendor: faker.company.name(),
      productType: cat.type,
    });
    const basePrice = faker.number.int({ min: cat.price[0] / 100, max: cat.price[1] / 100 }) * 100 - 1;
    const colours = cat.colours.length
      ? faker.helpers.arrayElements(cat.colours, { min: 1, max: Math.min(2, cat.colours.length) })
      : [''];
    const sizes = cat.sizes.length ? cat.sizes : [''];
    let v = 0;
    for (const colour of colours) {
      for (const size of sizes) {
        v++;
        const title = [colour, size].filter(Boolean).join(' / ');
        const variantId = faker.string.uuid();
        const sku = `${cat.prefix}-${String(p + 1).padStart(4, '0')}-${String(v).padStart(2, '0')}`;
        variants.push({
          id: variantId,
          productId,
          sku,
          barcode: ean13(`0${String(8_400_000_00 + barcodeSerial++).padStart(11, '0')}`.slice(0, 12)),
          title,
          price: size === 'XL' ? basePrice + 200 : basePrice,
          currency,
          weightGrams: cat.grams + faker.number.int({ min: -20, max: 20 }),
          lengthMm: faker.number.int({ min: 150, max: 350 }),
          widthMm: faker.number.int({ min: 100, max: 250 }),
          heightMm: faker.number.int({ min: 20, max: 120 }),
          reorderPoint: faker.number.int({ min: 5, max: 20 }),
          safetyStock: faker.number.int({ min: 2, max: 8 }),
          leadTimeDays: faker.helpers.arrayElement([7, 10, 14, 21]),
          allowBackorder: faker.number.float() < 0.05,
          hsCode: CUSTOMS[cat.type]?.hs ?? null,
          countryOfOrigin: CUSTOMS[cat.type]?.origin ?? null,
        });
        // About 6% out of stock, 10% below the reorder point, the rest healthy.
        const roll = faker.number.float();
        const onHand =
          roll < 0.06
            ? 0
            : roll < 0.16
              ? faker.number.int({ min: 1, max: 5 })
              : faker.number.int({ min: 20, max: 180 });
        levels.push({
          variantId,
          locationId: main.id,
          binId: faker.helpers.arrayElement(mainBins).id,
          onHand,
        });
        if (faker.number.float() < 0.3) {
          levels.push({
            variantId,
            locationId: store.id,
            binId: faker.helpers.arrayElement(storeBins).id,
            onHand: faker.number.int({ min: 0, max: 15 }),
          });
        }
      }
    }
  }
  await db.product.createMany({ data: products });
  await db.variant.createMany({ data: variants });
  // Opening stock goes through the real receipt use case: stock movements, cost layers and the
  // opening-balance journal entry (Dr Inventory / Cr Opening balance equity) stay consistent.
  const variantBySku = new Map(variants.map((v) => [v.id, v]));
  const binCode = new Map(bins.map((b) => [b.id, b.code]));
  for (const location of [main, store]) {
    const lines = levels
      .filter((l) => l.locationId === location.id && l.onHand > 0)
      .map((l) => {
        const v = variantBySku.get(l.variantId)!;
        return {
          sku: v.sku,
          quantity: l.onHand,
          unit_cost: Math.round(v.price * (0.35 + faker.number.float({ min: 0, max: 0.2 }))),
          bin: binCode.get(l.binId),
        };
      });
    await db.$transaction(
      (tx) =>
        receiveStock(
          {
            input: { location: location.code, kind: 'opening', reference: 'Opening stock', lines },
            actor: SEED_ACTOR,
          },
          tx,
        ),
      { timeout: 120_000 },
    );
  }
  // Bins for the SKUs that start at zero, so every stocked SKU has a place in the warehouse.
  for (const l of levels.filter((x) => x.onHand === 0)) {
    await db.stockLevel.upsert({
      where: { variantId_locationId: { variantId: l.variantId, locationId: l.locationId } },
      create: {
        variantId: l.variantId,
        locationId: l.locationId,
        binId: l.binId,
        backorderAllowed: !!variantBySku.get(l.variantId)!.allowBackorder,
      },
      update: {},
    });
  }
  log(`seeded ${products.length} products, ${variants.length} variants, ${levels.length} stock levels`);

  const emails = new Set<string>();
  const customers: {
    id: string;
    email: string;
    firstName: string;
    lastName: string;
    phone: string;
    tags: string[];
    createdAt: Date;
  }[] = [];
  const addresses: {
    customerId: string;
    name: string;
    line1: string;
    line2: string | null;
    city: string;
    region: string;
    postalCode: string;
    country: string;
    isDefault: boolean;
  }[] = [];
  const anchor = new Date('2026-11-01T00:00:00Z');
  while (customers.length < customerCount) {
    const firstName = faker.person.firstName();
    const lastName = faker.person.lastName();
    const email = faker.internet
      .email({
        firstName,
        lastName,
        provider: faker.helpers.arrayElement(['example.com', 'example.net', 'example.org']),
      })
      .toLowerCase();
    if (emails.has(email)) continue;
    emails.add(email);
    const id = faker.string.uuid();
    const tags = faker.helpers.arrayElements(['vip', 'wholesale', 'newsletter', 'repeat'], {
      min: 0,
      max: 2,
    });
    customers.push({
      id,
      email,
      firstName,
      lastName,
      phone: faker.phone.number({ style: 'national' }),
      tags,
      createdAt: faker.date.past({ years: 2, refDate: anchor }),
    });
    addresses.push({
      customerId: id,
      name: `${firstName} ${lastName}`,
      line1: faker.location.streetAddress(),
      line2: faker.number.float() < 0.2 ? faker.location.secondaryAddress() : null,
      city: faker.location.city(),
      region: faker.location.state({ abbreviated: true }),
      postalCode: faker.location.zipCode('#####'),
      country: 'US',
      isDefault: true,
    });
  }
  await db.customer.createMany({ data: customers });
  await db.customerAddress.createMany({ data: addresses });
  log(`seeded ${customers.length} customers`);

  await db.auditLog.create({
    data: {
      actorType: 'system',
      actorLabel: 'seed',
      action: 'shop.seeded',
      entityType: 'shop',
      entityId: '1',
      after: { products: products.length, variants: variants.length, customers: customers.length },
    },
  });
  return {
    users: DEMO_USERS.length,
    products: products.length,
    variants: variants.length,
    customers: customers.length,
  };
}
