//! Jobs and the technicians' appointments for them, scheduled without double-booking anyone.

use std::collections::HashMap;

use crate::catalog::SERVICES;
use crate::dataset::{row, Table};
use crate::dates::Day;
use crate::people::{Customer, Technician};
use crate::rng::Rng;

const JOBS: usize = 4_000;
const DAY_START: u32 = 8 * 60;
const DAY_END: u32 = 18 * 60;
/// How far back the job history goes, and how far ahead the schedule is booked.
const HISTORY_DAYS: i64 = 730;
const HORIZON_DAYS: i64 = 21;

/// A visit as booked.
#[derive(Debug, Clone)]
pub(crate) struct Visit {
    pub(crate) day: Day,
    pub(crate) start: u32,
    pub(crate) end: u32,
    tech: usize,
    status: &'static str,
}

/// What billing needs to know about a job.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    pub(crate) id: i64,
    pub(crate) customer_id: i64,
    pub(crate) service: usize,
    pub(crate) priority: &'static str,
    pub(crate) status: &'static str,
    pub(crate) visits: Vec<Visit>,
}

pub(crate) struct Work {
    pub(crate) jobs_table: Table,
    pub(crate) appointments_table: Table,
    pub(crate) jobs: Vec<Job>,
}

struct Plan {
    customer: usize,
    property_id: i64,
    service: usize,
    priority: &'static str,
    description: &'static str,
    created: (Day, u32),
    /// The day the customer asked for; `None` while the request is not scheduled yet.
    target: Option<Day>,
}

pub(crate) fn jobs(
    rng: &mut Rng,
    today: Day,
    customers: &[Customer],
    techs: &[Technician],
) -> Work {
    let mut plans: Vec<Plan> = (0..JOBS)
        .filter_map(|_| plan(rng, today, customers))
        .collect();
    plans.sort_by_key(|p| p.created); // ids follow creation order (stable: ties keep their order)

    let mut jobs_table = Table::new(
        "jobs",
        &[
            "id",
            "customer_id",
            "property_id",
            "service_type_id",
            "status",
            "priority",
            "description",
            "created_at",
            "completed_at",
        ],
    );
    let mut appointments_table = Table::new(
        "appointments",
        &[
            "id",
            "job_id",
            "technician_id",
            "service_type_id",
            "starts_at",
            "ends_at",
            "arrival_window",
            "status",
        ],
    );
    let mut scheduler = Scheduler::new(techs);
    let mut jobs = Vec::with_capacity(plans.len());
    for (i, plan) in plans.iter().enumerate() {
        let id = i as i64 + 1;
        let customer_id = customers.get(plan.customer).map_or(0, |c| c.id);
        let (visits, status) = visits(rng, today, plan, &mut scheduler);
        let completed_at = (status == "completed")
            .then(|| visits.last().map(|v| v.day.at(v.end)))
            .flatten();
        let (day, at) = plan.created;
        jobs_table.rows.push(row![
            id,
            customer_id,
            plan.property_id,
            plan.service as i64 + 1,
            status,
            plan.priority,
            plan.description,
            day.at(at),
            completed_at
        ]);
        for v in &visits {
            let tech_id = techs.get(v.tech).map_or(0, |t| t.id);
            let window = v.start / 120 * 120;
            appointments_table.rows.push(row![
                appointments_table.rows.len() as i64 + 1,
                id,
                tech_id,
                plan.service as i64 + 1,
                v.day.at(v.start),
                v.day.at(v.end),
                format!("{:02}:00-{:02}:00", window / 60, window / 60 + 2),
                v.status
            ]);
        }
        let priority = plan.priority;
        jobs.push(Job {
            id,
            customer_id,
            service: plan.service,
            priority,
            status,
            visits,
        });
    }
    Work {
        jobs_table,
        appointments_table,
        jobs,
    }
}

fn plan(rng: &mut Rng, today: Day, customers: &[Customer]) -> Option<Plan> {
    let customer = rng.index(customers.len());
    let c = customers.get(customer)?;
    // Mostly the home; sometimes another property (never before it was added).
    let &(property_id, (since, since_minute)) = match c.properties.as_slice() {
        [_, others @ ..] if !others.is_empty() && rng.chance(35) => rng.pick(others)?,
        [primary, ..] => primary,
        [] => return None,
    };
    let service = rng.weighted(&SERVICES.iter().map(|s| s.weight).collect::<Vec<_>>());
    let def = SERVICES.get(service)?;
    let priority = ["low", "normal", "high", "emergency"][rng.weighted(&[10, 75, 12, 3])];
    let description = rng.word(def.descriptions);
    let (created_day, target) = if rng.chance(4) {
        (today.add(-rng.range(0, 4)).max(since), None)
    } else {
        let first = since.add(1).max(today.add(-HISTORY_DAYS));
        let yesterday = today.add(-1);
        let target = if rng.chance(11) || first > yesterday {
            today.add(rng.range(0, HORIZON_DAYS))
        } else {
            first.add(rng.range(0, yesterday.since(first)))
        };
        let lead = if priority == "emergency" {
            0
        } else {
            rng.range(1, 14)
        };
        (target.add(-lead).min(today).max(since), Some(target))
    };
    let mut at = if target == Some(created_day) {
        rng.range(6 * 60, 8 * 60 - 1) as u32
    } else {
        rng.range(7 * 60, 19 * 60 - 1) as u32
    };
    if created_day == since {
        at = at.max(since_minute + 5);
    }
    Some(Plan {
        customer,
        property_id,
        service,
        priority,
        description,
        created: (created_day, at),
        target,
    })
}

/// Books the job's visits and derives the job's status from where they fall relative to today.
fn visits(
    rng: &mut Rng,
    today: Day,
    plan: &Plan,
    scheduler: &mut Scheduler,
) -> (Vec<Visit>, &'static str) {
    let (Some(target), Some(def)) = (plan.target, SERVICES.get(plan.service)) else {
        return (Vec::new(), "requested");
    };
    let (created_day, created_at) = plan.created;
    let earliest = if created_day == target {
        created_at + 60
    } else {
        DAY_START
    };
    let Some(first) = scheduler.book(rng, plan.service, target, earliest, def.minutes) else {
        return (Vec::new(), "requested");
    };
    let mut visits = vec![first];
    if rng.chance(def.follow_up_pct) {
        let minutes = (def.minutes / 2).div_ceil(30).max(2) * 30;
        let after = visits.last().map_or(target, |v| v.day).add(rng.range(1, 7));
        if let Some(second) = scheduler.book(rng, plan.service, after, DAY_START, minutes) {
            visits.push(second);
        }
    }
    let first_day = visits.first().map_or(target, |v| v.day);
    if rng.chance(if first_day < today { 7 } else { 4 }) {
        visits.truncate(1);
        if rng.chance(40) {
            visits.clear(); // called off before anyone was sent
        }
        for v in &mut visits {
            v.status = if v.day < today && rng.chance(30) {
                "no_show"
            } else {
                "cancelled"
            };
        }
        return (visits, "cancelled");
    }
    for v in &mut visits {
        v.status = match v.day.cmp(&today) {
            std::cmp::Ordering::Less => "completed",
            std::cmp::Ordering::Greater => "scheduled",
            std::cmp::Ordering::Equal if v.start < 10 * 60 => "in_progress",
            std::cmp::Ordering::Equal if v.start < 12 * 60 => "en_route",
            std::cmp::Ordering::Equal => "scheduled",
        };
    }
    let status = if visits.iter().all(|v| v.status == "completed") {
        "completed"
    } else if visits
        .iter()
        .any(|v| matches!(v.status, "completed" | "in_progress"))
    {
        "in_progress"
    } else {
        "scheduled"
    };
    (visits, status)
}

/// Each technician works 08:00-18:00 Monday to Saturday, one visit after another with 30
/// minutes of travel between them.
struct Scheduler<'a> {
    techs: &'a [Technician],
    /// Qualified technicians per service.
    qualified: Vec<Vec<usize>>,
    /// Next free minute per (technician, day).
    next_free: HashMap<(usize, Day), u32>,
}

impl<'a> Scheduler<'a> {
    fn new(techs: &'a [Technician]) -> Self {
        let qualified = (0..SERVICES.len())
            .map(|s| {
                (0..techs.len())
                    .filter(|&t| techs.get(t).is_some_and(|x| x.services.contains(&s)))
                    .collect()
            })
            .collect();
        Self {
            techs,
            qualified,
            next_free: HashMap::new(),
        }
    }

    /// The first slot on or after `day` (not before `earliest` on that day) with any qualified
    /// technician; technicians are tried from a random one on so work spreads evenly.
    fn book(
        &mut self,
        rng: &mut Rng,
        service: usize,
        day: Day,
        earliest: u32,
        minutes: u32,
    ) -> Option<Visit> {
        let candidates = self.qualified.get(service)?;
        for shift in 0..60 {
            let day = day.add(shift);
            if day.weekday() == 6 {
                continue; // closed on Sundays
            }
            let floor = if shift == 0 { earliest } else { DAY_START };
            let offset = rng.index(candidates.len());
            for k in 0..candidates.len() {
                let Some(&tech) = candidates.get((offset + k) % candidates.len()) else {
                    continue;
                };
                if !self.techs.get(tech).is_some_and(|t| t.works_on(day)) {
                    continue;
                }
                let free = match self.next_free.get(&(tech, day)) {
                    Some(&free) => free,
                    None => DAY_START + 30 * rng.below(3) as u32,
                };
                let start = free.max(floor).div_ceil(30) * 30;
                let end = start + minutes;
                if end <= DAY_END {
                    self.next_free.insert((tech, day), end + 30);
                    return Some(Visit {
                        day,
                        start,
                        end,
                        tech,
                        status: "scheduled",
                    });
                }
            }
        }
        None
    }
}
