//! Invoices for finished (and some ongoing) jobs, their line items, and the payments against them.

use std::collections::HashMap;

use crate::catalog::{parts, AFTER_HOURS_CENTS, LABOR_RATE_CENTS, SERVICES, TRIP_CHARGE_CENTS};
use crate::dataset::{row, Table};
use crate::dates::Day;
use crate::rng::Rng;
use crate::work::Job;

pub(crate) struct Billing {
    pub(crate) invoices: Table,
    pub(crate) line_items: Table,
    pub(crate) payments: Table,
}

struct Draft {
    job_id: i64,
    customer_id: i64,
    status: &'static str,
    /// Issue and due dates; `None` for drafts.
    dates: Option<(Day, Day)>,
    /// When the work ended: (day, minute).
    done: (Day, u32),
    lines: Vec<(String, i64, i64)>,
}

impl Draft {
    fn total(&self) -> i64 {
        self.lines.iter().map(|(_, qty, price)| qty * price).sum()
    }
}

struct Payment {
    paid: (Day, u32),
    invoice_id: i64,
    amount: i64,
    method: &'static str,
    reference: Option<String>,
}

pub(crate) fn invoices(rng: &mut Rng, today: Day, jobs: &[Job]) -> Billing {
    let mut drafts: Vec<Draft> = jobs
        .iter()
        .filter_map(|job| draft(rng, today, job))
        .collect();
    // Invoices are numbered per year in the order they were issued; drafts come last.
    drafts.sort_by_key(|d| (d.dates.map_or(today, |(issued, _)| issued), d.job_id));

    let mut invoices = Table::new(
        "invoices",
        &[
            "id",
            "job_id",
            "customer_id",
            "number",
            "status",
            "issued_on",
            "due_on",
            "total_cents",
        ],
    );
    let mut line_items = Table::new(
        "invoice_line_items",
        &[
            "id",
            "invoice_id",
            "line_no",
            "description",
            "quantity",
            "unit_price_cents",
        ],
    );
    let mut payments = Vec::new();
    let mut per_year: HashMap<i64, u32> = HashMap::new();
    for (i, d) in drafts.iter().enumerate() {
        let id = i as i64 + 1;
        let year = d.dates.map_or(today, |(issued, _)| issued).year();
        let seq = per_year.entry(year).or_insert(0);
        *seq += 1;
        let total = d.total();
        invoices.rows.push(row![
            id,
            d.job_id,
            d.customer_id,
            format!("INV-{year}-{seq:05}"),
            d.status,
            d.dates.map(|(issued, _)| issued.to_string()),
            d.dates.map(|(_, due)| due.to_string()),
            total
        ]);
        for (n, (description, qty, price)) in d.lines.iter().enumerate() {
            let line_id = line_items.rows.len() as i64 + 1;
            line_items.rows.push(row![
                line_id,
                id,
                n as i64 + 1,
                description.as_str(),
                *qty,
                *price
            ]);
        }
        pay(rng, today, d, id, total, &mut payments);
    }

    payments.sort_by_key(|p| (p.paid, p.invoice_id));
    let mut payments_table = Table::new(
        "payments",
        &[
            "id",
            "invoice_id",
            "amount_cents",
            "method",
            "reference",
            "paid_at",
        ],
    );
    for (i, p) in payments.into_iter().enumerate() {
        let (day, at) = p.paid;
        payments_table.rows.push(row![
            i as i64 + 1,
            p.invoice_id,
            p.amount,
            p.method,
            p.reference,
            day.at(at)
        ]);
    }
    Billing {
        invoices,
        line_items,
        payments: payments_table,
    }
}

/// The invoice for a job, if it has one: every completed job, half of those in progress (drafts).
fn draft(rng: &mut Rng, today: Day, job: &Job) -> Option<Draft> {
    let def = SERVICES.get(job.service)?;
    let last = job.visits.last()?;
    let done = (last.day, last.end);
    let (status, dates) = match job.status {
        "completed" => {
            let issued = last.day.add(rng.range(0, 2)).min(today);
            let due = issued.add(if rng.chance(20) { 15 } else { 30 });
            // Long past due: almost everyone paid; a few are still being chased.
            let paid_pct = match today.since(due) {
                91.. => 98,
                1..=90 => 85,
                _ => 55,
            };
            let status = if rng.chance(2) {
                "void"
            } else if rng.chance(paid_pct) {
                "paid"
            } else if due < today {
                "overdue"
            } else {
                "sent"
            };
            (status, Some((issued, due)))
        }
        "in_progress" if rng.chance(50) => ("draft", None),
        _ => return None,
    };
    let mut lines = vec![(format!("{} (flat rate)", def.name), 1, def.price_cents)];
    let count = rng.weighted(&[35, 40, 20, 5]);
    for &(part, price, max_qty) in rng.sample(parts(def.category).to_vec(), count).iter() {
        lines.push((part.to_owned(), rng.range(1, max_qty), price));
    }
    if rng.chance(25) {
        lines.push((
            "Additional labor (hours)".to_owned(),
            rng.range(1, 3),
            LABOR_RATE_CENTS,
        ));
    }
    if rng.chance(20) {
        lines.push(("Trip charge".to_owned(), 1, TRIP_CHARGE_CENTS));
    }
    if job.priority == "emergency" {
        lines.push((
            "After-hours / emergency surcharge".to_owned(),
            1,
            AFTER_HOURS_CENTS,
        ));
    }
    Some(Draft {
        job_id: job.id,
        customer_id: job.customer_id,
        status,
        dates,
        done,
        lines,
    })
}

/// Payments for an invoice: paid ones in full (sometimes a deposit, then the balance), some
/// open ones in part; never after today.
fn pay(rng: &mut Rng, today: Day, d: &Draft, invoice_id: i64, total: i64, out: &mut Vec<Payment>) {
    let Some((issued, due)) = d.dates else { return };
    let window = due.min(today).since(issued).max(0);
    let mut amounts = Vec::new();
    match d.status {
        "paid" if total >= 20_000 && rng.chance(15) => {
            let deposit = total * rng.range(30, 50) / 100 / 100 * 100;
            amounts.push((issued, deposit));
            amounts.push((issued.add(rng.range(0, window)), total - deposit));
        }
        "paid" => amounts.push((issued.add(rng.range(0, window)), total)),
        "sent" | "overdue" if rng.chance(15) => {
            let part = total * rng.range(20, 50) / 100 / 100 * 100;
            amounts.push((issued.add(rng.range(0, window)), part));
        }
        _ => {}
    }
    for (day, amount) in amounts {
        let (done_day, done_at) = d.done;
        let from = if day == done_day { done_at } else { 8 * 60 };
        let at = rng.range(i64::from(from), i64::from(from.max(21 * 60))) as u32;
        let method = ["card", "ach", "cash", "check"][rng.weighted(&[60, 15, 10, 15])];
        let reference = match method {
            "card" => {
                let brand = rng.word(&["visa", "mastercard", "amex", "discover"]);
                Some(format!("{brand} ****{:04}", rng.below(10_000)))
            }
            "ach" => Some(format!("ACH {:09}", rng.below(1_000_000_000))),
            "check" => Some(format!("check #{}", rng.range(1_001, 9_999))),
            _ => None,
        };
        out.push(Payment {
            paid: (day, at),
            invoice_id,
            amount,
            method,
            reference,
        });
    }
}
