//! The business's fixed catalog: trades, service types with their flat rates, parts it bills.

/// A trade; technicians have one, service types belong to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Skill {
    Plumbing,
    Hvac,
    Electrical,
    General,
}

impl Skill {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Skill::Plumbing => "plumbing",
            Skill::Hvac => "hvac",
            Skill::Electrical => "electrical",
            Skill::General => "general",
        }
    }
}

/// One service type: what it is, how long and how much, and what customers say about it.
pub(crate) struct ServiceDef {
    pub(crate) code: &'static str,
    pub(crate) name: &'static str,
    pub(crate) category: Skill,
    pub(crate) minutes: u32,
    pub(crate) price_cents: i64,
    /// Relative frequency among jobs.
    pub(crate) weight: u32,
    /// Chance (percent) that the job needs a second visit.
    pub(crate) follow_up_pct: u64,
    /// Whether general technicians may do it.
    pub(crate) general_ok: bool,
    pub(crate) descriptions: &'static [&'static str],
}

pub(crate) const SERVICES: &[ServiceDef] = &[
    ServiceDef {
        code: "PLB-LEAK",
        name: "Leak repair",
        category: Skill::Plumbing,
        minutes: 90,
        price_cents: 18_900,
        weight: 14,
        follow_up_pct: 10,
        general_ok: false,
        descriptions: &[
            "Leak under the kitchen sink",
            "Water stain on the ceiling below the upstairs bathroom",
            "Dripping shower valve",
            "Leak at the water heater connection",
            "Wet spot in the crawlspace",
        ],
    },
    ServiceDef {
        code: "PLB-DRAIN",
        name: "Drain cleaning",
        category: Skill::Plumbing,
        minutes: 60,
        price_cents: 14_900,
        weight: 16,
        follow_up_pct: 5,
        general_ok: true,
        descriptions: &[
            "Kitchen sink drains slowly",
            "Main line backing up into the basement floor drain",
            "Bathtub clogged",
            "Toilet keeps clogging",
        ],
    },
    ServiceDef {
        code: "PLB-WH",
        name: "Water heater replacement",
        category: Skill::Plumbing,
        minutes: 240,
        price_cents: 189_900,
        weight: 4,
        follow_up_pct: 25,
        general_ok: false,
        descriptions: &[
            "No hot water; 14-year-old 50 gal tank",
            "Water heater leaking from the bottom",
            "Replace tank with a tankless unit",
        ],
    },
    ServiceDef {
        code: "PLB-FIX",
        name: "Fixture installation",
        category: Skill::Plumbing,
        minutes: 120,
        price_cents: 24_900,
        weight: 7,
        follow_up_pct: 5,
        general_ok: false,
        descriptions: &[
            "Install customer-supplied kitchen faucet",
            "Replace two toilets",
            "Install a new garbage disposal",
            "Swap bathroom vanity faucet",
        ],
    },
    ServiceDef {
        code: "HVAC-TUNE",
        name: "Furnace tune-up",
        category: Skill::Hvac,
        minutes: 60,
        price_cents: 12_900,
        weight: 15,
        follow_up_pct: 3,
        general_ok: true,
        descriptions: &[
            "Annual furnace maintenance",
            "Seasonal tune-up before winter",
            "Furnace making a rattling noise",
            "Maintenance plan visit",
        ],
    },
    ServiceDef {
        code: "HVAC-AC",
        name: "AC repair",
        category: Skill::Hvac,
        minutes: 120,
        price_cents: 29_900,
        weight: 9,
        follow_up_pct: 20,
        general_ok: false,
        descriptions: &[
            "AC runs but blows warm air",
            "Outdoor unit will not start",
            "Ice on the refrigerant line",
            "Thermostat not calling for cooling",
        ],
    },
    ServiceDef {
        code: "HVAC-HP",
        name: "Heat pump installation",
        category: Skill::Hvac,
        minutes: 480,
        price_cents: 749_900,
        weight: 2,
        follow_up_pct: 60,
        general_ok: false,
        descriptions: &[
            "Replace oil furnace with a ducted heat pump",
            "Install ductless mini-split in the bonus room",
            "Heat pump install with the energy rebate",
        ],
    },
    ServiceDef {
        code: "HVAC-DUCT",
        name: "Duct cleaning",
        category: Skill::Hvac,
        minutes: 180,
        price_cents: 39_900,
        weight: 4,
        follow_up_pct: 0,
        general_ok: false,
        descriptions: &[
            "Duct cleaning after a remodel",
            "Dusty vents, allergies in the house",
            "Dryer vent and duct cleaning",
        ],
    },
    ServiceDef {
        code: "ELE-PANEL",
        name: "Electrical panel upgrade",
        category: Skill::Electrical,
        minutes: 360,
        price_cents: 249_900,
        weight: 3,
        follow_up_pct: 40,
        general_ok: false,
        descriptions: &[
            "Upgrade 100A panel to 200A",
            "Replace recalled panel",
            "Panel upgrade ahead of a heat pump install",
        ],
    },
    ServiceDef {
        code: "ELE-OUT",
        name: "Outlet and switch repair",
        category: Skill::Electrical,
        minutes: 60,
        price_cents: 13_900,
        weight: 12,
        follow_up_pct: 5,
        general_ok: true,
        descriptions: &[
            "Dead outlets in the living room",
            "GFCI in the bathroom keeps tripping",
            "Replace switches with dimmers",
            "Outlet sparks when plugging in",
        ],
    },
    ServiceDef {
        code: "ELE-EV",
        name: "EV charger installation",
        category: Skill::Electrical,
        minutes: 240,
        price_cents: 119_900,
        weight: 4,
        follow_up_pct: 15,
        general_ok: false,
        descriptions: &[
            "Install a Level 2 charger in the garage",
            "Add a 240V circuit for an EV charger",
            "Move the EV charger to the driveway side",
        ],
    },
    ServiceDef {
        code: "GEN-INSP",
        name: "Home maintenance inspection",
        category: Skill::General,
        minutes: 90,
        price_cents: 16_900,
        weight: 10,
        follow_up_pct: 0,
        general_ok: true,
        descriptions: &[
            "Annual home inspection for the maintenance plan",
            "Pre-listing inspection",
            "Check smoke and CO detectors",
            "Winterize hose bibs and check the sump pump",
        ],
    },
];

/// A billable part: description, unit price in cents, max quantity.
pub(crate) type Part = (&'static str, i64, i64);

pub(crate) fn parts(skill: Skill) -> &'static [Part] {
    match skill {
        Skill::Plumbing => &[
            ("PEX fittings", 1_200, 6),
            ("Wax ring and bolts", 899, 2),
            ("Quarter-turn shut-off valve", 2_450, 2),
            ("P-trap assembly", 1_875, 1),
            ("Braided supply line", 1_299, 4),
            ("Expansion tank", 8_900, 1),
        ],
        Skill::Hvac => &[
            ("Air filter 16x25x1", 1_899, 4),
            ("Run capacitor 45/5 MFD", 6_400, 1),
            ("R-410A refrigerant (lb)", 9_500, 3),
            ("Smart thermostat", 21_900, 1),
            ("Hot surface igniter", 8_900, 1),
            ("Condensate pump", 12_900, 1),
        ],
        Skill::Electrical => &[
            ("GFCI outlet", 2_400, 4),
            ("20A breaker", 3_800, 3),
            ("12/2 wire (ft)", 110, 60),
            ("Dimmer switch", 3_200, 4),
            ("Whole-home surge protector", 18_900, 1),
        ],
        Skill::General => &[
            ("Smoke/CO detector", 4_900, 4),
            ("Weatherstripping kit", 1_400, 2),
            ("Hose bib cover", 699, 4),
            ("Silicone caulk", 899, 3),
        ],
    }
}

/// Hourly rate billed for labour beyond the flat rate.
pub(crate) const LABOR_RATE_CENTS: i64 = 13_500;
pub(crate) const TRIP_CHARGE_CENTS: i64 = 4_900;
pub(crate) const AFTER_HOURS_CENTS: i64 = 9_900;

/// The crew: trade of each technician, in hiring order.
pub(crate) const CREW: &[Skill] = &[
    Skill::Plumbing,
    Skill::Hvac,
    Skill::Electrical,
    Skill::General,
    Skill::Plumbing,
    Skill::Hvac,
    Skill::Plumbing,
    Skill::Electrical,
    Skill::Hvac,
    Skill::Plumbing,
    Skill::General,
    Skill::Electrical,
    Skill::Hvac,
    Skill::Plumbing,
    Skill::Electrical,
    Skill::General,
    Skill::Plumbing,
    Skill::Hvac,
    Skill::Electrical,
    Skill::Plumbing,
    Skill::Hvac,
    Skill::General,
    Skill::Electrical,
    Skill::Plumbing,
    Skill::Hvac,
];

/// Technicians (by index into [`CREW`]) who have left; each trade keeps active people.
pub(crate) const DEPARTED: &[usize] = &[4, 11, 20];
