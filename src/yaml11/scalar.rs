//! Plain scalars as Ruby's Psych (Jekyll's YAML reader) resolves them:
//! a port of `Psych::ScalarScanner#tokenize` (Psych 4, `strict_integer`
//! off), checked against Ruby 3.1 / Psych 4.0.3. Ruby's `\d` and `\s` are
//! ASCII only, so the patterns spell them out (Rust's are Unicode).

use std::sync::LazyLock;

use regex::Regex;

use super::Value;

fn re(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

static TIME: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"^(-?[0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[Tt]|[ \t\r\n\x0B\x0C]+)([0-9]{1,2}):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t\r\n\x0B\x0C]*(Z|[-+][0-9]{1,2}:?(?:[0-9][0-9])?))?$",
    )
});
static DATE: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"^([0-9]{4})-(1[012]|0[0-9]|[0-9])-([12][0-9]|3[01]|0[0-9]|[0-9])$"));
static SEXAGESIMAL_INT: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}$"));
static SEXAGESIMAL_FLOAT: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"^[-+]?[0-9][0-9_]*(:[0-5]?[0-9]){1,2}\.[0-9_]*$"));
static FLOAT: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"^[-+]?([0-9][0-9_,]*)?\.[0-9]*([eE][-+][0-9]+)?$"));
/// Psych's `INTEGER_LEGACY`: commas allowed, a leading `0` means octal.
static INTEGER: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"^(?:[-+]?0b[_,]*[0-1][0-1_,]*|[-+]?0[_,]*[0-7][0-7_,]*|[-+]?(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|[-+]?0x[_,]*[0-9a-fA-F][0-9a-fA-F_,]*)$",
    )
});

fn matches(re: &LazyLock<Option<Regex>>, s: &str) -> bool {
    re.as_ref().is_some_and(|r| r.is_match(s))
}

/// Psych's first test, `/^[^\d.:-]?[[:alpha:]_\s!@#$%\^&*(){}<>|\/\\~;=]+/`:
/// text that can only be a string, a boolean or null.
fn wordlike(s: &str) -> bool {
    let class =
        |c: char| c.is_alphabetic() || c.is_whitespace() || "_!@#$%^&*(){}<>|/\\~;=".contains(c);
    let mut chars = s.chars();
    let (Some(a), b) = (chars.next(), chars.next()) else {
        return false;
    };
    class(a) || (!a.is_ascii_digit() && !".:-".contains(a) && b.is_some_and(class))
}

/// The value Psych gives the plain scalar `s`.
pub fn resolve_plain(s: &str) -> Value {
    let string = || Value::Str(s.to_string());
    if s.is_empty() {
        return Value::Null;
    }
    if wordlike(s) || s.contains('\n') {
        if s.chars().count() > 5 {
            return string();
        }
        let lower = s.to_lowercase();
        return match lower.as_str() {
            "~" | "null" => Value::Null,
            "yes" | "true" | "on" => Value::Bool(true),
            "no" | "false" | "off" => Value::Bool(false),
            _ => string(),
        };
    }
    if let Some(caps) = TIME.as_ref().and_then(|r| r.captures(s)) {
        return time(&caps).unwrap_or_else(string);
    }
    if let Some(caps) = DATE.as_ref().and_then(|r| r.captures(s)) {
        let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<i64>().ok());
        return match (num(1), num(2), num(3)) {
            (Some(y), Some(m), Some(d)) if valid_date(y, m, d) => {
                Value::Date(days_from_civil(y, m, d))
            }
            _ => string(),
        };
    }
    let lower = s.to_ascii_lowercase();
    match lower.as_str() {
        ".inf" | "+.inf" => return Value::float(f64::INFINITY),
        "-.inf" => return Value::float(f64::NEG_INFINITY),
        ".nan" => return Value::float(f64::NAN),
        _ => {}
    }
    if let Some(name) = s.strip_prefix(':')
        && !name.is_empty()
    {
        return Value::Symbol(symbol_name(name));
    }
    if matches(&SEXAGESIMAL_INT, s) {
        return sexagesimal_int(s).map_or_else(string, Value::Int);
    }
    if matches(&SEXAGESIMAL_FLOAT, s) {
        return sexagesimal_float(s).map_or_else(string, Value::float);
    }
    if matches(&FLOAT, s) {
        let body = s.trim_start_matches(['-', '+']);
        if body == "." {
            return string();
        }
        // Psych: `Float(string.delete(',_').gsub(/\.([Ee]|$)/, '\1'))`.
        let mut t: String = s.chars().filter(|c| !matches!(c, ',' | '_')).collect();
        if let Some(dot) = t.find('.')
            && t[dot + 1..]
                .chars()
                .next()
                .is_none_or(|c| c == 'e' || c == 'E')
        {
            t.remove(dot);
        }
        return t.parse::<f64>().map_or_else(|_| string(), Value::float);
    }
    if matches(&INTEGER, s) {
        return integer(s).map_or_else(string, Value::Int);
    }
    string()
}

/// `:"name"` and `:'name'` are symbols named without the quotes.
fn symbol_name(name: &str) -> String {
    for q in ['"', '\''] {
        if let Some(inner) = name.strip_prefix(q)
            && let Some(end) = inner.rfind(q)
        {
            return inner[..end].trim_start_matches(':').to_string();
        }
    }
    name.to_string()
}

/// Ruby's `String#to_i`: leading sign and digits, underscores between them.
fn to_i(s: &str) -> Option<i128> {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let mut n: i128 = 0;
    for c in digits.chars().filter(|c| *c != '_') {
        n = n
            .checked_mul(10)?
            .checked_add(i128::from(c.to_digit(10)?))?;
    }
    Some(if neg { -n } else { n })
}

/// Psych sums `n * 60 ** (e - 2).abs` over the parts: `12:30` is 45000
/// (not 750), `1:30:00` is 5400.
fn sexagesimal_int(s: &str) -> Option<i128> {
    let mut total: i128 = 0;
    for (e, part) in s.split(':').enumerate() {
        let power = 60i128.checked_pow(u32::try_from(e.abs_diff(2)).ok()?)?;
        total = total.checked_add(to_i(part)?.checked_mul(power)?)?;
    }
    Some(total)
}

fn sexagesimal_float(s: &str) -> Option<f64> {
    let mut total = 0f64;
    for (e, part) in s.split(':').enumerate() {
        let cleaned: String = part.chars().filter(|c| *c != '_').collect();
        let cleaned = cleaned.strip_suffix('.').unwrap_or(&cleaned);
        let n: f64 = cleaned.parse().ok()?;
        total += n * 60f64.powi(i32::try_from(e.abs_diff(2)).ok()?);
    }
    Some(total)
}

/// Ruby's `Integer()` after removing `,` and `_`: `0b`, `0x`, and a leading
/// `0` for octal.
fn integer(s: &str) -> Option<i128> {
    let cleaned: String = s.chars().filter(|c| !matches!(c, ',' | '_')).collect();
    let (neg, body) = match cleaned.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let (radix, digits) = if let Some(d) = body.strip_prefix("0b") {
        (2, d)
    } else if let Some(d) = body.strip_prefix("0x") {
        (16, d)
    } else if body.len() > 1
        && let Some(d) = body.strip_prefix('0')
    {
        (8, d)
    } else {
        (10, body)
    };
    let n = i128::from_str_radix(digits, radix).ok()?;
    Some(if neg { -n } else { n })
}

fn leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn valid_date(y: i64, m: i64, d: i64) -> bool {
    (1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d)
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar; a day past
/// the month's end rolls over, as Ruby's `Time.utc` does.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Psych's `parse_time`: the instant, as Ruby compares `Time`s. No zone
/// means UTC; Ruby's `Time.utc` rejects a month past 12, an hour past 24,
/// a minute or second past 59 (60 for seconds), and a day past 31.
fn time(caps: &regex::Captures<'_>) -> Option<Value> {
    let num = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<i64>().ok());
    let (y, mo, d, h, mi, s) = (num(1)?, num(2)?, num(3)?, num(4)?, num(5)?, num(6)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 24 || mi > 59 || s > 60 {
        return None;
    }
    let frac = caps
        .get(7)
        .map_or("", |m| m.as_str())
        .trim_end_matches('0')
        .to_string();
    let offset = match caps.get(8).map(|m| m.as_str()) {
        None | Some("Z") => 0,
        Some(z) => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let digits = &z[1..];
            let (hh, mm) = match digits.split_once(':') {
                Some((a, b)) => (a, b),
                None if digits.len() > 2 => digits.split_at(digits.len() - 2),
                None => (digits, ""),
            };
            let hh: i64 = hh.parse().ok()?;
            let mm: i64 = if mm.is_empty() { 0 } else { mm.parse().ok()? };
            sign * (hh * 3600 + mm * 60)
        }
    };
    let secs = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s - offset;
    Some(Value::Time(secs, frac))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each row was checked with `ruby -ryaml -e 'p YAML.unsafe_load("k: …")'`
    /// (Ruby 3.1.2, Psych 4.0.3).
    #[test]
    fn as_psych_reads_them() {
        use Value::*;
        let s = |t: &str| Str(t.to_string());
        for (text, want) in [
            ("y", s("y")),
            ("n", s("n")),
            ("yes", Bool(true)),
            ("yEs", Bool(true)),
            ("NO", Bool(false)),
            ("On", Bool(true)),
            ("off", Bool(false)),
            ("tRue", Bool(true)),
            ("~", Null),
            ("Null", Null),
            ("", Null),
            ("017", Int(15)),
            ("0o17", s("0o17")),
            ("0x1F", Int(31)),
            ("0b101", Int(5)),
            ("1_000", Int(1000)),
            ("1,000", Int(1000)),
            ("1__0", s("1__0")),
            ("08", s("08")),
            ("+1", Int(1)),
            ("12:30", Int(45000)),
            ("1:30:00", Int(5400)),
            ("-1:30", Int(-1800)),
            ("1:60", s("1:60")),
            ("12:30.5", Value::float(45030.0)),
            ("1.5", Value::float(1.5)),
            (".5", Value::float(0.5)),
            ("1.", Value::float(1.0)),
            ("1e5", s("1e5")),
            ("1.0e5", s("1.0e5")),
            ("1.0e+5", Value::float(100000.0)),
            (".inf", Value::float(f64::INFINITY)),
            ("-.Inf", Value::float(f64::NEG_INFINITY)),
            (".NaN", Value::float(f64::NAN)),
            (":sym", Symbol("sym".into())),
            ("2019-02-30", s("2019-02-30")),
            ("2019-05-14 x", s("2019-05-14 x")),
        ] {
            assert_eq!(resolve_plain(text), want, "{text}");
        }
        assert!(matches!(resolve_plain("2019-05-14"), Date(_)));
        let t = resolve_plain("2019-05-14 17:01:53 +02:00");
        assert_eq!(t, resolve_plain("2019-05-14T15:01:53Z"));
        assert_eq!(t, resolve_plain("2019-05-14 15:01:53"));
        assert!(matches!(t, Time(..)));
        assert!(matches!(
            resolve_plain("2024-03-21 4:00:00 +0000"),
            Time(..)
        ));
        assert_eq!(
            resolve_plain("2019-05-14 17:01:53.50 +0200"),
            resolve_plain("2019-05-14 17:01:53.5 +02")
        );
        assert!(matches!(resolve_plain("2019-5-4 1:02:03"), Time(..)));
        assert_eq!(resolve_plain("２０１９-05-14"), s("２０１９-05-14"));
    }
}
