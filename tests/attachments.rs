//! PDF (with and without a text layer) and DOCX releases, made here in code: read, their
//! facts found, offsets counted in the extracted text; a scan is an error that says so.

mod common;

use common::{lines, run_ok};
use std::io::Write;

/// A one-page PDF whose content stream is `content` (Helvetica, WinAnsi).
fn pdf(content: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>".to_string(),
        format!("<< /Length {} >>\nstream\n{}\nendstream", content.len(), content),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{}\nendobj\n", i + 1, o).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A DOCX holding `paragraphs`.
fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        z.start_file("[Content_Types].xml", opts).unwrap();
        z.write_all(b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>").unwrap();
        z.start_file("word/document.xml", opts).unwrap();
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
        for p in paragraphs {
            xml.push_str("<w:p><w:r><w:t xml:space=\"preserve\">");
            xml.push_str(&p.replace('&', "&amp;").replace('<', "&lt;"));
            xml.push_str("</w:t></w:r></w:p>");
        }
        xml.push_str("</w:body></w:document>");
        z.write_all(xml.as_bytes()).unwrap();
        z.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn pdf_and_docx_releases_are_read_and_a_scan_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("ogloszenie.pdf"),
        pdf("BT /F1 12 Tf 72 720 Td (Wojt Gminy Oksa Tadeusz Sobon podpisal umowe 4 czerwca 2019 r. na kwote 56 tys. zl.) Tj ET"),
    )
    .unwrap();
    // A page with only a drawn rectangle: no text layer.
    std::fs::write(p.join("skan.pdf"), pdf("0 0 m 100 100 l S")).unwrap();
    std::fs::write(
        p.join("komunikat.docx"),
        docx(&[
            "Nowa świetlica w Łoniowie",
            "Wójt Gminy Łoniów Szymon Kołacz otworzył świetlicę 4 czerwca 2019 r.",
            "Koszt: 56 tys. zł & wkład własny.",
        ]),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let stderr = run_ok(p, out.path(), &[]);
    let docs = lines(&out.path().join("documents.jsonl"));
    let doc = |id: &str| {
        docs.iter()
            .find(|d| d["id"] == id)
            .unwrap_or_else(|| panic!("no {id}: {docs:?} {stderr}"))
    };
    let d = doc("komunikat");
    assert_eq!(d["format"], "docx");
    assert_eq!(d["title"], "Nowa świetlica w Łoniowie");
    let text = "Nowa świetlica w Łoniowie\nWójt Gminy Łoniów Szymon Kołacz otworzył świetlicę 4 czerwca 2019 r.\nKoszt: 56 tys. zł & wkład własny.\n";
    let date = &d["dates"][0];
    assert_eq!(date["value"], "2019-06-04");
    let (s, e) = (
        date["start"].as_u64().unwrap() as usize,
        date["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], date["text"].as_str().unwrap());
    assert!(d["officials"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["name"] == "Szymon Kołacz"));
    let d = doc("ogloszenie");
    assert_eq!(d["format"], "pdf");
    assert!(
        d["dates"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["value"] == "2019-06-04"),
        "{d}"
    );
    let errors = lines(&out.path().join("errors.jsonl"));
    let scan = errors
        .iter()
        .find(|e| e["path"].as_str().unwrap().ends_with("skan.pdf"))
        .unwrap_or_else(|| panic!("{errors:?}"));
    assert!(
        scan["error"]
            .as_str()
            .unwrap()
            .contains("without a text layer"),
        "{scan}"
    );
}
