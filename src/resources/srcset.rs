//! The candidates of a `srcset` attribute (`a.jpg 1x, b.jpg 2x`), each URL
//! with its range, parsed as the HTML standard's srcset algorithm does.

use std::ops::Range;

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0C)
}

/// The byte range of each candidate's URL in `value`.
pub fn candidates(value: &str) -> Vec<Range<usize>> {
    let bytes = value.as_bytes();
    let mut out = Vec::new();
    let mut p = 0;
    loop {
        // Separators: white space and commas before a URL.
        while p < bytes.len() && (is_space(bytes[p]) || bytes[p] == b',') {
            p += 1;
        }
        if p >= bytes.len() {
            return out;
        }
        let start = p;
        while p < bytes.len() && !is_space(bytes[p]) {
            p += 1;
        }
        // Commas that end the URL separate candidates; inside it they belong
        // to it (`w_100,h_100` in image CDN paths).
        let mut end = p;
        let mut had_comma = false;
        while end > start && bytes[end - 1] == b',' {
            end -= 1;
            had_comma = true;
        }
        if end > start {
            out.push(start..end);
        }
        if had_comma {
            continue;
        }
        // Descriptors up to the next comma outside parentheses.
        let mut depth = 0usize;
        while p < bytes.len() {
            match bytes[p] {
                b'(' => depth += 1,
                b')' => depth = depth.saturating_sub(1),
                b',' if depth == 0 => {
                    p += 1;
                    break;
                }
                _ => {}
            }
            p += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(v: &str) -> Vec<&str> {
        candidates(v).into_iter().map(|r| &v[r]).collect()
    }

    #[test]
    fn candidates_and_descriptors() {
        assert_eq!(urls("a.jpg"), ["a.jpg"]);
        assert_eq!(urls("a.jpg 1x, b.jpg 2x"), ["a.jpg", "b.jpg"]);
        assert_eq!(urls(" a.jpg 480w,\n  b.jpg 800w "), ["a.jpg", "b.jpg"]);
        assert_eq!(urls("a.jpg,b.jpg"), ["a.jpg,b.jpg"]);
        assert_eq!(urls("a.jpg, b.jpg"), ["a.jpg", "b.jpg"]);
        assert_eq!(
            urls("/c/w_100,h_100/x.jpg 1x,/c/y.jpg 2x"),
            ["/c/w_100,h_100/x.jpg", "/c/y.jpg"]
        );
        assert!(urls(" , ,").is_empty());
    }
}
