//! Binding diagnostics for a terminal, the way rustc shows its own: the code and message, the
//! file location of the diagnostic's `binding_path` with the source line underlined, then the
//! schema place and the help, and a summary line.
//!
//! ```text
//! error[binding/unknown-field]: `customers` has no field `phone_number`
//!   --> lookup.json:17:9
//!    |
//! 17 |         "phone_number"
//!    |         ^^^^^^^^^^^^^^ projection[0].path[0]
//!    |
//!    = schema: sqlite:main.customers
//!    = help: did you mean `phone`?
//!
//! lookup.json: 1 error, 0 warnings
//! ```

use bindery_api::bind_file::BindingDiagnostic;
use bindery_api::schema::Severity;

use crate::json_spans::{line_col, locate};

/// ANSI colors, or none.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paint {
    color: bool,
}

impl Paint {
    /// Colors only when `terminal` (the stream is a terminal) and `NO_COLOR` is unset.
    pub(crate) fn for_terminal(terminal: bool) -> Paint {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Paint {
            color: terminal && !no_color,
        }
    }

    /// No colors.
    #[cfg(test)]
    pub(crate) fn plain() -> Paint {
        Paint { color: false }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn severity(self, severity: Severity, text: &str) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, text)
    }

    fn gutter(self, text: &str) -> String {
        self.paint("1;34", text)
    }

    fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }
}

/// The word for a severity.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

/// Every diagnostic of the binding in `text` (read from `file`), then the summary line.
pub(crate) fn render(
    file: &str,
    text: &str,
    diagnostics: &[BindingDiagnostic],
    paint: Paint,
) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics {
        out.push_str(&render_one(file, text, diagnostic, paint));
        out.push('\n');
    }
    out.push_str(&summary(file, diagnostics, paint));
    out.push('\n');
    out
}

/// `FILE: 2 errors, 1 warning` (infos only when there are some).
pub(crate) fn summary(file: &str, diagnostics: &[BindingDiagnostic], paint: Paint) -> String {
    let count = |severity: Severity| {
        diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let errors = count(Severity::Error);
    let mut line = format!(
        "{}, {}",
        plural(errors, "error"),
        plural(count(Severity::Warning), "warning")
    );
    let infos = count(Severity::Info);
    if infos > 0 {
        line.push_str(&format!(", {}", plural(infos, "info")));
    }
    let verdict = if errors > 0 {
        paint.severity(Severity::Error, "invalid")
    } else {
        paint.paint("1;32", "valid")
    };
    format!("{}: {verdict} ({line})", paint.bold(file))
}

fn render_one(file: &str, text: &str, d: &BindingDiagnostic, paint: Paint) -> String {
    let found = locate(text, &d.binding_path);
    let (line, column) = line_col(text, found.span.start);
    let source_line = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let width = line.to_string().len();
    let pad = " ".repeat(width);
    let bar = paint.gutter("|");

    // The underline covers the value on its first line (a multi-line object or array: its
    // opening bracket line, up to the end of the line).
    let line_start = text
        .get(..found.span.start)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |newline| newline + 1);
    let line_end = line_start + source_line.len();
    let end = found.span.end.min(line_end).max(found.span.start);
    let underlined = text.get(found.span.start..end).unwrap_or("");
    let carets = "^".repeat(underlined.chars().count().max(1));
    // Keep tabs in the indent so the carets line up under the value.
    let indent: String = source_line
        .chars()
        .take(column.saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    let label = if found.exact {
        d.binding_path.clone()
    } else {
        format!("`{}` is not here", d.binding_path)
    };

    let mut out = format!(
        "{}: {}\n",
        paint.severity(d.severity, &format!("{}[{}]", level(d.severity), d.code)),
        paint.bold(&d.message)
    );
    out.push_str(&format!(
        "{pad}{} {file}:{line}:{column}\n",
        paint.gutter("-->")
    ));
    out.push_str(&format!("{pad} {bar}\n"));
    out.push_str(&format!(
        "{} {bar} {source_line}\n",
        paint.gutter(&line.to_string())
    ));
    out.push_str(&format!(
        "{pad} {bar} {indent}{}\n",
        paint.severity(d.severity, &format!("{carets} {label}"))
    ));
    if d.schema_path.is_some() || d.help.is_some() {
        out.push_str(&format!("{pad} {bar}\n"));
    }
    let equals = paint.gutter("=");
    if let Some(schema) = &d.schema_path {
        out.push_str(&format!(
            "{pad} {equals} {}: {schema}\n",
            paint.bold("schema")
        ));
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("{pad} {equals} {}: {help}\n", paint.bold("help")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BINDING: &str = "{\n  \"toolName\": \"Look up\",\n  \"operation\": \"sql:select:customers.by_phone\",\n  \"projection\": [\n    { \"path\": [\"phone_number\"], \"leaf\": \"phone\" }\n  ]\n}\n";

    fn diagnostic(severity: Severity, path: &str) -> BindingDiagnostic {
        BindingDiagnostic {
            code: "binding/unknown-field".to_owned(),
            severity,
            message: "`customers` has no field `phone_number`".to_owned(),
            binding_path: path.to_owned(),
            schema_path: Some("sqlite:main.customers".to_owned()),
            help: Some("did you mean `phone`?".to_owned()),
        }
    }

    #[test]
    fn a_diagnostic_points_at_its_value() {
        let text = render(
            "lookup.json",
            BINDING,
            &[diagnostic(Severity::Error, "projection[0].path[0]")],
            Paint::plain(),
        );
        let expected = "\
error[binding/unknown-field]: `customers` has no field `phone_number`
 --> lookup.json:5:16
  |
5 |     { \"path\": [\"phone_number\"], \"leaf\": \"phone\" }
  |                ^^^^^^^^^^^^^^ projection[0].path[0]
  |
  = schema: sqlite:main.customers
  = help: did you mean `phone`?

lookup.json: invalid (1 error, 0 warnings)
";
        assert_eq!(text, expected, "rendered like rustc:\n{text}");
    }

    #[test]
    fn a_missing_key_points_at_its_object() {
        let mut missing = diagnostic(Severity::Warning, "description");
        missing.schema_path = None;
        missing.help = None;
        let text = render("b.json", BINDING, &[missing], Paint::plain());
        assert!(
            text.contains(" --> b.json:1:1\n") && text.contains("^ `description` is not here"),
            "the document's opening brace: {text}"
        );
        assert!(
            text.ends_with("b.json: valid (0 errors, 1 warning)\n"),
            "warnings leave it valid: {text}"
        );
        assert!(!text.contains("= help"), "no help line without help");
    }

    #[test]
    fn summaries_count_every_severity() {
        let all = [
            diagnostic(Severity::Error, "toolName"),
            diagnostic(Severity::Error, "operation"),
            diagnostic(Severity::Warning, "operation"),
            diagnostic(Severity::Info, "enabled"),
        ];
        assert_eq!(
            summary("f.json", &all, Paint::plain()),
            "f.json: invalid (2 errors, 1 warning, 1 info)",
            "counted and pluralized"
        );
        assert_eq!(
            summary("f.json", &[], Paint::plain()),
            "f.json: valid (0 errors, 0 warnings)",
            "nothing to say"
        );
        let colored = render("f.json", BINDING, &all, Paint { color: true });
        assert!(
            colored.contains("\x1b[1;31merror[binding/unknown-field]"),
            "errors are red"
        );
    }
}
