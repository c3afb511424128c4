// Where the synthetic customers live: US cities with their state and ZIP prefix (weighted by a
// rough population, so big cities hold more namesakes), and the streets of an ordinary town.

export interface City {
  name: string;
  state: string;
  zipPrefix: string;
  weight: number;
}

// name|state|ZIP prefix|population in thousands (approximate)
const cityTable = `New York|NY|100|8300 Los Angeles|CA|900|3900 Chicago|IL|606|2700 Houston|TX|770|2300 Phoenix|AZ|850|1600
Philadelphia|PA|191|1600 San Antonio|TX|782|1450 San Diego|CA|921|1380 Dallas|TX|752|1300 San Jose|CA|951|1000
Austin|TX|787|960 Jacksonville|FL|322|950 Fort Worth|TX|761|920 Columbus|OH|432|900 Charlotte|NC|282|870
San Francisco|CA|941|850 Indianapolis|IN|462|880 Seattle|WA|981|740 Denver|CO|802|710 Washington|DC|200|690
Boston|MA|021|670 El Paso|TX|799|680 Nashville|TN|372|690 Detroit|MI|482|640 Oklahoma City|OK|731|680
Portland|OR|972|650 Las Vegas|NV|891|640 Memphis|TN|381|630 Louisville|KY|402|620 Baltimore|MD|212|580
Milwaukee|WI|532|570 Albuquerque|NM|871|560 Tucson|AZ|857|540 Fresno|CA|937|540 Mesa|AZ|852|500
Sacramento|CA|958|520 Atlanta|GA|303|500 Kansas City|MO|641|500 Colorado Springs|CO|809|480 Omaha|NE|681|480
Raleigh|NC|276|470 Miami|FL|331|450 Long Beach|CA|908|460 Virginia Beach|VA|234|450 Oakland|CA|946|430
Minneapolis|MN|554|430 Tulsa|OK|741|410 Tampa|FL|336|390 Arlington|TX|760|390 New Orleans|LA|701|380
Wichita|KS|672|390 Cleveland|OH|441|370 Bakersfield|CA|933|400 Aurora|CO|800|390 Anaheim|CA|928|350
Honolulu|HI|968|350 Santa Ana|CA|927|310 Riverside|CA|925|320 Corpus Christi|TX|784|320 Lexington|KY|405|320
Stockton|CA|952|320 St. Louis|MO|631|300 Pittsburgh|PA|152|300 Saint Paul|MN|551|310 Cincinnati|OH|452|310
Anchorage|AK|995|290 Henderson|NV|890|320 Greensboro|NC|274|300 Plano|TX|750|290 Newark|NJ|071|310
Lincoln|NE|685|290 Toledo|OH|436|270 Orlando|FL|328|310 Chula Vista|CA|919|280 Irvine|CA|926|300
Fort Wayne|IN|468|270 Jersey City|NJ|073|290 Durham|NC|277|290 St. Petersburg|FL|337|260 Laredo|TX|780|260
Buffalo|NY|142|280 Madison|WI|537|270 Lubbock|TX|794|260 Chandler|AZ|852|280 Scottsdale|AZ|852|240
Glendale|AZ|853|250 Reno|NV|895|260 Norfolk|VA|235|240 Winston-Salem|NC|271|250 Irving|TX|750|250
Chesapeake|VA|233|250 Gilbert|AZ|852|270 Hialeah|FL|330|220 Garland|TX|750|240 Fremont|CA|945|230
Baton Rouge|LA|708|220 Richmond|VA|232|230 Boise|ID|837|240 San Bernardino|CA|924|220 Spokane|WA|992|230
Des Moines|IA|503|210 Modesto|CA|953|220 Birmingham|AL|352|200 Tacoma|WA|984|220 Rochester|NY|146|210
Springfield|IL|627|115 Springfield|MO|658|170 Springfield|MA|011|155 Portland|ME|041|68 Columbia|SC|292|140
Salt Lake City|UT|841|200 Little Rock|AR|722|200 Hartford|CT|061|120 Providence|RI|029|190 Burlington|VT|054|45
Manchester|NH|031|115 Wilmington|DE|198|70 Charleston|WV|253|48 Jackson|MS|392|150 Sioux Falls|SD|571|190
Fargo|ND|581|125 Billings|MT|591|117 Cheyenne|WY|820|65`;

export const cities: City[] = (cityTable.match(/[^|\s][^|]*\|[A-Z]{2}\|\d{3}\|\d+/g) ?? []).map((entry) => {
  const [name, state, zipPrefix, population] = entry.split('|') as [string, string, string, string];
  return { name, state, zipPrefix, weight: Number(population) };
});

export interface StreetSuffix {
  abbreviation: string;
  full: string;
}

export const streetSuffixes: StreetSuffix[] = [
  { abbreviation: 'St', full: 'Street' },
  { abbreviation: 'Ave', full: 'Avenue' },
  { abbreviation: 'Rd', full: 'Road' },
  { abbreviation: 'Dr', full: 'Drive' },
  { abbreviation: 'Ln', full: 'Lane' },
  { abbreviation: 'Blvd', full: 'Boulevard' },
  { abbreviation: 'Ct', full: 'Court' },
  { abbreviation: 'Pl', full: 'Place' },
  { abbreviation: 'Way', full: 'Way' },
  { abbreviation: 'Ter', full: 'Terrace' },
];

export const streetNames = `Main Oak Maple Pine Cedar Elm Washington Lake Hill Park Walnut Sunset Lincoln Jackson Church
Highland Ridge Spring Willow Jefferson Cherry Madison Franklin Meadow Forest River Chestnut Adams Dogwood Magnolia Birch
Lakeview Valley Prospect Center Mill Broad Union Market Water Railroad Grove Orchard Laurel Hickory Sycamore Poplar
Greenwood Fairview Woodland Hillcrest Riverside Kingston Clinton Monroe Hamilton Harrison Cleveland Lafayette 1st 2nd 3rd
4th 5th 6th 7th 8th 9th 10th 12th 14th 18th 21st 32nd`
  .split(/\s+/)
  .filter(Boolean);

export const directions = [
  { abbreviation: 'N', full: 'North' },
  { abbreviation: 'S', full: 'South' },
  { abbreviation: 'E', full: 'East' },
  { abbreviation: 'W', full: 'West' },
];
