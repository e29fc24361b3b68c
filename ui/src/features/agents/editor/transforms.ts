// The named transforms a value can go through (`bindery_binding::params::TRANSFORMS`). The core
// serves no list of them yet: keep in step with `crates/bindery-binding/src/params.rs`; a wrong
// name is still caught by the core (`binding/unknown-transform`, shown inline).
export interface TransformInfo {
  name: string;
  description: string;
}

export const transforms: readonly TransformInfo[] = [
  { name: "e164", description: "Normalize a phone number to E.164 (+14155550123)." },
  { name: "spoken_date", description: "Read a spoken date and time in the business time zone as ISO 8601." },
  { name: "date_only", description: "Keep the calendar date (YYYY-MM-DD) of a date or date-time." },
  { name: "lowercase", description: "Lower-case the text (e-mail addresses, codes)." },
  { name: "trim", description: "Remove spaces around the text." },
  { name: "digits_only", description: "Keep only the digits (order numbers read out with words or dashes)." },
  { name: "to_integer", description: 'Read a whole number from text ("four" or "4").' },
];
