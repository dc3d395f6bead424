//! Boilerplate lines of a normalised text: the lines `BoilerplateLine` of
//! `rules/normalise/boilerplate.toml` matches and menu rows, and the site's name that heads
//! a menu row among the first lines.

use super::wrap::WrapRules;
use super::LineRegex;
use crate::error::RuleError;
use crate::rules::RuleFiles;
use std::ops::Range;

/// Boilerplate rules from `rules/normalise/boilerplate.toml`.
#[derive(Debug)]
pub struct NormaliseRules {
    /// A line matching this is boilerplate (searched for through the whole text at once).
    line: LineRegex,
    /// A line with this many separators ('|', '·', '•') between short items is a menu.
    menu_separators: usize,
    /// A menu row among this many first lines of a text opens with the site's name.
    site_name_lines: usize,
    /// Which line breaks of a wrapped paragraph are soft (`[wrap]`, pattern `ListItem`).
    pub(super) wrap: WrapRules,
}

impl NormaliseRules {
    /// Reads and compiles `normalise/boilerplate.toml` (its `BoilerplateLine` pattern and
    /// `menu_separators` setting).
    pub fn load(files: &RuleFiles) -> Result<NormaliseRules, RuleError> {
        const FILE: &str = "normalise/boilerplate.toml";
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Settings {
            menu_separators: usize,
            site_name_lines: usize,
        }
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Wrap {
            min_line_chars: usize,
        }
        #[derive(serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        struct File {
            settings: Settings,
            wrap: Wrap,
            /// Read by `files.patterns` below.
            #[serde(rename = "patterns")]
            _patterns: serde::de::IgnoredAny,
        }
        let f: File = files.toml(FILE)?;
        let p = files.patterns(FILE, &[])?;
        let line = match LineRegex::new(p.get("BoilerplateLine")?) {
            Some(re) => re,
            // The error, naming the file and line, as the pattern compiler words it.
            None => {
                return Err(p.regex("BoilerplateLine").err().unwrap_or_else(|| {
                    RuleError::new(files.path(FILE), None, "BoilerplateLine does not compile")
                }))
            }
        };
        Ok(NormaliseRules {
            line,
            menu_separators: f.settings.menu_separators,
            site_name_lines: f.settings.site_name_lines,
            wrap: WrapRules {
                min_line_chars: f.wrap.min_line_chars,
                list_item: p.regex("ListItem")?,
            },
        })
    }

    fn is_menu(&self, line: &str) -> bool {
        // An address or contact footer ("38-420 Korczyna · tel. 13 435 40 27") is content.
        // (Bytes suffice: ASCII bytes in UTF-8 are ASCII characters.)
        let b = line.as_bytes();
        // Most lines have no byte of a separator at all: found out by a vectorised search.
        let n = self.menu_separators;
        if memchr::memchr3_iter(b'|', 0xB7, 0xA2, b).take(n).count() < n {
            return false;
        }
        let (address, candidates) = menu_signs(b);
        if address || candidates < self.menu_separators || separators(b) < self.menu_separators {
            return false;
        }
        // A menu is a row of short items, not a sentence with a few bullets.
        let items: Vec<&str> = line.split(['|', '·', '•']).map(str::trim).collect();
        let long = items
            .iter()
            .filter(|s| s.split_whitespace().count() > 4)
            .count();
        long * 4 <= items.len()
    }
}

/// How many menu separators ('|', '·' U+00B7, '•' U+2022) `line` holds, counted on its
/// UTF-8 bytes: '|', C2 B7 and E2 80 A2.
fn separators(line: &[u8]) -> usize {
    let mut n = 0;
    for (i, &b) in line.iter().enumerate() {
        n += usize::from(match b {
            b'|' => true,
            0xB7 => i >= 1 && line[i - 1] == 0xC2,
            0xA2 => i >= 2 && line[i - 1] == 0x80 && line[i - 2] == 0xE2,
            _ => false,
        });
    }
    n
}

/// Whether `line` has a digit or '@' (a sign of an address, not a menu), and how many
/// bytes it has that may belong to a separator ('|', B7, A2): an upper bound of
/// [`separators`]. Counted in blocks with byte-wide counters, so that it vectorises.
fn menu_signs(line: &[u8]) -> (bool, usize) {
    let (mut address, mut seps) = (false, 0);
    for block in line.chunks(255) {
        let (mut a, mut s) = (0u8, 0u8);
        for &b in block {
            a += u8::from(b.is_ascii_digit() | (b == b'@'));
            s += u8::from((b == b'|') | (b == 0xB7) | (b == 0xA2));
        }
        address |= a > 0;
        seps += usize::from(s);
    }
    (address, seps)
}

/// Marks boilerplate lines: those the rules' pattern matches and menu rows; and the
/// site's names at the head of menu rows among the first lines.
pub(super) fn mark_boilerplate(
    text: &str,
    rules: &NormaliseRules,
) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut names = Vec::new();
    let mut at = 0;
    let mut lines = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut matches = rules.line.lines(text);
    let mut line_no = 0;
    while at < text.len() {
        let end = lines.next().unwrap_or(text.len());
        let body = &text[at..end];
        line_no += 1;
        let boilerplate = !body.trim().is_empty() && matches.matches(at, end);
        if !body.trim().is_empty() && (boilerplate || rules.is_menu(body)) {
            if !boilerplate && line_no <= rules.site_name_lines {
                if let Some(name) = site_name(body) {
                    names.push(at + name.start..at + name.end);
                }
            }
            let r = at..end;
            match out.last_mut() {
                Some(last) if text[last.end..r.start].trim().is_empty() => last.end = r.end,
                _ => out.push(r),
            }
        }
        at = end + 1;
    }
    (out, names)
}

/// The first item of menu row `line`, without the spaces around it, when it has letters.
fn site_name(line: &str) -> Option<Range<usize>> {
    let first = line.split(['|', '·', '•']).next()?;
    let start = first.len() - first.trim_start().len();
    let end = first.trim_end().len();
    (end > start && first[start..end].chars().any(char::is_alphabetic)).then_some(start..end)
}
