//! PL101 mojibake: text decoded with the wrong charset (`financiÃ«le`).

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::rules::Context;
use crate::text::mojibake::{Damage, Run, visible};

declare_rule! {
    /// ## What it does
    /// Finds text that was UTF-8 but got decoded with the wrong charset
    /// somewhere on its way into the post, in front matter values, body text
    /// and attribute values, also when written as HTML references
    /// (`financi&Atilde;&laquo;le`): read as Windows-1252 or Latin-1, once
    /// or more; as Mac OS Roman (`g√¢teaux`), DOS code page 437
    /// (`─îe┼ítina`), Windows-1250 or ISO-8859-2 (`LiĂ¨ge`), Windows-1251
    /// (`РґРѕСЂРѕРіРµ`), or two of these in a row (`Г‚ВЈ` for `£`), also with
    /// bytes lost as `?` (`kulkÄ?`); emoji
    /// written as CESU-8 (`í\u{A0}½í¸\u{8D}`); Windows-1252 or Mac OS
    /// Roman text read as Latin-1 (`\u{92}` for `’`, `\u{87}` for `á`);
    /// combining marks left by damage (`$Ì¶6Ì¶3Ì¶` for a struck-through
    /// `$63`, `cafeÌ\u{81}` for `café` in NFD); one Greek letter in a Latin
    /// name (`IL2RÎ³cKO`); and a replacement character that was damaged
    /// itself (`ï¿½`). It underlines exactly the damaged run,
    /// says how it was damaged, and shows the repaired word.
    ///
    /// Precision comes first: a run is reported only when turning it back into
    /// bytes gives valid UTF-8 that reads as real text in one script, and
    /// nothing around it says the text was correct as written. Upper-case
    /// Portuguese (`IRMÃ` before a no-break space), `NESTLÉ®`, German `Weiß“`,
    /// Czech `ÚŽASNÝ`, Finnish `SELKÄ EDELLÄ`, Vietnamese `ĐÃ SỬA`, the
    /// Ångström sign and Chinese GBK text read as Latin-1 are not reported.
    /// Code (`<pre>`, `<code>`, Markdown code) is checked only when the prose
    /// of the post has the same damage (then it is the same accident);
    /// otherwise it may quote mojibake on purpose.
    ///
    /// ## Why is this bad?
    /// Readers see `financiÃ«le` for `financiële`, `â€™` for `’`. Search
    /// engines index the damage, and every later copy of the post keeps it.
    ///
    /// ## Example
    /// ```text
    /// <p>de financiÃ«le topvrouw van het bedrijf</p>
    /// ```
    /// Use instead:
    /// ```text
    /// <p>de financiële topvrouw van het bedrijf</p>
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix is an exact round trip (the damaged characters are the
    /// reading of exactly the bytes of the repair in the named code page),
    /// also for text damaged twice (`financiÃƒÂ«le`). Where a byte was lost
    /// (`voilÃ  tout`, whose no-break space became a plain space), or two
    /// code pages read the run equally well but differently (Windows-1250
    /// and ISO-8859-2 share most letters, and where nothing in the text says
    /// which, Windows-1252 `š` and Mac OS Roman `ö` are both `\u{9A}`), or
    /// bytes became `?` (`kulkÄ?` for `kulkę`), or the character was lost
    /// before the damage (`ï¿½` is U+FFFD), the run is reported without a
    /// fix.
    pub static RULE {
        code: "PL101",
        name: "mojibake",
        summary: "text was decoded with the wrong charset",
        severity: Error,
        run: Post(check),
        fix: Sometimes,
    }
}

/// At most this many characters of context on each side in messages.
const CONTEXT: usize = 24;

/// The word around `run`, as written and as repaired, for the message.
fn word_around(source: &str, run: &Run) -> (String, String) {
    let in_word = |c: &char| c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '&' | ';' | '#');
    let left: String = {
        let mut l: Vec<char> = source[..run.range.start]
            .chars()
            .rev()
            .take_while(in_word)
            .take(CONTEXT)
            .collect();
        l.reverse();
        l.into_iter().collect()
    };
    let right: String = source[run.range.end..]
        .chars()
        .take_while(in_word)
        .take(CONTEXT)
        .collect();
    let written = &source[run.range];
    (
        visible(&format!("{left}{written}{right}")),
        visible(&format!("{left}{}{right}", run.repaired)),
    )
}

fn check(ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let post = ctx.post;
    for run in &ctx.text().runs {
        let written = &post.source[run.range];
        let (before, after) = word_around(&post.source, run);
        let d = match run.damage {
            Damage::ByteOrderMark => Diagnostic::new(
                &RULE,
                run.range,
                format!(
                    "mojibake: `{}` is {}",
                    visible(written),
                    run.damage.describe()
                ),
            )
            .with_label(run.damage.describe())
            .with_help("remove it"),
            Damage::LostCharacter(_) => Diagnostic::new(
                &RULE,
                run.range,
                format!(
                    "mojibake: `{before}` is U+FFFD, the replacement character, damaged: the character meant here was already lost"
                ),
            )
            .with_label(run.damage.describe()),
            Damage::Lossy => {
                Diagnostic::new(&RULE, run.range, format!("mojibake: `{before}` lost bytes"))
                    .with_label(run.damage.describe())
            }
            _ => Diagnostic::new(
                &RULE,
                run.range,
                format!("mojibake: `{before}` should read `{after}`"),
            )
            .with_label(run.damage.describe()),
        };
        let d = if run.exact {
            let title = if run.repaired.is_empty() {
                format!("remove `{}`", visible(written))
            } else {
                format!(
                    "replace `{}` with `{}`",
                    visible(written),
                    visible(&run.repaired)
                )
            };
            // The fix line shows the repair; a help would repeat it.
            d.with_fix(
                Fix::replace(title, Applicability::Safe, run.range, run.repaired.clone())
                    .changing_edited_values(),
            )
        } else if run.damage == Damage::Lossy {
            d.with_help("retype the word: bytes became `?`, so there is no exact repair")
        } else if matches!(run.damage, Damage::LostCharacter(_)) {
            d.with_help(
                "retype the character that was meant: it became U+FFFD before this damage, so there is no exact repair",
            )
        } else if run.damage != Damage::LostByte {
            d.with_help(format!(
                "retype it as `{}` if that is what was meant: the damage reads more than one way, so there is no safe fix",
                visible(&run.repaired)
            ))
        } else {
            d.with_help(format!(
                "retype it as `{}`: a byte was lost, so there is no exact repair",
                visible(&run.repaired)
            ))
        };
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::RULE;
    use crate::rules::testing::*;

    const FM: &str = "---\ntitle: \"Huawei: financiÃ«le topvrouw\"\ndate: Tue, 14 May 2019 17:01:53 +0200\n---\n";

    #[test]
    fn front_matter_body_attributes_and_entities() {
        let src = format!(
            "{FM}<p>cafÃ© and café</p>\n<img src=\"a.jpg\" alt=\"naÃ¯ef\">\n<p>financi&Atilde;&laquo;le</p>\n"
        );
        let d = check(&RULE, &src);
        assert_eq!(spans(&src, &d), ["Ã«", "Ã©", "Ã¯", "&Atilde;&laquo;"]);
        assert_eq!(
            d[0].message,
            "mojibake: `financiÃ«le` should read `financiële`"
        );
        assert_eq!(d[0].label.as_deref(), Some("UTF-8 read as Windows-1252"));
        let fix = d[3].fix.as_ref().unwrap();
        assert_eq!(fix.edits[0].content, "ë");
        assert_eq!(fix.applicability, crate::diagnostic::Applicability::Safe);
    }

    /// The fixes, applied, give the repaired post, and checking it again finds nothing.
    #[test]
    fn fixes_applied_repair_the_post() {
        let src = format!("{FM}<p>cafÃ© café financiÃƒÂ«le Itâ€™s &Atilde;&copy;</p>\n");
        let d = check(&RULE, &src);
        let mut edits: Vec<_> = d
            .iter()
            .flat_map(|d| d.fix.as_ref().unwrap().edits.clone())
            .collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        let mut fixed = src.clone();
        for e in edits {
            fixed.replace_range(e.range, &e.content);
        }
        assert!(
            fixed.contains("<p>café café financiële It’s é</p>"),
            "{fixed}"
        );
        assert!(fixed.contains("financiële topvrouw"));
        assert!(check(&RULE, &fixed).is_empty());
    }

    #[test]
    fn code_is_left_alone_and_lost_bytes_get_no_fix() {
        let clean = "---\ntitle: x\n---\n";
        // Backticks are code in Markdown only: here the prose is damaged,
        // so the `<pre>` with the same damage is repaired too.
        let src = format!("{clean}<pre>Ã©</pre><p>`Ã©` voilÃ  tout</p>\n");
        let d = check(&RULE, &src);
        assert_eq!(spans(&src, &d), ["Ã©", "Ã©", "Ã "]);
        assert!(d[2].fix.is_none());
        assert!(d[2].help.as_deref().unwrap().contains("no exact repair"));
        // Without damage in the prose, code may quote mojibake on purpose.
        let md = format!("{clean}Dit is `Ã©` code.\n");
        assert!(check_with(&RULE, "_posts/a.md", &md, "").is_empty());
    }

    /// Issue 16: Windows-1252 damage whose bytes later became `?` is
    /// reported, with no fix.
    #[test]
    fn lost_bytes_are_reported_without_a_fix() {
        let src = "---\ntitle: x\n---\n<p>gdy kulkÄ? ugryzł â?? koniec</p>\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), ["Ä?", "â??"]);
        assert_eq!(d[0].message, "mojibake: `kulkÄ?` lost bytes");
        assert!(d.iter().all(|d| d.fix.is_none()));
        assert!(d[0].help.as_deref().unwrap().contains("no exact repair"));
    }

    /// Issue 16: when the prose shows damage of one kind, the same damage in
    /// code spans and blocks is the same accident, and is repaired too.
    #[test]
    fn code_with_the_prose_damage_is_repaired_too() {
        let md =
            format!("{FM}Het is `25Â°C` vandaag.\n\n```\na â€” b\n```\n\n<code>cafÃ©</code>\n");
        let d = check_with(&RULE, "_posts/a.md", &md, "");
        assert_eq!(spans(&md, &d), ["Ã«", "Â°", "â€”", "Ã©"]);
        assert!(d.iter().all(|d| d.fix.is_some()));
        // Damage of another kind in code is not explained by the prose's.
        let other = format!("{FM}Code: `g√¢teaux`.\n");
        assert_eq!(
            spans(&other, &check_with(&RULE, "_posts/a.md", &other, "")),
            ["Ã«"]
        );
    }
}

#[cfg(test)]
mod many_runs {
    use std::path::{Path, PathBuf};

    use super::RULE;
    use crate::config::{Settings, parse_config};
    use crate::fix::{FixOptions, fix_bytes};
    use crate::rules::testing::*;

    /// Issue 11: every run is reported, however many, so one `fix` repairs
    /// them all and a second `fix` finds nothing left to do.
    #[test]
    fn every_run_is_reported_and_fix_is_idempotent() {
        let body = "<p>cafÃ© </p>\n".repeat(12_000);
        let src = format!("---\ntitle: x\n---\n{body}");
        assert_eq!(check(&RULE, &src).len(), 12_000);
        let cfg = parse_config("", Path::new("postlint.toml")).unwrap();
        let settings = Settings::resolve(cfg, None, PathBuf::from("/")).unwrap();
        let fix = |text: &str| {
            fix_bytes(
                Path::new("_posts/a.html"),
                text.as_bytes().to_vec(),
                &settings,
                now(),
                FixOptions::default(),
            )
        };
        let first = fix(&src);
        let fixed = first.fixed.expect("the first fix changes the file");
        assert!(!fixed.contains('Ã'), "runs left after one fix");
        assert_eq!(fixed.matches("café").count(), 12_000);
        assert!(fix(&fixed).fixed.is_none(), "a second fix changed the file");

        // The same on one line (a minified post): the fixer's check of the
        // body text once took 100 s here and then refused every repair.
        let one_line = format!("---\ntitle: x\n---\n<p>{}</p>\n", "cafÃ© ".repeat(12_000));
        let fixed = fix(&one_line)
            .fixed
            .expect("the first fix changes the file");
        assert_eq!(fixed.matches("café").count(), 12_000);
        assert!(fix(&fixed).fixed.is_none(), "a second fix changed the file");
    }

    /// Issue 16: a damaged U+FFFD is reported without a fix, saying the
    /// character was lost before; a strike-through and a Greek letter in a
    /// name get their safe fix; two readings give a help, not a fix.
    #[test]
    fn lost_character_strike_through_and_greek() {
        let src = "---\ntitle: \"Huawei: financiÃ«le\"\n---\n<p>Urlaubsziel fï¿½r Pedanten</p>\n<p>was $Ì¶6Ì¶3Ì¶, IL2RÎ³cKO mice</p>\n<p>DĂĄnia</p>\n";
        let d = check(&RULE, src);
        assert_eq!(spans(src, &d), ["Ã«", "ï¿½", "Ì¶6Ì¶3Ì¶", "Î³", "ĂĄ"]);
        assert_eq!(
            d[1].message,
            "mojibake: `fï¿½r` is U+FFFD, the replacement character, damaged: the character meant here was already lost"
        );
        assert!(d[1].fix.is_none());
        assert!(d[1].help.as_deref().unwrap().contains("became U+FFFD"));
        assert_eq!(
            d[2].fix.as_ref().unwrap().edits[0].content,
            "\u{336}6\u{336}3\u{336}"
        );
        assert_eq!(d[3].fix.as_ref().unwrap().edits[0].content, "γ");
        assert!(d[4].fix.is_none());
        assert!(
            d[4].help
                .as_deref()
                .unwrap()
                .contains("reads more than one way")
        );
    }
}
