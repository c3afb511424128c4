// The three product-line systems and what each sells. Source names and billing codes are fixed:
// the factory's configuration and its tests refer to them.
import { WeightedTable } from './random.ts';

export type ProductLine = 'cellular' | 'long_distance' | 'cable';
export const productLines: ProductLine[] = ['cellular', 'long_distance', 'cable'];

/** The code the billing and contact systems write for whose account a row is about. */
export const systemCodes: Record<ProductLine, string> = { cellular: 'CEL', long_distance: 'LD', cable: 'CBL' };

export interface Plan {
  name: string;
  monthlyCents: number;
}

function catalogue(rows: [string, number, number][]): WeightedTable<Plan> {
  return new WeightedTable(
    rows.map(([name, dollars]) => ({ name, monthlyCents: Math.round(dollars * 100) })),
    rows.map(([, , weight]) => weight),
  );
}

// [plan, monthly price, how common]
export const plans: Record<ProductLine, WeightedTable<Plan>> = {
  cellular: catalogue([
    ['BASIC-TT', 25, 14],
    ['UNL-ESS', 45, 30],
    ['UNL-PREM', 65, 18],
    ['FAMILY-SHR', 110, 14],
    ['SENIOR-55', 35, 8],
    ['DATA-5GB', 20, 6],
  ]),
  long_distance: catalogue([
    ['Dime Plan', 4.95, 20],
    ['Nationwide 500', 12.5, 35],
    ['Unlimited Nationwide', 19.99, 30],
    ['International Saver', 24.99, 15],
  ]),
  cable: catalogue([
    ['Basic Cable', 29.99, 20],
    ['Digital Preferred', 64.99, 30],
    ['Premium HD', 99.99, 15],
    ['Internet 100', 49.99, 20],
    ['Internet 500 + TV', 119.99, 15],
  ]),
};
