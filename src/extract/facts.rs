//! The kinds of fact a document record lists, each declared once by the extractor that
//! finds it ([`Fact`], implemented for its item type in `src/extract/<kind>.rs`) and listed
//! by the table `extractors!`: everything that goes over every kind (the store's mention
//! rows, the long documents' windows and caps, what the event stage keeps, the review
//! site's kinds, the corrections, `rules check`) is made from the table through
//! [`each_fact`] and [`FACTS`], never from a list of its own.

use crate::record::{DocumentRecord, Located};

/// One kind of fact: an item type of the record, declared by its extractor's module.
pub trait Fact: Sized + Default + 'static {
    /// The kind's name: the `kind` of its rows in the store's `mentions` table, of the
    /// review site's facts and of corrections (`"sum"`).
    const KIND: &'static str;
    /// The record field that lists the items (`"sums"`): `record_field!` gives it with
    /// [`Fact::list`] and [`Fact::list_mut`], from the field itself.
    const FIELD: &'static str;
    /// The rules folder whose `examples.toml` describes the items (`komunikat rules
    /// check`): `"money"` for sums.
    const EXAMPLES: &'static str;
    /// The contract lets the record leave out the field when it is empty (serde's
    /// `skip_serializing_if`; a test checks that the two agree).
    const OPTIONAL: bool = false;
    /// The event stage reads the kind: once a record is streamed to the store, its items
    /// stay in memory, without their words and with what [`Fact::keep_for_events`]
    /// leaves; a kind the event stage does not read is dropped.
    const FOR_EVENTS: bool = false;

    /// The record's items of this kind.
    fn list(rec: &DocumentRecord) -> &Vec<Located<Self>>;

    /// The record's items of this kind, to change.
    fn list_mut(rec: &mut DocumentRecord) -> &mut Vec<Located<Self>>;

    /// The item's columns in its row of the store's `mentions` table.
    fn mention(&self) -> Columns;

    /// Clears what the event stage does not read of an item (with [`Fact::FOR_EVENTS`]).
    fn keep_for_events(&mut self) {}
}

/// Gives a [`Fact`] impl its record field: `record_field!(sums)` is [`Fact::FIELD`]
/// `"sums"` and the lists `rec.sums`.
macro_rules! record_field {
    ($field:ident) => {
        const FIELD: &'static str = stringify!($field);
        fn list(rec: &crate::record::DocumentRecord) -> &Vec<crate::record::Located<Self>> {
            &rec.$field
        }
        fn list_mut(
            rec: &mut crate::record::DocumentRecord,
        ) -> &mut Vec<crate::record::Located<Self>> {
            &mut rec.$field
        }
    };
}
pub(crate) use record_field;

/// A fact's columns in the store's `mentions` table (besides the document, the kind, the
/// offsets and the words): `None` is SQL `NULL`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Columns {
    /// ISO date, decimal sum, nominative name.
    pub value: Option<String>,
    /// An official's office.
    pub role: Option<String>,
    /// A gmina's TERYT code (a locality's: its gmina's).
    pub teryt: Option<String>,
    /// A gmina's powiat.
    pub powiat: Option<String>,
    /// A gmina's voivodeship.
    pub voivodeship: Option<String>,
    /// A sum's currency.
    pub currency: Option<String>,
    /// What a sum is for.
    pub purpose: Option<String>,
    /// A sum's kind.
    pub sum_kind: Option<String>,
}

/// What is said of one kind of fact, for code that reads records as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// [`Fact::KIND`].
    pub kind: &'static str,
    /// [`Fact::FIELD`].
    pub field: &'static str,
    /// [`Fact::EXAMPLES`].
    pub examples: &'static str,
    /// [`Fact::OPTIONAL`].
    pub optional: bool,
}

/// Something done for each kind of fact ([`each_fact`]): a closure cannot be generic over
/// the item type, an impl of this can.
pub trait EachFact {
    /// Does it for the kind `T`.
    fn fact<T: Fact>(&mut self);
}

/// Makes [`FACTS`] and [`each_fact`] from the table `extractors!`.
macro_rules! facts {
    ($($kind:ident: $rules:ty [$($item:ty),*] $(=> $hook:ident)?,)*) => {
        /// Every kind of fact, in the order of the table `extractors!` (the order of the
        /// record's fields).
        pub const FACTS: &[Kind] = &[$($(Kind {
            kind: <$item as Fact>::KIND,
            field: <$item as Fact>::FIELD,
            examples: <$item as Fact>::EXAMPLES,
            optional: <$item as Fact>::OPTIONAL,
        },)*)*];

        /// Calls `v.fact::<T>()` for each kind of fact `T`, in the order of [`FACTS`].
        pub fn each_fact(v: &mut impl EachFact) {
            $($(v.fact::<$item>();)*)*
        }
    };
}
super::extractors!(facts);

/// The kind of fact whose name is `kind` (`"sum"`).
pub fn kind(kind: &str) -> Option<&'static Kind> {
    FACTS.iter().find(|k| k.kind == kind)
}

/// How many facts of every kind `rec` lists.
pub fn count(rec: &DocumentRecord) -> usize {
    struct Count<'a>(&'a DocumentRecord, usize);
    impl EachFact for Count<'_> {
        fn fact<T: Fact>(&mut self) {
            self.1 += T::list(self.0).len();
        }
    }
    let mut c = Count(rec, 0);
    each_fact(&mut c);
    c.1
}

impl DocumentRecord {
    /// What stays in memory of a record once it is streamed to the store: the fields the
    /// event stage reads (`id`, `source`, `title`, `published`, `polish`, the features, and
    /// of each kind of fact it reads ([`Fact::FOR_EVENTS`]) every item's offsets and what
    /// [`Fact::keep_for_events`] leaves). The rest is in its stored line, from which the
    /// store rebuilds the record when the event stage fills years in it (the store's
    /// `save_documents`).
    pub fn keep_for_events(&mut self) {
        struct Keep<'a>(&'a mut DocumentRecord);
        impl EachFact for Keep<'_> {
            fn fact<T: Fact>(&mut self) {
                let list = T::list_mut(self.0);
                if !T::FOR_EVENTS {
                    *list = Vec::new();
                    return;
                }
                for l in list.iter_mut() {
                    l.text = String::new();
                    l.item.keep_for_events();
                }
                // what is kept is held for the whole run: no spare capacity
                list.shrink_to_fit();
            }
        }
        self.format = String::new();
        self.encoding = String::new();
        self.language = String::new();
        self.language_method = String::new();
        self.path = None;
        self.source_bytes = None;
        self.truncated = Default::default();
        each_fact(&mut Keep(self));
        if let Some(s) = &mut self.sketch {
            s.shrink_to_fit();
        }
    }

    /// What stays of a record whose final line is in the store: its id.
    pub fn keep_id(&mut self) {
        struct Empty<'a>(&'a mut DocumentRecord);
        impl EachFact for Empty<'_> {
            fn fact<T: Fact>(&mut self) {
                *T::list_mut(self.0) = Vec::new();
            }
        }
        self.keep_for_events();
        self.source = String::new();
        self.title = String::new();
        self.published = None;
        each_fact(&mut Empty(self));
        self.sketch = None;
    }

    /// Every extracted item's (start, end, text), all kinds together, in the order of
    /// [`FACTS`].
    pub fn spans(&self) -> impl Iterator<Item = (usize, usize, &str)> {
        struct Spans<'a>(&'a DocumentRecord, Vec<(usize, usize, &'a str)>);
        impl EachFact for Spans<'_> {
            fn fact<T: Fact>(&mut self) {
                let rec = self.0;
                let of = T::list(rec).iter();
                self.1.extend(of.map(|l| (l.start, l.end, l.text.as_str())));
            }
        }
        let mut s = Spans(self, Vec::with_capacity(count(self)));
        each_fact(&mut s);
        s.1.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// A record without facts, read as serde reads it: the lists the contract requires
    /// are there, empty.
    fn empty() -> DocumentRecord {
        let mut rec = json!({"id": "a", "source": "a.txt", "format": "txt",
            "encoding": "utf-8", "language": "pl", "language_confidence": 1.0,
            "polish": true, "title": "", "language_method": "gate", "bytes": 1});
        for k in FACTS.iter().filter(|k| !k.optional) {
            rec[k.field] = json!([]);
        }
        serde_json::from_value(rec).unwrap()
    }

    /// The record's fields that hold a list, as serde writes them.
    fn lists(rec: &DocumentRecord) -> Vec<String> {
        let Value::Object(m) = serde_json::to_value(rec).unwrap() else {
            unreachable!("a record is an object")
        };
        let lists = m.into_iter().filter(|(_, v)| v.is_array());
        lists.map(|(k, _)| k).collect()
    }

    /// One item of kind `T` in its list, and every kind's field as serde writes it.
    struct Check(Vec<String>);
    impl EachFact for Check {
        fn fact<T: Fact>(&mut self) {
            let mut rec = empty();
            let required = FACTS.iter().filter(|k| !k.optional);
            let fields: Vec<&str> = required.map(|k| k.field).collect();
            assert_eq!(lists(&rec), sorted(fields), "{}", T::KIND);
            T::list_mut(&mut rec).push(Located {
                text: "x".into(),
                start: 3,
                end: 4,
                item: T::default(),
            });
            let v = serde_json::to_value(&rec).unwrap();
            assert_eq!(v[T::FIELD][0]["start"], 3, "{}", T::KIND);
            assert_eq!(rec.spans().collect::<Vec<_>>(), [(3, 4, "x")]);
            assert_eq!(count(&rec), 1);
            rec.keep_id();
            assert_eq!(count(&rec), 0, "{}", T::KIND);
            self.0.push(T::KIND.to_string());
        }
    }

    fn sorted(mut v: Vec<&str>) -> Vec<String> {
        v.sort_unstable();
        v.into_iter().map(str::to_string).collect()
    }

    #[test]
    fn the_facts_of_the_table_are_the_record_lists_serde_writes() {
        let mut c = Check(Vec::new());
        each_fact(&mut c);
        assert_eq!(
            c.0,
            [
                "date",
                "official",
                "sum",
                "institution",
                "gmina",
                "locality"
            ]
        );
        // every list of a record with one item of each kind is a kind of the table
        let mut rec = empty();
        struct One<'a>(&'a mut DocumentRecord);
        impl EachFact for One<'_> {
            fn fact<T: Fact>(&mut self) {
                T::list_mut(self.0).push(Located {
                    text: String::new(),
                    start: 0,
                    end: 0,
                    item: T::default(),
                });
            }
        }
        each_fact(&mut One(&mut rec));
        let fields = sorted(FACTS.iter().map(|k| k.field).collect());
        assert_eq!(lists(&rec), fields);
        assert_eq!(
            kind("sum").map(|k| (k.field, k.examples)),
            Some(("sums", "money"))
        );
        assert_eq!(kind("person"), None);
    }

    #[test]
    fn the_event_stage_keeps_its_kinds_without_their_words() {
        let mut rec = empty();
        rec.sums.push(Located {
            text: "5 zł".into(),
            start: 0,
            end: 4,
            item: crate::record::Sum {
                value: "5.00".into(),
                currency: "PLN".into(),
                kind: Some("grant".into()),
                ..Default::default()
            },
        });
        rec.localities.push(Located {
            text: "Oksa".into(),
            start: 5,
            end: 9,
            item: Default::default(),
        });
        rec.keep_for_events();
        assert_eq!(rec.localities, []);
        assert_eq!(
            (
                rec.sums[0].text.as_str(),
                rec.sums[0].item.value.as_str(),
                &rec.sums[0].item.kind
            ),
            ("", "5.00", &None)
        );
    }
}
