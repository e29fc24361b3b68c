//! The generated rows, held in memory as plain values before they are written.

use crate::dates::Day;
use crate::rng::Rng;
use crate::{billing, people, work};

/// One SQL value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Value {
    Int(i64),
    Text(String),
    Null,
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Int(v)
    }
}

impl From<bool> for Value {
    fn from(v: bool) -> Self {
        Value::Int(i64::from(v))
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Value::Text(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Value::Text(v.to_owned())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}

/// Builds a row from values of mixed types.
macro_rules! row {
    ($($value:expr),* $(,)?) => {
        vec![$($crate::dataset::Value::from($value)),*]
    };
}
pub(crate) use row;

/// The rows of one table, columns in insert order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    pub(crate) name: &'static str,
    pub(crate) columns: &'static [&'static str],
    pub(crate) rows: Vec<Vec<Value>>,
}

impl Table {
    pub(crate) fn new(name: &'static str, columns: &'static [&'static str]) -> Self {
        Self {
            name,
            columns,
            rows: Vec::new(),
        }
    }
}

/// Every table's rows, parents before children (the order they must be inserted in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dataset {
    pub(crate) tables: Vec<Table>,
}

impl Dataset {
    pub(crate) fn row_count(&self) -> u64 {
        self.tables.iter().map(|t| t.rows.len() as u64).sum()
    }
}

/// Generates the whole dataset: a pure function of `seed` and `today`.
pub(crate) fn build(seed: u64, today: Day) -> Dataset {
    let mut rng = Rng::new(seed);
    let (customers_table, mut customers) = people::customers(&mut rng, today);
    let properties_table = people::properties(&mut rng, today, &mut customers);
    let (technicians_table, mut technicians) = people::technicians(&mut rng, today);
    let service_types_table = people::service_types();
    let skills_table = people::technician_skills(&mut rng, &mut technicians);
    let work = work::jobs(&mut rng, today, &customers, &technicians);
    let billing = billing::invoices(&mut rng, today, &work.jobs);
    Dataset {
        tables: vec![
            customers_table,
            properties_table,
            technicians_table,
            service_types_table,
            skills_table,
            work.jobs_table,
            work.appointments_table,
            billing.invoices,
            billing.line_items,
            billing.payments,
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::{build, Value};
    use crate::dates::Day;

    fn today() -> Day {
        Day::parse("2026-03-10").expect("valid date")
    }

    #[test]
    fn rows_match_their_columns() {
        let data = build(42, today());
        for table in &data.tables {
            assert!(!table.rows.is_empty(), "{} is empty", table.name);
            for row in &table.rows {
                assert_eq!(
                    row.len(),
                    table.columns.len(),
                    "row width in {}",
                    table.name
                );
            }
        }
    }

    #[test]
    fn same_seed_same_data_other_seed_other_data() {
        assert_eq!(build(7, today()), build(7, today()));
        assert_ne!(build(7, today()), build(8, today()));
    }

    #[test]
    fn paid_invoices_are_paid_in_full() {
        let data = build(3, today());
        let table = |name: &str| {
            data.tables
                .iter()
                .find(|t| t.name == name)
                .expect("table exists")
        };
        let int = |v: Option<&Value>| match v {
            Some(Value::Int(i)) => *i,
            _ => -1,
        };
        let mut paid = std::collections::HashMap::<i64, i64>::new();
        for row in &table("payments").rows {
            *paid.entry(int(row.get(1))).or_default() += int(row.get(2));
        }
        for row in &table("invoices").rows {
            let (id, total) = (int(row.first()), int(row.get(7)));
            let got = paid.get(&id).copied().unwrap_or(0);
            match row.get(4) {
                Some(Value::Text(s)) if s == "paid" => assert_eq!(got, total, "invoice {id}"),
                _ => assert!(got < total || total == 0 && got == 0, "invoice {id}"),
            }
        }
    }
}
