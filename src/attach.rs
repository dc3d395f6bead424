//! Attachments: PDF with a text layer and DOCX, turned into plain text.
//!
//! Offsets of a PDF or DOCX record count in the text extracted here (UTF-8 bytes), which
//! is what the record's `source` decodes to for komunikat: a PDF's text is what
//! `pdf-extract` reads from its text layer (pages in order, lines as the layout gives
//! them); a DOCX's text is the `w:t` runs of `word/document.xml`, one line per paragraph
//! (`w:p`), `w:tab` a tab and `w:br` a line break. Neither keeps the file's byte offsets
//! (they are compressed streams): slice the extracted text, not the file.

use crate::error::InputError;
use std::io::Read;

/// The most a DOCX's document part may hold once inflated (a guard against zip bombs).
const MAX_XML: u64 = 64 << 20;

/// Whether `bytes` (a ZIP archive) is a Word document.
pub fn is_docx(bytes: &[u8]) -> bool {
    zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .is_ok_and(|z| z.index_for_name("word/document.xml").is_some())
}

/// The text of a DOCX.
pub fn docx_text(bytes: &[u8]) -> Result<String, InputError> {
    let bad = |e: &dyn std::fmt::Display| InputError::Document(format!("DOCX: {e}"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let part = zip.by_name("word/document.xml").map_err(|e| bad(&e))?;
    let mut xml = Vec::new();
    part.take(MAX_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| bad(&e))?;
    if xml.len() as u64 > MAX_XML {
        return Err(bad(&"document.xml is larger than 64 MB inflated"));
    }
    docx_xml_text(&xml).map_err(|e| bad(&e))
}

/// The text of a DOCX's `word/document.xml`.
fn docx_xml_text(xml: &[u8]) -> Result<String, quick_xml::Error> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = String::new();
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf)? {
            Event::Start(e) if e.local_name().into_inner() == "t" => in_text = true,
            Event::End(e) if e.local_name().into_inner() == "t" => in_text = false,
            Event::End(e) if e.local_name().into_inner() == "p" => out.push('\n'),
            Event::Empty(e) => match e.local_name().into_inner() {
                "tab" => out.push('\t'),
                "br" | "cr" => out.push('\n'),
                "p" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let raw: &str = t.as_ref();
                match quick_xml::escape::unescape(raw) {
                    Ok(s) => out.push_str(&s),
                    Err(_) => out.push_str(raw),
                }
            }
            Event::GeneralRef(r) if in_text => {
                let name: &str = r.as_ref();
                let ent = format!("&{name};");
                match quick_xml::escape::unescape(&ent) {
                    Ok(s) => out.push_str(&s),
                    Err(_) => out.push_str(&ent),
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// The text layer of a PDF; a PDF without one (a scan) is an error that says so.
pub fn pdf_text(bytes: &[u8]) -> Result<String, InputError> {
    // pdf-extract panics on some malformed files: a panic is this file's error, not the
    // run's end.
    let text = std::panic::catch_unwind(|| pdf_extract_text(bytes))
        .map_err(|_| InputError::Document("PDF: the file is malformed (reader failed)".into()))?
        .map_err(|e| InputError::Document(format!("PDF: {e}")))?;
    if text.chars().filter(|c| c.is_alphanumeric()).count() < 3 {
        return Err(InputError::Document(
            "PDF without a text layer (a scan?): no text to read; OCR it first".into(),
        ));
    }
    Ok(text)
}

/// pdf-extract's `extract_text_from_mem`, with one check before the text is read: a page
/// whose `/Parent` chain loops (a page its own parent, found by fuzzing) would make
/// pdf-extract's look-up of inherited attributes recurse forever, so it is an error.
fn pdf_extract_text(bytes: &[u8]) -> Result<String, String> {
    use pdf_extract::{Document, Object};
    let mut doc = Document::load_mem(bytes).map_err(|e| e.to_string())?;
    if doc.is_encrypted() {
        doc.decrypt("").map_err(|e| e.to_string())?;
    }
    for (_, page) in doc.get_pages() {
        let mut seen = std::collections::HashSet::new();
        let mut at = Some(page);
        while let Some(id) = at {
            if !seen.insert(id) {
                return Err("a page's /Parent chain loops".into());
            }
            at = doc
                .get_dictionary(id)
                .ok()
                .and_then(|d| d.get(b"Parent").ok())
                .and_then(|o| match o {
                    Object::Reference(id) => Some(*id),
                    _ => None,
                });
        }
    }
    let mut text = String::new();
    let mut out = pdf_extract::PlainTextOutput::new(&mut text);
    pdf_extract::output_doc(&doc, &mut out).map_err(|e| e.to_string())?;
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docx_paragraphs_tabs_and_entities() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>
<w:p><w:r><w:t>Wójt Gminy Oksa</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve"> &amp; sołtys</w:t></w:r></w:p>
<w:p><w:r><w:t>4 czerwca 2019 r.</w:t></w:r></w:p></w:body></w:document>"#;
        let t = docx_xml_text(xml.as_bytes()).unwrap();
        assert_eq!(t, "Wójt Gminy Oksa\t & sołtys\n4 czerwca 2019 r.\n");
    }
}
