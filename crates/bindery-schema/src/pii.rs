//! The shared PII/sensitive classifier: one function every source kind applies to its fields, so
//! a phone number is `contact` whether it came from SQLite, OpenAPI or GraphQL.

use serde::{Deserialize, Serialize};

/// Personal-data class of a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PiiClass {
    /// Not personal data, as far as the name tells.
    None,
    /// Phone, email, a person's name.
    Contact,
    /// Street address, postal code.
    Address,
    /// Passport, national id, tax id, driver's licence.
    GovernmentId,
    /// Card, bank account, IBAN.
    Financial,
    /// Medical data.
    Health,
    /// Passwords, tokens, keys.
    Credential,
    /// Date of birth.
    Dob,
}

impl PiiClass {
    /// Classes whose fields are sensitive: never projected or written without an explicit,
    /// recorded override.
    pub fn is_sensitive(self) -> bool {
        matches!(
            self,
            PiiClass::GovernmentId
                | PiiClass::Financial
                | PiiClass::Health
                | PiiClass::Credential
                | PiiClass::Dob
        )
    }
}

/// Classifies a field by its name (and format, when the source gives one, such as `email`).
/// Returns the class and whether the field is sensitive.
pub fn classify(name: &str, format: Option<&str>) -> (PiiClass, bool) {
    let class = classify_class(name, format);
    (class, class.is_sensitive())
}

fn classify_class(name: &str, format: Option<&str>) -> PiiClass {
    match format {
        Some("email") | Some("e164") | Some("phone") => return PiiClass::Contact,
        Some("password") => return PiiClass::Credential,
        _ => {}
    }
    let words = split_words(name);
    let has = |w: &str| words.iter().any(|x| x == w);
    let joined = words.join("_");
    // `pair` as the whole name, at its end, or followed by `_` (no allocation: this runs for
    // every field of every schema).
    let has_pair = |pair: &str| {
        joined.ends_with(pair)
            || joined
                .match_indices(pair)
                .any(|(at, _)| joined[at + pair.len()..].starts_with('_'))
    };

    if has("password")
        || has("passwd")
        || has("secret")
        || has("token")
        || has("apikey")
        || has_pair("api_key")
        || has_pair("private_key")
        || has("salt")
        || has_pair("password_hash")
    {
        return PiiClass::Credential;
    }
    if has("ssn")
        || has("passport")
        || has_pair("national_id")
        || has_pair("tax_id")
        || has_pair("driver_license")
        || has_pair("drivers_license")
        || has("sin")
        || has("nin")
    {
        return PiiClass::GovernmentId;
    }
    if has("iban")
        || has("bic")
        || has_pair("card_number")
        || has_pair("credit_card")
        || has_pair("account_number")
        || has_pair("routing_number")
        || has("cvv")
        || has("cvc")
    {
        return PiiClass::Financial;
    }
    if has("dob")
        || has_pair("birth_date")
        || has_pair("date_of_birth")
        || has("birthday")
        || has("birthdate")
    {
        return PiiClass::Dob;
    }
    if has("diagnosis") || has("medical") || has("health") || has("allergies") || has("medication")
    {
        return PiiClass::Health;
    }
    if has("email")
        || has("phone")
        || has("mobile")
        || has("fax")
        || has_pair("first_name")
        || has_pair("last_name")
        || has_pair("full_name")
        || has("firstname")
        || has("lastname")
        || has_pair("contact_name")
        || has_pair("customer_name")
        || has("telephone")
    {
        return PiiClass::Contact;
    }
    if has("address")
        || has("street")
        || has("postcode")
        || has_pair("postal_code")
        || has_pair("zip_code")
        || has("zip")
        || has("address1")
        || has("address2")
    {
        return PiiClass::Address;
    }
    PiiClass::None
}

/// Splits `billingAddress`, `billing_address`, `Billing-Address` into lowercase words.
fn split_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut prev_lower = false;
    for ch in name.chars() {
        if ch == '_' || ch == '-' || ch == '.' || ch == ' ' {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            prev_lower = false;
            continue;
        }
        if ch.is_uppercase() && prev_lower && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        prev_lower = ch.is_lowercase() || ch.is_ascii_digit();
        current.extend(ch.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_common_names() {
        let cases = [
            ("phone", PiiClass::Contact),
            ("customerEmail", PiiClass::Contact),
            ("first_name", PiiClass::Contact),
            ("street_address", PiiClass::Address),
            ("postal_code", PiiClass::Address),
            ("ssn", PiiClass::GovernmentId),
            ("card_number", PiiClass::Financial),
            ("date_of_birth", PiiClass::Dob),
            ("password_hash", PiiClass::Credential),
            ("api_key", PiiClass::Credential),
            ("status", PiiClass::None),
            ("customer_id", PiiClass::None),
            ("name", PiiClass::None),
        ];
        for (name, expected) in cases {
            assert_eq!(classify(name, None).0, expected, "field name {name:?}");
        }
    }

    #[test]
    fn sensitive_follows_class() {
        assert!(classify("password", None).1, "credentials are sensitive");
        assert!(
            !classify("phone", None).1,
            "contact data is PII but not sensitive"
        );
    }

    #[test]
    fn format_wins_over_name() {
        assert_eq!(
            classify("contact", Some("email")).0,
            PiiClass::Contact,
            "email format"
        );
    }
}
