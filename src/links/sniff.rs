//! The image type of a body from its first bytes, for servers that send
//! images as `application/octet-stream` or without a `Content-Type`.

/// Bytes read from a body to recognise an image; a GET never reads more.
pub const SNIFF_BYTES: usize = 1024;

/// The media type of the image `head` starts, if it starts one.
pub fn image_type(head: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| head.starts_with(magic);
    if starts(b"\x89PNG\r\n\x1a\n") {
        return Some("image/png");
    }
    if starts(b"\xff\xd8\xff") {
        return Some("image/jpeg");
    }
    if starts(b"GIF87a") || starts(b"GIF89a") {
        return Some("image/gif");
    }
    if starts(b"RIFF") && head.get(8..12) == Some(b"WEBP") {
        return Some("image/webp");
    }
    if starts(b"BM") && head.len() >= 14 {
        return Some("image/bmp");
    }
    if starts(b"\x00\x00\x01\x00") {
        return Some("image/x-icon");
    }
    if starts(b"II*\x00") || starts(b"MM\x00*") {
        return Some("image/tiff");
    }
    if head.get(4..8) == Some(b"ftyp") {
        return match head.get(8..12) {
            Some(b"avif" | b"avis") => Some("image/avif"),
            Some(b"heic" | b"heix" | b"mif1" | b"msf1") => Some("image/heic"),
            _ => None,
        };
    }
    if starts(b"\xff\x0a") || starts(b"\x00\x00\x00\x0cJXL \x0d\x0a\x87\x0a") {
        return Some("image/jxl");
    }
    is_svg(head).then_some("image/svg+xml")
}

/// An `<svg` root after an optional BOM, XML declaration, doctype and comments.
fn is_svg(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if rest.starts_with("<svg") {
            return true;
        }
        let end = if rest.starts_with("<!--") {
            rest.find("-->").map(|i| i + 3)
        } else if rest.starts_with("<?") || rest.starts_with("<!") {
            rest.find('>').map(|i| i + 1)
        } else {
            None
        };
        match end {
            Some(i) => rest = rest[i..].trim_start(),
            None => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_images_and_not_html() {
        assert_eq!(image_type(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(image_type(b"\xff\xd8\xff\xe0"), Some("image/jpeg"));
        assert_eq!(image_type(b"GIF89a"), Some("image/gif"));
        assert_eq!(image_type(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(image_type(b"\0\0\0\x1cftypavif"), Some("image/avif"));
        assert_eq!(
            image_type(b"<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<svg xmlns=\"\">"),
            Some("image/svg+xml")
        );
        assert_eq!(image_type(b"<!DOCTYPE html><html>"), None);
        assert_eq!(image_type(b""), None);
        assert_eq!(image_type(b"<!-- never closed"), None);
    }
}
