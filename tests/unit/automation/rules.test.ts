import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import jsonLogic from 'json-logic-js';
import {
  fieldsFor,
  fillPlaceholders,
  OPERATORS_BY_TYPE,
  parseConditions,
  toJsonLogic,
  unknownPlaceholders,
  type ConditionRow,
} from '@/lib/automation/rules';

const ORDER_FIELDS = fieldsFor('order.created');

/** A form row that the form can build for order events: a field, an operator its type takes, a value of that type. */
const row: fc.Arbitrary<ConditionRow> = fc.constantFrom(...ORDER_FIELDS).chain((f) =>
  fc.constantFrom(...OPERATORS_BY_TYPE[f.type]).chain((operator) => {
    const value: fc.Arbitrary<ConditionRow['value']> =
      operator === 'one_of'
        ? fc.array(fc.string({ minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 5 })
        : f.type === 'money' || f.type === 'number'
          ? fc.integer({ min: -1_000_000, max: 1_000_000 })
          : fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0);
    return value.map((v) => ({ field: f.path, operator, value: v }));
  }),
);

describe('automation conditions', () => {
  it('reads back exactly what the form wrote, for any rows (JSON Logic round trip)', () => {
    fc.assert(
      fc.property(fc.constantFrom('all', 'any'), fc.array(row, { maxLength: 8 }), (match, rows) => {
        const parsed = parseConditions(toJsonLogic({ match, rows }), 'order.created');
        expect(parsed.issues).toEqual([]);
        expect(parsed.set).toEqual({ match, rows });
      }),
    );
  });

  it('compiles to JSON Logic that json-logic-js evaluates as the words say', () => {
    // total ≥ 500.00 and a first order: 600.00 by a new customer holds; 400.00 or a second order does not.
    const logic = toJsonLogic({
      match: 'all',
      rows: [
        { field: 'total', operator: 'gte', value: 50_000 },
        { field: 'customer.order_count', operator: 'lte', value: 1 },
      ],
    });
    const apply = (facts: object) => jsonLogic.apply(logic, facts) as boolean;
    expect(apply({ total: 60_000, customer: { order_count: 1 } })).toBe(true);
    expect(apply({ total: 50_000, customer: { order_count: 1 } })).toBe(true);
    expect(apply({ total: 40_000, customer: { order_count: 1 } })).toBe(false);
    expect(apply({ total: 60_000, customer: { order_count: 2 } })).toBe(false);
    const contains = toJsonLogic({
      match: 'any',
      rows: [{ field: 'text', operator: 'contains', value: 'refund' }],
    });
    expect(jsonLogic.apply(contains as jsonLogic.RulesLogic, { text: 'where is my refund?' })).toBe(true);
    expect(jsonLogic.apply(contains as jsonLogic.RulesLogic, { text: 'hello' })).toBe(false);
    expect(jsonLogic.apply(contains as jsonLogic.RulesLogic, {})).toBe(false);
  });

  it('refuses what the form cannot build, naming the path', () => {
    const issues = (logic: unknown) => parseConditions(logic, 'order.created').issues.map((i) => i.field);
    expect(issues({ and: [{ '>': [{ var: 'colour' }, 1] }] })).toEqual(['conditions.and.0.var']);
    expect(issues({ or: [{ '>': [{ var: 'total' }, 'x'] }] })).toEqual(['conditions.or.0.value']);
    expect(issues({ and: [{ contains: [{ var: 'tags' }, 'x'] }] })).toEqual(['conditions.and.0']);
    // tags is a list: only "contains" applies.
    expect(issues({ and: [{ '>': [{ var: 'tags' }, 1] }] })).toEqual(['conditions.and.0']);
    expect(issues({ if: [] })).toEqual(['conditions']);
    expect(issues('total > 5')).toEqual(['conditions']);
  });

  it('fills placeholders from the facts and finds the unknown ones', () => {
    const facts = { number: 1042, customer: { email: 'a@b.c' }, tags: ['vip', 'review'] };
    expect(
      fillPlaceholders('#{{number}} {{customer.email}} {{tags}} {{risk.level}}', facts, {
        type: 'order.created',
        resource_id: 'o1',
      }),
    ).toBe('#1042 a@b.c vip, review ');
    expect(unknownPlaceholders('{{total}} {{colour}} {{event.type}}', 'order.created')).toEqual(['colour']);
  });
});
