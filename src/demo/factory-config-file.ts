// The cif.yaml that comes with the demo: the worked example of declaring operational systems, so it
// explains itself to a reader who will copy it for their own sources.

export const factoryConfigText = `# The Customer Information Factory's configuration for the synthetic Acme Telecom.
# Each source is one operational system; each of its files says what kind of record it holds (entity),
# where the file is, how to read it, which column is the record's key, and how its columns map onto
# the factory's canonical fields. Copy a source block to declare a system of your own.
name: Acme Telecom (synthetic demo)
data: .cif            # folder (relative to this file) where the factory keeps its ODS, warehouse and run records
defaults:
  country: US         # phone numbers without a country code are read as this country's

sources:
  # --- The three product-line systems. Each keeps its own customer file, so the same person appears
  # --- in up to three of them with different keys, spellings and formats: identity resolution links them.
  - name: cellular
    description: Cellular subscriber system (one of three product-line systems); an upper-case mainframe extract
    productLine: cellular          # the product line this system's accounts belong to
    outbound:                      # where changes made in the factory (an address, a phone…) are sent back to this system
      url: http://127.0.0.1:4401/cellular   # POSTed as signed JSON; cif demo runs a receiver for the three systems there
      secret: demo-cellular-secret # signs each delivery (X-Cif-Signature: HMAC-SHA256); keep a real one out of version control
      maxAttempts: 8               # failed attempts (with growing waits) before a delivery is parked as dead
    files:
      - entity: customer           # customer | account | billing | contact | event | survey
        path: sources/cellular/customers.csv   # a file, a folder, or a glob like sources/billing/transactions-*.csv
        format: csv                # csv | jsonl | parquet
        key: SUBSCRIBER_ID         # the column that identifies a record in this system
        fields:                    # canonical field: source column, or { field, format | parse | map } or { value }
          full_name: { field: NAME, parse: last_first }      # "SMITH, ROBERT J JR"
          birth_date: { field: DOB, format: "%m/%d/%Y" }     # strptime format
          address_line: ADDRESS
          city: CITY
          region: STATE
          postcode: ZIP
          phone: PHONE                                       # "(555) 234-5678"
          email: EMAIL
          updated_on: { field: LAST_UPDATED, format: "%m/%d/%Y" }   # newer records win in survivorship
      - entity: account
        path: sources/cellular/accounts.csv
        format: csv
        key: ACCOUNT_NO
        fields:
          customer_key: SUBSCRIBER_ID                        # the holder's key in this system's customer file
          product: PLAN
          status: { field: STATUS, map: { A: active, C: closed } }
          opened_on: { field: ACTIVATED, format: "%m/%d/%Y" }
          closed_on: { field: DEACTIVATED, format: "%m/%d/%Y" }
          monthly_amount: MONTHLY_CHARGE

  - name: long_distance
    description: Long distance system (product line); JSON Lines with the name in separate fields
    productLine: long_distance
    outbound: { url: "http://127.0.0.1:4401/long_distance", secret: demo-long-distance-secret }
    files:
      - entity: customer
        path: sources/long_distance/customers.jsonl
        format: jsonl              # for JSON Lines a "column" is a top-level property
        key: cust_no
        fields:
          given_name: first_name   # names already split: no parse rule needed
          middle_name: middle_name
          family_name: last_name
          name_suffix: suffix
          birth_date: birth_date   # ISO dates (YYYY-MM-DD) need no format
          address_line: street
          city: city
          region: state
          postcode: zip
          phone: phone             # "555.234.5678"
          email: email
          updated_on: updated
      - entity: account
        path: sources/long_distance/accounts.jsonl
        format: jsonl
        key: account_id
        fields:
          customer_key: cust_no
          product: plan
          status: status           # already "active" or "closed"
          opened_on: start_date
          closed_on: end_date
          monthly_amount: monthly_fee

  - name: cable
    description: Cable television and internet system (product line); Parquet with every column as text
    productLine: cable
    outbound: { url: "http://127.0.0.1:4401/cable", secret: demo-cable-secret }
    files:
      - entity: customer
        path: sources/cable/customers.parquet
        format: parquet
        key: customer_id
        fields:
          full_name: { field: full_name, parse: first_last }       # "Robert J. Smith Jr."
          birth_date: { field: date_of_birth, format: "%d-%b-%Y" } # "24-Jun-1971"
          address_line: address1
          city: city
          region: state
          postcode: postal_code
          phone: phone             # E.164 "+15552345678"
          email: email
          updated_on: modified
      - entity: account
        path: sources/cable/accounts.parquet
        format: parquet
        key: account_number
        fields:
          customer_key: customer_id
          product: package
          status: { field: status, map: { ACTIVE: active, DISCONNECTED: closed } }
          opened_on: install_date
          closed_on: disconnect_date
          monthly_amount: monthly_rate

  # --- Shared systems. They know accounts, not people: each row names the product-line system
  # --- (SYSTEM code) and that system's account key, and the factory follows the account to its customer.
  - name: billing
    description: Billing system; one file of invoices and payments per month
    files:
      - entity: billing
        path: sources/billing/transactions-*.csv
        format: csv
        key: TXN_ID
        fields:
          account_source: { field: SYSTEM, map: { CEL: cellular, LD: long_distance, CBL: cable } }
          account_key: ACCOUNT_NO
          kind: { field: TXN_TYPE, map: { INV: invoice, PAY: payment } }
          posted_on: { field: TXN_DATE, format: "%Y%m%d" }
          amount: AMOUNT

  - name: call_centre
    description: Call centre contact log (calls, chats, branch visits); one file per month
    files:
      - entity: contact
        path: sources/call_centre/contacts-*.csv
        format: csv
        key: CONTACT_ID
        fields:
          account_source: { field: SYSTEM, map: { CEL: cellular, LD: long_distance, CBL: cable } }
          account_key: ACCOUNT_NO
          contacted_at: { field: CONTACT_TS, format: "%Y-%m-%dT%H:%M:%S" }
          channel: CHANNEL
          reason: REASON
          outcome: OUTCOME
          is_complaint: { field: COMPLAINT, map: { Y: true, N: false } }
          notes: NOTES

  - name: web
    description: Web site clickstream; events carry a cookie, and an e-mail only when the visitor logged in
    files:
      - entity: event
        path: sources/web/events-*.jsonl
        format: jsonl
        key: event_id
        fields:
          occurred_at: { field: ts, format: "%Y-%m-%dT%H:%M:%SZ" }
          email: email
          cookie: cookie
          event_type: type
          page: page

  - name: surveys
    description: Customer-satisfaction surveys (score 0 to 10)
    files:
      - entity: survey
        path: sources/surveys/surveys.csv
        format: csv
        key: SURVEY_ID
        fields:
          account_source: { field: SYSTEM, map: { CEL: cellular, LD: long_distance, CBL: cable } }
          account_key: ACCOUNT_NO
          answered_on: { field: SURVEY_DATE, format: "%m/%d/%Y" }
          score: SCORE
          comment: COMMENT

# --- Prompts on the front-line screen: each rule turns facts the ODS knows about the customer into a
# --- prompt with a reason. Without this list the factory uses its default rules (the first nine here).
prompts:
  - id: complaint-open
    when: { fact: complaintOpenDays, atLeast: 7 }   # facts: see README (Prompts); atLeast, atMost, is, known
    tone: warning                                   # warning | offer | info
    text: "Complaint open for {complaintOpenDays} days"   # {fact} puts the customer's value in
    reason: "No contact has resolved it for a week or more: deal with it before anything else."
  - id: churn-risk-high                             # the analytics' scores are facts too (unknown until a scoring run)
    when: { fact: churnBand, is: high }
    tone: warning
    text: "Churn risk high ({churnRiskPercent}%): find out what would keep them"
    reason: "{churnReasons}"
  - id: address-differs
    when: { fact: addressesDiffer, is: true }
    tone: warning
    text: "Address changed in {addressChangedIn} but not in {addressNotChangedIn}"
    reason: "The systems hold different addresses: confirm it with the customer and change it here, once, for all of them."
  - id: do-not-contact
    when: { fact: doNotContact, is: true }
    tone: warning
    text: "Do not contact: serve the customer, do not sell"
    reason: "The customer asked to be contacted only to be served."
    suppressOffers: true                            # while this holds, no offer is shown
  - id: contacted-often
    when: { fact: contactsLast30Days, atLeast: 3 }
    tone: warning
    text: "Contacted {contactsLast30Days} times in 30 days: do not solicit"
    reason: "Three contacts in 30 days are enough: offers wait."
    suppressOffers: true
  - id: collection-treatment
    when: { any: [ { fact: paymentRisk, is: high }, { fact: paymentRisk, is: medium } ] }
    tone: info
    text: "Payment risk {paymentRisk}: {collectionTreatment}"
    reason: "{collectionDescription}"
  - id: top-value
    when: { fact: valueTier, is: top }
    tone: info
    text: "Top-value customer: worth {valueLast12Months} over the last 12 months"
    reason: "Among the customers the company earns the most from: serve them first."
  - id: next-best-offer
    when: { fact: offerLine, known: true }          # known: the ODS knows the fact (here: the models made an offer)
    tone: offer
    text: "Offer the {offerLine} bundle at {offerDiscountPercent}% off"
    reason: "The best of the offers the models ranked for this customer: {offerPropensityPercent}% likely to be taken, worth {offerExpectedValue}."
  - id: cable-bundle
    when: { owns: [cellular], lacks: [cable, long_distance], fact: offerLine, known: false }   # product lines of active accounts; no offer from the models
    tone: offer
    text: "Owns cellular only: offer the cable bundle"
    reason: "A customer with one product line leaves more often than one with two."
  - id: long-distance-for-loyal
    when: { all: [ { owns: [cellular, cable] }, { lacks: [long_distance] }, { any: [ { fact: tenureYears, atLeast: 5 }, { fact: monthlyValue, atLeast: 120 } ] } ] }
    tone: offer
    text: "Customer for {tenureYears} years, {monthlyValue} a month: offer long distance at the bundle price"
    reason: "A loyal or valuable customer with two lines of three."
`;
