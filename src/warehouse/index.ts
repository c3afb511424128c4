// The warehouse: the time-variant, non-volatile history the marts are built from (schema dw in the DuckDB file).
// Its published relations: dw.dim_date, dw.dim_customer, dw.dim_household, dw.dim_account, dw.dim_product,
// dw.dim_channel, dw.dim_geography, dw.customer_merge and the dw.fact_* tables.
export { ensureWarehouse } from './warehouse-tables.ts';
export { loadCustomerHistory, loadAccountHistory, loadHouseholdHistory } from './customer-history.ts';
export { loadConformedDimensions } from './conformed-dimensions.ts';
export { loadFacts } from './facts.ts';
export { loadFrontLineContacts, frontLineContactsTakenSince, frontLineContactSource, type FrontLineContact } from './front-line-contacts.ts';
export { accountChanges, contactsSince, customersChangedSince, factSpanSince, joinCustomerNow } from './changes-since.ts';
export { customerAsOf, type CustomerAsOf } from './as-of.ts';
