// Names for the synthetic population, most common first so a Zipf-like draw makes the familiar
// collisions (several John Smiths in one city) happen on their own. Each given name lists the
// nicknames people commonly go by; the population keeps only those the shipped nickname
// reference also knows, so every variation the demo plants can be recognised.

export type Gender = 'F' | 'M';

export interface GivenNameEntry {
  name: string;
  gender: Gender;
  nicknames: string[];
}

const male = `James:jim|jimmy|jamie; Robert:bob|rob|bobby; John:jack|johnny|jon; Michael:mike|mickey; David:dave|davy;
William:bill|will|billy; Richard:rick|dick|rich; Joseph:joe|joey; Thomas:tom|tommy; Christopher:chris|kit;
Charles:charlie|chuck; Daniel:dan|danny; Matthew:matt; Anthony:tony; Mark:; Donald:don|donnie; Steven:steve;
Andrew:andy|drew; Paul:; Joshua:josh; Kenneth:ken|kenny; Kevin:; Brian:; George:; Timothy:tim|timmy; Ronald:ron|ronnie;
Jason:jay; Edward:ed|eddie|ted; Jeffrey:jeff; Ryan:; Jacob:jake; Gary:; Nicholas:nick|nicky; Eric:; Jonathan:jon;
Stephen:steve; Larry:; Justin:; Scott:; Brandon:; Benjamin:ben|benny; Samuel:sam|sammy; Gregory:greg; Alexander:alex|al;
Patrick:pat; Frank:; Raymond:ray; Jack:; Dennis:denny; Jerry:; Tyler:; Aaron:ron; Jose:; Adam:; Nathan:nate|nat;
Henry:hank|harry; Zachary:zach|zack; Douglas:doug; Peter:pete; Kyle:; Noah:; Ethan:; Jeremy:jerry; Walter:walt|wally;
Christian:chris; Keith:; Roger:; Terry:; Austin:; Sean:; Gerald:jerry; Carl:; Harold:hal|harry; Dylan:; Arthur:art;
Lawrence:larry; Jordan:; Jesse:; Bryan:; Billy:; Bruce:; Gabriel:gabe; Joe:; Logan:; Alan:al; Juan:; Albert:al|bert;
Willie:; Elijah:eli; Wayne:; Randy:; Vincent:vince|vinny; Mason:; Roy:; Ralph:; Bobby:; Russell:russ; Bradley:brad;
Philip:phil; Eugene:gene; Carlos:; Luis:; Miguel:; Louis:lou; Martin:marty; Howard:howie; Leonard:leo|len`;

const female = `Mary:molly|mae; Patricia:pat|patty|trish; Jennifer:jen|jenny; Linda:lindy; Elizabeth:liz|beth|betty|lizzie;
Barbara:barb|babs; Susan:sue|susie; Jessica:jess|jessie; Sarah:sally; Karen:; Lisa:; Nancy:nan; Betty:; Sandra:sandy;
Margaret:maggie|peggy|meg; Ashley:; Kimberly:kim; Emily:em; Donna:; Michelle:shelly; Carol:; Amanda:mandy; Melissa:missy|mel;
Deborah:deb|debbie; Stephanie:steph; Dorothy:dot|dottie; Rebecca:becky|becca; Sharon:; Laura:laurie; Cynthia:cindy;
Amy:; Kathleen:kathy|kate; Angela:angie; Shirley:; Brenda:; Emma:; Anna:annie; Pamela:pam; Nicole:nikki; Samantha:sam|sammy;
Katherine:kate|kathy|katie; Christine:chris|tina; Helen:nell; Debra:deb|debbie; Rachel:; Carolyn:carrie; Janet:jan;
Maria:; Catherine:cathy|kate; Heather:; Diane:di; Olivia:liv; Julie:; Joyce:; Victoria:vicky|tori; Ruth:ruthie;
Virginia:ginny|ginger; Lauren:; Kelly:; Christina:tina|chris; Joan:joanie; Evelyn:evie; Judith:judy; Andrea:andy;
Hannah:; Megan:meg; Cheryl:; Jacqueline:jackie; Martha:marty|patty; Madison:maddie; Teresa:terry|tess; Gloria:;
Sara:; Janice:jan; Ann:annie; Kathryn:kathy|kate; Abigail:abby; Sophia:sophie; Frances:fran|frankie; Jean:;
Alice:allie; Judy:; Isabella:bella|izzy; Julia:julie; Grace:gracie; Amber:; Denise:; Danielle:dani; Marilyn:;
Beverly:bev; Charlotte:charlie|lottie; Natalie:nat; Theresa:terry|tess; Diana:di; Brittany:; Doris:; Kayla:;
Alexis:lexi; Lori:; Rose:rosie; Guadalupe:lupe; Ana:; Rosa:; Carmen:; Veronica:ronnie; Josephine:jo|josie; Valerie:val`;

function parseNames(text: string, gender: Gender): GivenNameEntry[] {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [name, nicknames] = part.split(':') as [string, string];
      return { name, gender, nicknames: nicknames ? nicknames.split('|') : [] };
    });
}

export const maleGivenNames = parseNames(male, 'M');
export const femaleGivenNames = parseNames(female, 'F');

/** US surnames roughly in frequency order (census ranks), with a few spellings systems disagree on (O'Brien, McDonald). */
export const surnames = `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson
Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker Young
Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez
Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan
Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz
Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry Russell Sullivan Bell Coleman
Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson Alexander Hamilton Graham Reynolds Griffin
Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison
Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter
Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar
Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley
Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll
Lane Riley Andrews Alvarado Ray Delgado Berry Perkins Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence
Sandoval Guerrero George Chapman Rios Estrada Ortega Watkins Greene Nunez Wheeler Valdez Harper Burke Larson Santiago Maldonado
Morrison Franklin Carlson Austin Dominguez Carr Lawson Jacobs O'Brien Lynch Singh Vega Bishop Montgomery Oliver Jensen Harvey
Williamson Gilbert Dean Sims Espinoza Howell Li Wong Reid Hanson Le McCoy Garrett Burton Fuller Wang Weber Welch Rojas Lucas
Marquez Fields Park Yang Little Banks Padilla Day Walsh Bowman Schultz Luna Fowler Mejia Davidson Acosta Brewer May Holland
Juarez Newman Pearson Curtis Cortez Douglas Schneider Joseph Barrett Navarro Figueroa Keller Avila Wade Molina Stanley Hopkins
Campos O'Connor Barker Lambert Hale`
  .split(/\s+/)
  .filter(Boolean);
