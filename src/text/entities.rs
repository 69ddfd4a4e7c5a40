//! The named HTML character references whose character is a Windows-1252
//! byte ≥ 0x80, so mojibake written as entities (`&Atilde;&laquo;`) is found.

/// Sorted by name for binary search.
static ENTITIES: &[(&str, char)] = &[
    ("AElig", '\u{C6}'),
    ("Aacute", '\u{C1}'),
    ("Acirc", '\u{C2}'),
    ("Agrave", '\u{C0}'),
    ("Aring", '\u{C5}'),
    ("Atilde", '\u{C3}'),
    ("Auml", '\u{C4}'),
    ("Ccedil", '\u{C7}'),
    ("Dagger", '\u{2021}'),
    ("ETH", '\u{D0}'),
    ("Eacute", '\u{C9}'),
    ("Ecirc", '\u{CA}'),
    ("Egrave", '\u{C8}'),
    ("Euml", '\u{CB}'),
    ("Iacute", '\u{CD}'),
    ("Icirc", '\u{CE}'),
    ("Igrave", '\u{CC}'),
    ("Iuml", '\u{CF}'),
    ("Ntilde", '\u{D1}'),
    ("OElig", '\u{152}'),
    ("Oacute", '\u{D3}'),
    ("Ocirc", '\u{D4}'),
    ("Ograve", '\u{D2}'),
    ("Oslash", '\u{D8}'),
    ("Otilde", '\u{D5}'),
    ("Ouml", '\u{D6}'),
    ("Scaron", '\u{160}'),
    ("THORN", '\u{DE}'),
    ("Uacute", '\u{DA}'),
    ("Ucirc", '\u{DB}'),
    ("Ugrave", '\u{D9}'),
    ("Uuml", '\u{DC}'),
    ("Yacute", '\u{DD}'),
    ("Yuml", '\u{178}'),
    ("aacute", '\u{E1}'),
    ("acirc", '\u{E2}'),
    ("acute", '\u{B4}'),
    ("aelig", '\u{E6}'),
    ("agrave", '\u{E0}'),
    ("aring", '\u{E5}'),
    ("atilde", '\u{E3}'),
    ("auml", '\u{E4}'),
    ("bdquo", '\u{201E}'),
    ("brvbar", '\u{A6}'),
    ("bull", '\u{2022}'),
    ("ccedil", '\u{E7}'),
    ("cedil", '\u{B8}'),
    ("cent", '\u{A2}'),
    ("circ", '\u{2C6}'),
    ("copy", '\u{A9}'),
    ("curren", '\u{A4}'),
    ("dagger", '\u{2020}'),
    ("deg", '\u{B0}'),
    ("divide", '\u{F7}'),
    ("eacute", '\u{E9}'),
    ("ecirc", '\u{EA}'),
    ("egrave", '\u{E8}'),
    ("eth", '\u{F0}'),
    ("euml", '\u{EB}'),
    ("euro", '\u{20AC}'),
    ("fnof", '\u{192}'),
    ("frac12", '\u{BD}'),
    ("frac14", '\u{BC}'),
    ("frac34", '\u{BE}'),
    ("hellip", '\u{2026}'),
    ("iacute", '\u{ED}'),
    ("icirc", '\u{EE}'),
    ("iexcl", '\u{A1}'),
    ("igrave", '\u{EC}'),
    ("iquest", '\u{BF}'),
    ("iuml", '\u{EF}'),
    ("laquo", '\u{AB}'),
    ("ldquo", '\u{201C}'),
    ("lsaquo", '\u{2039}'),
    ("lsquo", '\u{2018}'),
    ("macr", '\u{AF}'),
    ("mdash", '\u{2014}'),
    ("micro", '\u{B5}'),
    ("middot", '\u{B7}'),
    ("nbsp", '\u{A0}'),
    ("ndash", '\u{2013}'),
    ("not", '\u{AC}'),
    ("ntilde", '\u{F1}'),
    ("oacute", '\u{F3}'),
    ("ocirc", '\u{F4}'),
    ("oelig", '\u{153}'),
    ("ograve", '\u{F2}'),
    ("ordf", '\u{AA}'),
    ("ordm", '\u{BA}'),
    ("oslash", '\u{F8}'),
    ("otilde", '\u{F5}'),
    ("ouml", '\u{F6}'),
    ("para", '\u{B6}'),
    ("permil", '\u{2030}'),
    ("plusmn", '\u{B1}'),
    ("pound", '\u{A3}'),
    ("raquo", '\u{BB}'),
    ("rdquo", '\u{201D}'),
    ("reg", '\u{AE}'),
    ("rsaquo", '\u{203A}'),
    ("rsquo", '\u{2019}'),
    ("sbquo", '\u{201A}'),
    ("scaron", '\u{161}'),
    ("sect", '\u{A7}'),
    ("shy", '\u{AD}'),
    ("sup1", '\u{B9}'),
    ("sup2", '\u{B2}'),
    ("sup3", '\u{B3}'),
    ("szlig", '\u{DF}'),
    ("thorn", '\u{FE}'),
    ("tilde", '\u{2DC}'),
    ("times", '\u{D7}'),
    ("trade", '\u{2122}'),
    ("uacute", '\u{FA}'),
    ("ucirc", '\u{FB}'),
    ("ugrave", '\u{F9}'),
    ("uml", '\u{A8}'),
    ("uuml", '\u{FC}'),
    ("yacute", '\u{FD}'),
    ("yen", '\u{A5}'),
    ("yuml", '\u{FF}'),
];

/// The character of `&name;`, when it is one of the characters above.
pub fn named(name: &str) -> Option<char> {
    ENTITIES
        .binary_search_by(|(n, _)| n.cmp(&name))
        .ok()
        .map(|i| ENTITIES[i].1)
}

/// Decodes the character reference at the start of `s` (which starts with
/// `&`): its character and its length in bytes. Only references to
/// characters ≥ U+0080 are decoded; others are not needed here.
pub fn decode_at(s: &str) -> Option<(char, usize)> {
    let rest = s.strip_prefix('&')?;
    let end = rest.bytes().take(33).position(|b| b == b';')?;
    let body = &rest[..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        // HTML maps numeric references 0x80..=0x9F to Windows-1252, as browsers do.
        match value {
            0x80..=0x9F => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&[value as u8])
                .0
                .chars()
                .next()?,
            _ => char::from_u32(value)?,
        }
    } else {
        named(body)?
    };
    ((c as u32) >= 0x80).then_some((c, end + 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_and_found() {
        assert!(ENTITIES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(named("Atilde"), Some('Ã'));
        assert_eq!(named("laquo"), Some('«'));
        assert_eq!(named("euro"), Some('€'));
        assert_eq!(named("amp"), None);
    }

    #[test]
    fn decodes_references() {
        assert_eq!(decode_at("&Atilde;&laquo;"), Some(('Ã', 8)));
        assert_eq!(decode_at("&#195;x"), Some(('Ã', 6)));
        assert_eq!(decode_at("&#xC3;"), Some(('Ã', 6)));
        assert_eq!(decode_at("&#128;"), Some(('€', 6)));
        assert_eq!(decode_at("&amp;"), None);
        assert_eq!(decode_at("&#65;"), None);
        assert_eq!(decode_at("& no"), None);
        assert_eq!(decode_at("&#99999999999;"), None);
    }
}
