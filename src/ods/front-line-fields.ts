// What the front line may change on a customer, apart from the writes themselves: the transactional interface
// and the runs that take its changes both use these.

/** The golden-record fields the front line maintains. Values are already validated and standardised (server). */
export const detailFields = ['given_name', 'middle_name', 'family_name', 'address_line', 'city', 'region', 'postcode', 'email', 'phone'] as const;
export type DetailField = (typeof detailFields)[number];

/** The fields that make up an address: a details change setting any of them changes the customer's address. */
export const addressFields: DetailField[] = ['address_line', 'city', 'region', 'postcode'];
export type DetailsChange = Partial<Record<DetailField, string | null>>;

/** The source a value set by the front line is recorded under (and front-line contacts too). */
export const frontLineSource = 'frontline';
