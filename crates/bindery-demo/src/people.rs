//! Customers and their properties, the crew, and the service catalog.

use std::collections::HashSet;

use crate::catalog::{Skill, CREW, DEPARTED, SERVICES};
use crate::dataset::{row, Table};
use crate::dates::Day;
use crate::names::{
    ACCESS_NOTES, CITIES, CUSTOMER_NOTES, FIRST_NAMES, LAST_NAMES, QUADRANTS, STREETS,
};
use crate::rng::Rng;

const CUSTOMERS: usize = 1_200;

/// What later tables need to know about a customer.
#[derive(Debug, Clone)]
pub(crate) struct Customer {
    pub(crate) id: i64,
    pub(crate) created: Day,
    pub(crate) created_minute: u32,
    /// Property ids with when they were added, the primary one first.
    pub(crate) properties: Vec<(i64, (Day, u32))>,
}

/// What later tables need to know about a technician.
#[derive(Debug, Clone)]
pub(crate) struct Technician {
    pub(crate) id: i64,
    pub(crate) hired: Day,
    /// First day no longer employed.
    pub(crate) left: Option<Day>,
    /// Indexes into [`SERVICES`] this technician is certified for.
    pub(crate) services: Vec<usize>,
}

impl Technician {
    pub(crate) fn works_on(&self, day: Day) -> bool {
        day >= self.hired && self.left.is_none_or(|left| day < left)
    }
}

pub(crate) fn customers(rng: &mut Rng, today: Day) -> (Table, Vec<Customer>) {
    let mut table = Table::new(
        "customers",
        &[
            "id",
            "first_name",
            "last_name",
            "phone",
            "email",
            "preferred_contact",
            "notes",
            "created_at",
        ],
    );
    let mut created: Vec<(Day, u32)> = (0..CUSTOMERS)
        .map(|_| {
            let back = if rng.chance(70) {
                rng.range(731, 2_200)
            } else {
                rng.range(7, 730)
            };
            (today.add(-back), minute(rng, 8 * 60, 18 * 60))
        })
        .collect();
    created.sort_unstable();
    let phones = customer_phones(rng, CUSTOMERS);
    let mut emails = HashSet::new();
    let mut customers = Vec::with_capacity(CUSTOMERS);
    for (i, ((day, at), phone)) in created.into_iter().zip(phones).enumerate() {
        let id = i as i64 + 1;
        let first = rng.word(FIRST_NAMES);
        let last = rng.word(LAST_NAMES);
        let email = rng
            .chance(85)
            .then(|| customer_email(rng, &mut emails, first, last));
        let contact = if email.is_some() {
            ["call", "sms", "email"][rng.weighted(&[45, 35, 20])]
        } else {
            ["call", "sms"][rng.weighted(&[60, 40])]
        };
        let notes = rng.chance(12).then(|| rng.word(CUSTOMER_NOTES));
        table.rows.push(row![
            id,
            first,
            last,
            phone,
            email,
            contact,
            notes,
            day.at(at)
        ]);
        customers.push(Customer {
            id,
            created: day,
            created_minute: at,
            properties: Vec::new(),
        });
    }
    (table, customers)
}

/// Unique fictional numbers: 555 exchanges in three local area codes, never 555-01XX (staff).
fn customer_phones(rng: &mut Rng, count: usize) -> Vec<String> {
    let mut pool = Vec::new();
    for (area, last) in [(503_u32, 10_000_u32), (971, 5_000), (360, 2_000)] {
        pool.extend(
            (0..last)
                .filter(|n| !(100..200).contains(n))
                .map(|n| (area, n)),
        );
    }
    rng.sample(pool, count)
        .into_iter()
        .map(|(area, n)| format!("+1{area}555{n:04}"))
        .collect()
}

fn slug(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn customer_email(rng: &mut Rng, taken: &mut HashSet<String>, first: &str, last: &str) -> String {
    let (f, l) = (slug(first), slug(last));
    let initial: String = f.chars().take(1).collect();
    let local = match rng.weighted(&[50, 20, 20, 10]) {
        0 => format!("{f}.{l}"),
        1 => format!("{f}{l}"),
        2 => format!("{initial}{l}"),
        _ => format!("{f}.{l}{}", rng.range(60, 99)),
    };
    let domain = if rng.chance(70) {
        "example.com"
    } else {
        "example.net"
    };
    unique(taken, |n| match n {
        0 => format!("{local}@{domain}"),
        n => format!("{local}{}@{domain}", n + 1),
    })
}

/// The first candidate not yet taken (and takes it). Candidates must differ for each `n`.
fn unique(taken: &mut HashSet<String>, candidate: impl Fn(u32) -> String) -> String {
    let mut n = 0;
    loop {
        let value = candidate(n);
        if taken.insert(value.clone()) {
            return value;
        }
        n += 1;
    }
}

fn minute(rng: &mut Rng, from: u32, to: u32) -> u32 {
    rng.range(i64::from(from), i64::from(to) - 1) as u32
}

struct PropertyDraft {
    customer: usize,
    created: (Day, u32),
    primary: bool,
}

pub(crate) fn properties(rng: &mut Rng, today: Day, customers: &mut [Customer]) -> Table {
    let mut table = Table::new(
        "properties",
        &[
            "id",
            "customer_id",
            "street",
            "unit",
            "city",
            "state",
            "postal_code",
            "property_type",
            "access_notes",
            "is_primary",
            "created_at",
        ],
    );
    let mut drafts = Vec::new();
    for (i, c) in customers.iter().enumerate() {
        let count = 1 + rng.weighted(&[78, 17, 5]);
        drafts.push(PropertyDraft {
            customer: i,
            created: (c.created, c.created_minute),
            primary: true,
        });
        for _ in 1..count {
            let later = c.created.add(rng.range(1, today.since(c.created).max(1)));
            let at = minute(rng, 8 * 60, 18 * 60);
            drafts.push(PropertyDraft {
                customer: i,
                created: (later, at),
                primary: false,
            });
        }
    }
    drafts.sort_by_key(|d| (d.created, d.customer));
    for (i, draft) in drafts.iter().enumerate() {
        let id = i as i64 + 1;
        let Some(customer) = customers.get_mut(draft.customer) else {
            continue;
        };
        customer.properties.push((id, draft.created));
        let kind = if draft.primary {
            ["house", "townhouse", "condo", "apartment"][rng.weighted(&[65, 10, 12, 13])]
        } else {
            ["house", "commercial", "condo", "apartment"][rng.weighted(&[40, 30, 15, 15])]
        };
        let unit = match kind {
            "condo" => Some(format!("Unit {}", rng.range(101, 420))),
            "apartment" => Some(format!(
                "Apt {}{}",
                rng.range(1, 40),
                rng.word(&["A", "B", "C", "D"])
            )),
            "commercial" if rng.chance(60) => Some(format!("Suite {}", rng.range(1, 3) * 100)),
            _ => None,
        };
        let city = CITIES.get(rng.weighted(&CITIES.iter().map(|c| c.weight).collect::<Vec<_>>()));
        let (city_name, state, zips) =
            city.map_or(("Portland", "OR", &[][..]), |c| (c.name, c.state, c.zips));
        let street = if city_name == "Portland" {
            format!(
                "{} {} {}",
                rng.range(100, 18_999),
                rng.word(QUADRANTS),
                rng.word(STREETS)
            )
        } else {
            format!("{} {}", rng.range(100, 18_999), rng.word(STREETS))
        };
        let zip = rng.word(zips);
        let access = rng.chance(30).then(|| rng.word(ACCESS_NOTES));
        let (day, at) = draft.created;
        table.rows.push(row![
            id,
            customer.id,
            street,
            unit,
            city_name,
            state,
            zip,
            kind,
            access,
            draft.primary,
            day.at(at)
        ]);
    }
    table
}

pub(crate) fn technicians(rng: &mut Rng, today: Day) -> (Table, Vec<Technician>) {
    let mut table = Table::new(
        "technicians",
        &[
            "id",
            "full_name",
            "phone",
            "email",
            "skill",
            "hourly_rate_cents",
            "hired_on",
            "active",
        ],
    );
    let mut backs: Vec<i64> = CREW.iter().map(|_| rng.range(1_100, 3_650)).collect();
    backs.sort_unstable_by(|a, b| b.cmp(a)); // in hiring order
    let phones = rng.sample((100..200).collect::<Vec<u32>>(), CREW.len());
    let mut emails = HashSet::new();
    let mut techs = Vec::with_capacity(CREW.len());
    for (i, ((&skill, back), phone)) in CREW.iter().zip(backs).zip(phones).enumerate() {
        let id = i as i64 + 1;
        let first = rng.word(FIRST_NAMES);
        let last = rng.word(LAST_NAMES);
        let local = format!("{}.{}", slug(first), slug(last));
        let email = unique(&mut emails, |n| match n {
            0 => format!("{local}@example.net"),
            n => format!("{local}{}@example.net", n + 1),
        });
        let rate = match skill {
            Skill::General => rng.range(64, 84),
            _ => rng.range(76, 118),
        } * 50;
        let hired = today.add(-back);
        let left = DEPARTED
            .contains(&i)
            .then(|| today.add(-rng.range(60, 300)));
        table.rows.push(row![
            id,
            format!("{first} {last}"),
            format!("+1503555{phone:04}"),
            email,
            skill.as_str(),
            rate,
            hired.to_string(),
            left.is_none()
        ]);
        techs.push(Technician {
            id,
            hired,
            left,
            services: Vec::new(),
        });
    }
    (table, techs)
}

pub(crate) fn service_types() -> Table {
    let mut table = Table::new(
        "service_types",
        &[
            "id",
            "code",
            "name",
            "category",
            "default_duration_minutes",
            "base_price_cents",
        ],
    );
    for (i, s) in SERVICES.iter().enumerate() {
        table.rows.push(row![
            i as i64 + 1,
            s.code,
            s.name,
            s.category.as_str(),
            i64::from(s.minutes),
            s.price_cents
        ]);
    }
    table
}

/// Certifies each technician for their trade's services (general technicians for the simple
/// ones), with some cross-training in home inspections.
pub(crate) fn technician_skills(rng: &mut Rng, techs: &mut [Technician]) -> Table {
    let mut table = Table::new(
        "technician_skills",
        &["technician_id", "service_type_id", "certified_on"],
    );
    for (tech, &skill) in techs.iter_mut().zip(CREW) {
        let cross_trained = skill != Skill::General && rng.chance(25);
        for (s, def) in SERVICES.iter().enumerate() {
            let certified = if skill == Skill::General {
                def.general_ok
            } else {
                def.category == skill || (cross_trained && def.category == Skill::General)
            };
            if certified {
                tech.services.push(s);
                let on = tech.hired.add(rng.range(0, 300));
                table.rows.push(row![tech.id, s as i64 + 1, on.to_string()]);
            }
        }
    }
    table
}
