//! Word lists for realistic-looking (and entirely fictional) people and places.

#[rustfmt::skip]
pub(crate) const FIRST_NAMES: &[&str] = &[
    "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
    "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
    "Charles", "Karen", "Christopher", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony",
    "Sandra", "Mark", "Margaret", "Donald", "Ashley", "Steven", "Kimberly", "Andrew", "Emily",
    "Paul", "Donna", "Joshua", "Michelle", "Kenneth", "Carol", "Kevin", "Amanda", "Brian",
    "Melissa", "George", "Deborah", "Timothy", "Stephanie", "Ronald", "Rebecca", "Jason", "Laura",
    "Edward", "Sharon", "Jeffrey", "Cynthia", "Ryan", "Kathleen", "Jacob", "Amy", "Gary", "Angela",
    "Nicholas", "Shirley", "Eric", "Anna", "Jonathan", "Brenda", "Stephen", "Pamela", "Larry",
    "Emma", "Justin", "Nicole", "Scott", "Helen", "Brandon", "Samantha", "Benjamin", "Katherine",
    "Samuel", "Christine", "Gregory", "Debra", "Alexander", "Rachel", "Patrick", "Carolyn",
    "Frank", "Janet", "Raymond", "Maria", "Jack", "Olivia", "Dennis", "Heather", "Jerry", "Diane",
    "Tyler", "Julie", "Aaron", "Joyce", "Jose", "Victoria", "Adam", "Ruby", "Nathan", "Lauren",
    "Henry", "Kelly", "Zachary", "Christina", "Douglas", "Joan", "Peter", "Evelyn", "Kyle",
    "Judith", "Noah", "Andrea", "Ethan", "Hannah", "Jeremy", "Megan", "Walter", "Cheryl",
    "Christian", "Jacqueline", "Keith", "Martha", "Roger", "Madison", "Terry", "Teresa", "Austin",
    "Gloria", "Sean", "Sara", "Gerald", "Janice", "Carl", "Julia", "Harold", "Marie", "Dylan",
    "Grace", "Arthur", "Judy", "Lawrence", "Theresa", "Jordan", "Beverly", "Jesse", "Denise",
    "Bryan", "Marilyn", "Billy", "Amber", "Bruce", "Danielle", "Gabriel", "Abigail", "Logan",
    "Brittany", "Alan", "Rose", "Juan", "Diana", "Wayne", "Natalie", "Elijah", "Sophia", "Randy",
    "Alexis", "Roy", "Lori", "Vincent", "Kayla", "Ralph", "Jane", "Eugene", "Priya", "Russell",
    "Mei", "Bobby", "Aiko", "Mason", "Fatima", "Philip", "Ngozi", "Louis", "Ana", "Hiroshi",
    "Lucia", "Wei", "Ines", "Arjun", "Sofia", "Omar", "Leila", "Mateo", "Camila", "Dmitri", "Yuki",
];

#[rustfmt::skip]
pub(crate) const LAST_NAMES: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
    "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
    "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott",
    "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera",
    "Campbell", "Mitchell", "Carter", "Roberts", "Gomez", "Phillips", "Evans", "Turner", "Diaz",
    "Parker", "Cruz", "Edwards", "Collins", "Reyes", "Stewart", "Morris", "Morales", "Murphy",
    "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper", "Peterson", "Bailey", "Reed",
    "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson", "Watson", "Brooks", "Chavez",
    "Wood", "James", "Bennett", "Gray", "Mendoza", "Ruiz", "Hughes", "Price", "Alvarez",
    "Castillo", "Sanders", "Patel", "Myers", "Long", "Ross", "Foster", "Jimenez", "Powell",
    "Jenkins", "Perry", "Russell", "Sullivan", "Bell", "Coleman", "Butler", "Henderson", "Barnes",
    "Gonzales", "Fisher", "Vasquez", "Simmons", "Romero", "Jordan", "Patterson", "Alexander",
    "Hamilton", "Graham", "Reynolds", "Griffin", "Wallace", "Moreno", "West", "Cole", "Hayes",
    "Bryant", "Herrera", "Gibson", "Ellis", "Tran", "Medina", "Aguilar", "Stevens", "Murray",
    "Ford", "Castro", "Marshall", "Owens", "Harrison", "Fernandez", "McDonald", "Woods",
    "Washington", "Kennedy", "Wells", "Vargas", "Henry", "Chen", "Freeman", "Webb", "Tucker",
    "Guzman", "Burns", "Crawford", "Olson", "Simpson", "Porter", "Hunter", "Gordon", "Mendez",
    "Silva", "Shaw", "Snyder", "Mason", "Dixon", "Munoz", "Hunt", "Hicks", "Holmes", "Palmer",
    "Wagner", "Black", "Robertson", "Boyd", "Rose", "Stone", "Salazar", "Fox", "Warren", "Mills",
    "Meyer", "Rice", "Schmidt", "Garza", "Daniels", "Ferguson", "Nichols", "Stephens", "Soto",
    "Weaver", "Ryan", "Gardner", "Payne", "Grant", "Dunn", "Kowalski", "O'Brien", "Yamamoto",
    "Okafor", "Lindqvist", "Haddad", "Novak", "Larsen", "Nakamura", "Singh", "Park", "Wong",
];

/// Portland-area street names; a directional prefix is added for Portland addresses.
#[rustfmt::skip]
pub(crate) const STREETS: &[&str] = &[
    "Division St", "Hawthorne Blvd", "Belmont St", "Alberta St", "Mississippi Ave", "Sandy Blvd",
    "Burnside St", "Glisan St", "Stark St", "Powell Blvd", "Foster Rd", "Woodstock Blvd",
    "Clinton St", "Killingsworth St", "Fremont St", "Broadway", "Halsey St", "Lombard St",
    "Interstate Ave", "Williams Ave", "Vancouver Ave", "Martin Luther King Jr Blvd",
    "Cesar Chavez Blvd", "Holgate Blvd", "Tacoma St", "Milwaukie Ave", "Thurman St", "Vaughn St",
    "Kearney St", "Lovejoy St", "Marshall St", "Johnson St", "Everett St", "Flanders St",
    "Irving St", "Skidmore St", "Prescott St", "Going St", "Ainsworth St", "Dekum St",
    "Rosa Parks Way", "Columbia Blvd", "Multnomah Blvd", "Capitol Hwy", "Macadam Ave",
    "Barbur Blvd", "Beaverton-Hillsdale Hwy", "Canyon Rd", "Cornell Rd", "Murray Blvd",
    "Allen Blvd", "Scholls Ferry Rd", "Boones Ferry Rd", "Kruse Way", "Country Club Rd", "Oak St",
    "Maple Ave", "Cedar Hills Blvd", "Fir St", "Alder St", "Hemlock St", "Spruce Ave",
    "Madrona Ave", "Laurelhurst Pl", "Ankeny St", "Yamhill St", "Salmon St", "Taylor St",
    "Main St", "Lincoln St", "Harrison St", "Mill St", "Orchard Way", "Riverview Dr",
    "Hillcrest Dr", "Sunnyside Rd", "Johnson Creek Blvd", "King Rd",
];

/// Portland quadrants, used as a prefix on Portland street names.
pub(crate) const QUADRANTS: &[&str] = &["N", "NE", "SE", "SW", "NW"];

/// A city of the service area, how often jobs land there, and some of its ZIP codes.
pub(crate) struct City {
    pub(crate) name: &'static str,
    pub(crate) state: &'static str,
    pub(crate) weight: u32,
    pub(crate) zips: &'static [&'static str],
}

pub(crate) const CITIES: &[City] = &[
    City {
        name: "Portland",
        state: "OR",
        weight: 48,
        zips: &[
            "97202", "97203", "97206", "97211", "97212", "97213", "97214", "97215", "97217",
            "97218", "97219", "97220", "97227", "97232", "97239", "97266",
        ],
    },
    City {
        name: "Beaverton",
        state: "OR",
        weight: 9,
        zips: &["97005", "97006", "97007", "97008"],
    },
    City {
        name: "Gresham",
        state: "OR",
        weight: 7,
        zips: &["97030", "97080"],
    },
    City {
        name: "Hillsboro",
        state: "OR",
        weight: 6,
        zips: &["97123", "97124"],
    },
    City {
        name: "Lake Oswego",
        state: "OR",
        weight: 5,
        zips: &["97034", "97035"],
    },
    City {
        name: "Tigard",
        state: "OR",
        weight: 5,
        zips: &["97223", "97224"],
    },
    City {
        name: "Milwaukie",
        state: "OR",
        weight: 4,
        zips: &["97222", "97267"],
    },
    City {
        name: "Happy Valley",
        state: "OR",
        weight: 3,
        zips: &["97086"],
    },
    City {
        name: "Oregon City",
        state: "OR",
        weight: 3,
        zips: &["97045"],
    },
    City {
        name: "Tualatin",
        state: "OR",
        weight: 2,
        zips: &["97062"],
    },
    City {
        name: "West Linn",
        state: "OR",
        weight: 2,
        zips: &["97068"],
    },
    City {
        name: "Vancouver",
        state: "WA",
        weight: 6,
        zips: &["98660", "98661", "98663", "98682"],
    },
];

pub(crate) const ACCESS_NOTES: &[&str] = &[
    "Gate code 4412#",
    "Key in lockbox by the back door, code 1937",
    "Friendly dog in the backyard; please close the gate",
    "Park in the alley, not on the street",
    "Use the side entrance; front door sticks",
    "Call on arrival; doorbell is broken",
    "Crawlspace access in the garage",
    "Tenant occupied; call the tenant 24h ahead",
    "Attic hatch in the hallway closet",
    "Shoes off please; booties appreciated",
    "Cat must not get out",
    "Water shutoff is by the front hose bib",
];

pub(crate) const CUSTOMER_NOTES: &[&str] = &[
    "Prefers morning appointments",
    "Member of the annual maintenance plan",
    "Referred by a neighbor",
    "Hard of hearing; texting works best",
    "Spanish speaker; Rosa on the team can help",
    "Asked for the same technician as last time",
    "Pays by check on site",
    "Landlord; manages several rentals",
    "Do not call before 9am",
    "Requested itemized invoices",
];
