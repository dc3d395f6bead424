//! Content sniffing: what a file is, from its first bytes (and its name only where the
//! bytes cannot tell), so that mirrored pages (`.php`, `.asp`, `index.html?id=5`, no
//! extension) are read as what they are, and images, style sheets, scripts and archives are
//! skipped rather than failed.

use crate::ingest::Format;
use std::path::Path;

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A release to read in this format.
    Read(Format),
    /// Not a release (an image, a style sheet, a script, an archive): counted as skipped.
    Skip(&'static str),
}

/// Media that are never releases, by their first bytes.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"RIFF", "RIFF media (WebP, WAV, AVI)"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"\x1F\x8B", "gzip archive"),
    (b"7z\xBC\xAF", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xFD7zXZ", "xz archive"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
    (b"\x7FELF", "executable"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"\x1A\x45\xDF\xA3", "Matroska/WebM video"),
];

/// Names of files that are never releases (checked when the bytes are text).
const SKIP_EXTENSIONS: &[(&str, &str)] = &[
    ("css", "style sheet"),
    ("js", "script"),
    ("mjs", "script"),
    ("json", "JSON data"),
    ("map", "source map"),
    ("svg", "SVG image"),
    ("xml", "XML data"),
    ("csv", "CSV data"),
    ("woff", "web font"),
    ("woff2", "web font"),
    ("ttf", "font"),
    ("eot", "font"),
    ("ico", "icon"),
];

/// Extensions of pages a mirror saves (read as HTML when the text looks like it).
const PAGE_EXTENSIONS: &[&str] = &[
    "html", "htm", "xhtml", "shtml", "php", "asp", "aspx", "jsp", "cfm", "cgi", "pl",
];

/// What `bytes` (the start of the file at `path`) hold.
pub fn sniff(path: &Path, bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"%PDF") {
        return Kind::Read(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return if crate::attach::is_docx(bytes) {
            Kind::Read(Format::Docx)
        } else {
            Kind::Skip("ZIP archive")
        };
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Kind::Skip("OLE document (doc, xls)");
    }
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Kind::Skip(what);
        }
    }
    // The extension of the name; a mirror's `index.html?id=5` counts as `html`.
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let base = name.split(['?', '#']).next().unwrap_or("");
    let ext = base.rsplit_once('.').map_or("", |(_, e)| e);
    if let Some((_, what)) = SKIP_EXTENSIONS.iter().find(|(e, _)| *e == ext) {
        return Kind::Skip(what);
    }
    if looks_like_html(bytes) {
        return Kind::Read(Format::Html);
    }
    match ext {
        "md" | "markdown" => Kind::Read(Format::Md),
        e if PAGE_EXTENSIONS.contains(&e) => Kind::Read(Format::Html),
        _ => Kind::Read(Format::Txt),
    }
}

/// A page: the text starts (after a BOM, white space and comments) with a doctype or an
/// `<html>`, `<head>` or `<body>` tag, or holds one of them early on.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let start = lower
        .strip_prefix(b"\xEF\xBB\xBF".as_slice())
        .unwrap_or(&lower);
    let trimmed = start
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .map_or(&[][..], |i| &start[i..]);
    let opens = |tag: &[u8]| trimmed.starts_with(tag);
    if opens(b"<!doctype html") || opens(b"<html") || opens(b"<head") || opens(b"<body") {
        return true;
    }
    let contains = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    trimmed.starts_with(b"<") && (contains(b"<html") || contains(b"<body") || contains(b"<head"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(name: &str, bytes: &[u8]) -> Kind {
        sniff(Path::new(name), bytes)
    }

    #[test]
    fn pages_by_content_media_skipped() {
        let page = b"<!DOCTYPE html><html><body><p>Gmina</p></body></html>";
        for name in ["a.php", "index.html?id=5", "strona", "b.asp", "c.txt"] {
            assert_eq!(kind(name, page), Kind::Read(Format::Html), "{name}");
        }
        assert_eq!(kind("x.php", b"Wojt gminy"), Kind::Read(Format::Html));
        assert_eq!(kind("x", b"Wojt gminy"), Kind::Read(Format::Txt));
        assert_eq!(kind("x.md", b"# Wojt"), Kind::Read(Format::Md));
        assert_eq!(kind("p.txt", b"\x89PNG\r\n"), Kind::Skip("PNG image"));
        assert_eq!(
            kind("s.css", b"body { color: red }"),
            Kind::Skip("style sheet")
        );
        assert_eq!(kind("a.js", b"var x = 1;"), Kind::Skip("script"));
        assert_eq!(kind("a.pdf", b"%PDF-1.4"), Kind::Read(Format::Pdf));
        assert!(matches!(kind("a.zip", b"PK\x03\x04rest"), Kind::Skip(_)));
    }
}
