-- demo_fieldservice: the books of a small home-services business (plumbing, HVAC, electrical)
-- around Portland, Oregon.
--
-- Conventions: timestamps are the business's local wall-clock time ('YYYY-MM-DD HH:MM:SS',
-- America/Los_Angeles), dates are 'YYYY-MM-DD', money is integer cents (USD), phones are E.164.
-- Every person, phone number and e-mail address is fictional (555 numbers, example.com/.net).
--
-- Indexes: every foreign-key column leads an index. Single-column foreign keys get their own
-- idx_<table>_<column>, unless the column already leads the primary key, a UNIQUE constraint or a
-- composite index (technician_skills.technician_id, appointments.technician_id, invoices.job_id,
-- invoice_line_items.invoice_id).

PRAGMA user_version = 1;

CREATE TABLE customers (
    id                INTEGER PRIMARY KEY,
    first_name        TEXT    NOT NULL,
    last_name         TEXT    NOT NULL,
    phone             TEXT    NOT NULL UNIQUE          -- E.164, e.g. +15035550123
        CHECK (phone GLOB '+1[2-9][0-9][0-9][2-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
    email             TEXT    UNIQUE,
    preferred_contact TEXT    NOT NULL DEFAULT 'call'
        CHECK (preferred_contact IN ('call', 'sms', 'email')),
    notes             TEXT,
    created_at        TEXT    NOT NULL
);

-- Service addresses. A customer has exactly one primary property (their home) and may have more
-- (rentals, a shop).
CREATE TABLE properties (
    id            INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    street        TEXT    NOT NULL,
    unit          TEXT,
    city          TEXT    NOT NULL,
    state         TEXT    NOT NULL CHECK (length(state) = 2),
    postal_code   TEXT    NOT NULL,
    property_type TEXT    NOT NULL DEFAULT 'house'
        CHECK (property_type IN ('house', 'townhouse', 'condo', 'apartment', 'commercial')),
    access_notes  TEXT,                                -- gate codes, pets, where to park
    is_primary    INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    created_at    TEXT    NOT NULL
);

CREATE TABLE technicians (
    id                INTEGER PRIMARY KEY,
    full_name         TEXT    NOT NULL,
    phone             TEXT    NOT NULL UNIQUE,
    email             TEXT    NOT NULL UNIQUE,
    skill             TEXT    NOT NULL
        CHECK (skill IN ('plumbing', 'hvac', 'electrical', 'general')),
    hourly_rate_cents INTEGER NOT NULL CHECK (hourly_rate_cents > 0),
    hired_on          TEXT    NOT NULL,
    active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE service_types (
    id                       INTEGER PRIMARY KEY,
    code                     TEXT    NOT NULL UNIQUE,  -- e.g. 'PLB-LEAK'
    name                     TEXT    NOT NULL,
    category                 TEXT    NOT NULL
        CHECK (category IN ('plumbing', 'hvac', 'electrical', 'general')),
    default_duration_minutes INTEGER NOT NULL CHECK (default_duration_minutes > 0),
    base_price_cents         INTEGER NOT NULL CHECK (base_price_cents >= 0)  -- flat rate
);

-- Which technician is certified for which service type.
CREATE TABLE technician_skills (
    technician_id   INTEGER NOT NULL REFERENCES technicians (id) ON DELETE CASCADE,
    service_type_id INTEGER NOT NULL REFERENCES service_types (id),
    certified_on    TEXT    NOT NULL,
    PRIMARY KEY (technician_id, service_type_id)
);

-- A request for work at one property.
CREATE TABLE jobs (
    id              INTEGER PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES customers (id),
    property_id     INTEGER NOT NULL REFERENCES properties (id),
    service_type_id INTEGER NOT NULL REFERENCES service_types (id),
    status          TEXT    NOT NULL DEFAULT 'requested'
        CHECK (status IN ('requested', 'scheduled', 'in_progress', 'completed', 'cancelled')),
    priority        TEXT    NOT NULL DEFAULT 'normal'
        CHECK (priority IN ('low', 'normal', 'high', 'emergency')),
    description     TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    completed_at    TEXT,
    CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);

-- A technician's visit for a job; a job may need several visits.
CREATE TABLE appointments (
    id              INTEGER PRIMARY KEY,
    job_id          INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    technician_id   INTEGER NOT NULL REFERENCES technicians (id),
    service_type_id INTEGER NOT NULL,
    starts_at       TEXT    NOT NULL,
    ends_at         TEXT    NOT NULL,
    arrival_window  TEXT    NOT NULL,                  -- promised to the customer, '08:00-10:00'
    status          TEXT    NOT NULL DEFAULT 'scheduled'
        CHECK (status IN ('scheduled', 'en_route', 'in_progress', 'completed', 'cancelled',
                          'no_show')),
    CHECK (ends_at > starts_at),
    -- The technician sent must be certified for the service performed.
    FOREIGN KEY (technician_id, service_type_id)
        REFERENCES technician_skills (technician_id, service_type_id)
);

-- One invoice per job. Drafts get their number when created but have no issue or due date yet.
CREATE TABLE invoices (
    id          INTEGER PRIMARY KEY,
    job_id      INTEGER NOT NULL UNIQUE REFERENCES jobs (id),
    customer_id INTEGER NOT NULL REFERENCES customers (id),
    number      TEXT    NOT NULL UNIQUE,               -- 'INV-2026-00001'
    status      TEXT    NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'sent', 'paid', 'overdue', 'void')),
    issued_on   TEXT,
    due_on      TEXT,
    total_cents INTEGER NOT NULL DEFAULT 0 CHECK (total_cents >= 0),
    CHECK (status = 'draft' OR (issued_on IS NOT NULL AND due_on IS NOT NULL AND due_on >= issued_on))
);

CREATE TABLE invoice_line_items (
    id               INTEGER PRIMARY KEY,
    invoice_id       INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    line_no          INTEGER NOT NULL CHECK (line_no > 0),
    description      TEXT    NOT NULL,
    quantity         INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
    unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
    UNIQUE (invoice_id, line_no)
);

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    invoice_id   INTEGER NOT NULL REFERENCES invoices (id),
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    method       TEXT    NOT NULL CHECK (method IN ('card', 'ach', 'cash', 'check')),
    reference    TEXT,                                 -- card last four, ACH trace or check number
    paid_at      TEXT    NOT NULL
);

CREATE INDEX idx_customers_last_name_first_name ON customers (last_name, first_name);
CREATE INDEX idx_properties_customer_id ON properties (customer_id);
CREATE UNIQUE INDEX idx_properties_one_primary ON properties (customer_id) WHERE is_primary = 1;
CREATE INDEX idx_technician_skills_service_type_id ON technician_skills (service_type_id);
CREATE INDEX idx_jobs_customer_id ON jobs (customer_id);
CREATE INDEX idx_jobs_property_id ON jobs (property_id);
CREATE INDEX idx_jobs_service_type_id ON jobs (service_type_id);
CREATE INDEX idx_jobs_status ON jobs (status);
CREATE INDEX idx_appointments_job_id ON appointments (job_id);
CREATE INDEX idx_appointments_technician_id_starts_at ON appointments (technician_id, starts_at);
CREATE INDEX idx_appointments_technician_id_service_type_id
    ON appointments (technician_id, service_type_id);
CREATE INDEX idx_appointments_starts_at ON appointments (starts_at);
CREATE INDEX idx_invoices_customer_id ON invoices (customer_id);
CREATE INDEX idx_invoices_status ON invoices (status);
CREATE INDEX idx_payments_invoice_id ON payments (invoice_id);

-- Visits from today on (the database's clock, local time) that are still going to happen.
CREATE VIEW upcoming_appointments AS
SELECT a.id                                AS appointment_id,
       a.starts_at,
       a.ends_at,
       a.arrival_window,
       a.status,
       j.id                                AS job_id,
       j.priority,
       st.name                             AS service_name,
       c.id                                AS customer_id,
       c.first_name || ' ' || c.last_name  AS customer_name,
       c.phone                             AS customer_phone,
       p.street,
       p.unit,
       p.city,
       p.state,
       p.postal_code,
       p.access_notes,
       t.id                                AS technician_id,
       t.full_name                         AS technician_name
FROM appointments AS a
JOIN jobs AS j           ON j.id = a.job_id
JOIN customers AS c      ON c.id = j.customer_id
JOIN properties AS p     ON p.id = j.property_id
JOIN service_types AS st ON st.id = a.service_type_id
JOIN technicians AS t    ON t.id = a.technician_id
WHERE a.starts_at >= date('now', 'localtime')
  AND a.status IN ('scheduled', 'en_route', 'in_progress');

-- Invoices the customer still owes money on, with how to reach them.
CREATE VIEW open_invoices AS
SELECT i.id                                AS invoice_id,
       i.number,
       i.status,
       i.issued_on,
       i.due_on,
       i.total_cents,
       COALESCE(pp.paid_cents, 0)          AS paid_cents,
       i.total_cents - COALESCE(pp.paid_cents, 0) AS balance_cents,
       c.id                                AS customer_id,
       c.first_name || ' ' || c.last_name  AS customer_name,
       c.phone                             AS customer_phone,
       c.email                             AS customer_email
FROM invoices AS i
JOIN customers AS c ON c.id = i.customer_id
LEFT JOIN (SELECT invoice_id, SUM(amount_cents) AS paid_cents
           FROM payments
           GROUP BY invoice_id) AS pp ON pp.invoice_id = i.id
WHERE i.status IN ('sent', 'overdue');
