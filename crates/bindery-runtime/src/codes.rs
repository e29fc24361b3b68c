//! The runtime's diagnostic codes: the one documented list. Codes are stable; messages are not.

use crate::outcome::Severity;

macro_rules! run_codes {
    ($($variant:ident => $code:literal, $severity:ident, $meaning:literal;)*) => {
        /// Every code a run can give.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum RunCode {
            $(
                #[doc = $meaning]
                $variant,
            )*
        }

        impl RunCode {
            /// Every code, in documentation order.
            pub const ALL: &'static [RunCode] = &[$(RunCode::$variant),*];

            /// The stable code text.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(RunCode::$variant => $code,)*
                }
            }

            /// How serious a diagnostic with this code is.
            pub fn severity(self) -> Severity {
                match self {
                    $(RunCode::$variant => Severity::$severity,)*
                }
            }

            /// What it means, for documentation.
            pub fn meaning(self) -> &'static str {
                match self {
                    $(RunCode::$variant => $meaning,)*
                }
            }
        }
    };
}

run_codes! {
    InputMissing => "runtime/input-missing", Error,
        "A parameter the skill needs was not given and has no default.";
    InputType => "runtime/input-type", Error,
        "A value does not have the parameter's type, format, pattern or allowed values.";
    InputUnknown => "runtime/input-unknown", Error,
        "A value was given for a parameter the skill does not use.";
    TransformFailed => "runtime/transform-failed", Error,
        "A named transform could not read the value (a phone number without digits, a date it cannot understand).";
    ConfirmationRequired => "runtime/confirmation-required", Info,
        "A write was not confirmed: this is a dry run, nothing was sent.";
    PlanInvalid => "runtime/plan-invalid", Error,
        "The compiled plan cannot be run (a path placeholder without a value, a dialect that does not match the connection).";
    NoBaseUrl => "runtime/no-base-url", Error,
        "The provider has no base URL to send REST requests to.";
    CredentialsUnavailable => "runtime/credentials-unavailable", Error,
        "The provider's credentials could not be opened or refreshed.";
    Unreachable => "runtime/unreachable", Error,
        "The provider could not be reached (connection refused, DNS, TLS).";
    Timeout => "runtime/timeout", Error,
        "The provider did not answer within the time limit (HTTP timeout or SQL statement timeout).";
    HttpStatus => "runtime/http-status", Error,
        "The provider answered with an HTTP error status.";
    ResponseTooLarge => "runtime/response-too-large", Error,
        "The answer is larger than the cap; it was cut and not projected.";
    ResponseNotJson => "runtime/response-not-json", Error,
        "The answer is not JSON, so it cannot be projected.";
    GraphqlErrors => "runtime/graphql-errors", Error,
        "The GraphQL answer has `errors`.";
    UserErrors => "runtime/user-errors", Error,
        "The mutation answered with `userErrors`: the provider refused the input.";
    SqlError => "runtime/sql-error", Error,
        "The database refused the statement (constraint, permission, type).";
    NoRowWritten => "runtime/no-row-written", Error,
        "A write matched no row (an update by a key that does not exist).";
    TooManyRows => "runtime/too-many-rows", Error,
        "A single-row write would change more than one row; it was rolled back.";
    OutputMissing => "runtime/output-missing", Warning,
        "A projected path is not in the answer (the leaf is null).";
    NoResult => "runtime/no-result", Info,
        "The lookup found nothing (no row, an empty list).";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_namespaced() {
        let mut seen = std::collections::HashSet::new();
        for code in RunCode::ALL {
            assert!(
                code.as_str().starts_with("runtime/"),
                "{} is namespaced",
                code.as_str()
            );
            assert!(seen.insert(code.as_str()), "{} is unique", code.as_str());
            assert!(
                !code.meaning().is_empty(),
                "{} is documented",
                code.as_str()
            );
        }
    }
}
