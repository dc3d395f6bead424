//! Loading the money rules: multipliers, currencies, number words, the sum patterns, kinds,
//! ranges and the purpose reader.

use super::*;

impl MoneyRules {
    /// Reads and compiles the money rules (`rules/money/`): multipliers, currencies,
    /// number words, sum patterns, kinds, ranges and the purpose reader ([`Extractor::load`]).
    pub(super) fn from_files(files: &RuleFiles) -> Result<MoneyRules, RuleError> {
        let mult_tsv = files.tsv("money/multipliers.tsv")?;
        let (multipliers, alone) = load_multipliers(&mult_tsv)?;
        let ranges = Ranges::load(files, "money/patterns.toml")?;
        let kinds = KindRules::load(files, "money/kinds.toml")?;
        let cur_tsv = files.tsv("money/currencies.tsv")?;
        let currencies = load_currencies(&cur_tsv)?;
        let hedges = files.tsv("money/hedges.tsv")?;
        let hedge_col = hedges.column("form")?;
        let words = NumberWords::load(&files.tsv("money/number_words.tsv")?)?;
        let purpose_file = "money/purpose.toml";
        let purpose_lists: purpose::PurposeLists = files.toml(purpose_file)?;

        let forms_where = |place: &[Place], ends_alnum: Option<bool>| {
            let alt = alternation(
                currencies
                    .keys()
                    .filter(|(f, p)| {
                        place.contains(p)
                            && ends_alnum.is_none_or(|a| f.ends_with(char::is_alphanumeric) == a)
                    })
                    .map(|(f, _)| f.as_str()),
            );
            or_never(alt)
        };
        let forms = |place: &[Place]| forms_where(place, None);
        let mut extra: Vec<(&str, String)> = vec![
            (
                "Multiplier",
                alternation(multipliers.keys().map(String::as_str)),
            ),
            ("CurrencyAfter", forms(&[Place::After, Place::LineEnd])),
            ("CurrencyBefore", forms(&[Place::Before])),
            (
                "CurrencyAfterWord",
                forms_where(&[Place::After], Some(true)),
            ),
            (
                "CurrencyAfterMark",
                forms_where(&[Place::After], Some(false)),
            ),
            (
                "Hedge",
                alternation(hedges.rows.iter().map(|r| r.fields[hedge_col].as_str())),
            ),
            ("NumberWord", alternation(words.forms())),
            (
                "ImpliedMultiplier",
                or_never(alternation(alone.iter().map(String::as_str))),
            ),
        ];
        extra.extend(purpose_lists.patterns());
        extra.extend(ranges.patterns());
        let patterns = files.patterns("money/patterns.toml", &extra)?;
        let left = purpose::Left::new(
            &purpose_lists,
            |name| patterns.get(name),
            || {
                Ok::<_, RuleError>((
                    patterns.regex("PurposeLeft")?,
                    patterns.regex("PurposeLeftAfterMark")?,
                ))
            },
        )?;
        let purpose = PurposeRules::new(
            purpose_lists,
            left,
            patterns.regex("PurposeRight")?,
            patterns.get("PurposeWord")?,
        );
        let before_forms = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(
                currencies
                    .keys()
                    .filter(|(_, p)| *p == Place::Before)
                    .map(|(f, _)| f.as_str()),
            )
            .map_err(|e| RuleError::new(cur_tsv.path.clone(), None, e.to_string()))?;
        let before: Vec<&String> = currencies
            .keys()
            .filter(|(_, p)| *p == Place::Before)
            .map(|(f, _)| f)
            .collect();
        let before_ascii = before
            .iter()
            .all(|f| f.is_ascii() && !f.is_empty())
            .then(|| before.iter().map(|f| f.as_bytes().to_vec()).collect());
        let line_end_forms: Vec<String> = currencies
            .keys()
            .filter(|(_, p)| *p == Place::LineEnd)
            .map(|(f, _)| f.clone())
            .collect();
        let mut line_end_last = [false; 128];
        for f in &line_end_forms {
            if let Some(c) = f.chars().next_back().filter(char::is_ascii) {
                line_end_last[c as usize] = true;
            }
        }
        Ok(MoneyRules {
            before_forms,
            before_ascii,
            sum_after: lean::SumAfter::new(
                patterns.get("SumAfter")?,
                patterns.get("RangeLow")?,
                |p| patterns.compile("SumAfter", p, 64 << 20),
            )?,
            sum_before: patterns.regex("SumBefore")?,
            sum_implied: patterns.regex("SumImplied")?,
            ranges,
            kinds,
            trigger: patterns.regex("SumTrigger")?,
            trigger_end: patterns.regex("SumTriggerEnd")?,
            line_end_forms,
            line_end_last,
            multipliers,
            currencies,
            words,
            purpose,
            restated: patterns.regex("Restated")?,
            listed: patterns.regex("ListedBefore")?,
        })
    }
}
