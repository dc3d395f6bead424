use super::*;

fn d(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa_distance(&a, &b, 9)
}

/// The nearest forms by a scan of every form.
fn near_by_scan(g: &Gazetteer, folded: &str, max_edits: usize) -> Option<Vec<u32>> {
    let q: Vec<char> = folded.chars().collect();
    let mut best = max_edits + 1;
    let mut found = Vec::new();
    for f in &g.near {
        let form = &g.chars[f.start as usize..(f.start + f.len) as usize];
        if form.first() != q.first() {
            continue;
        }
        let d = osa_distance(&q, form, max_edits + 1);
        if d < best {
            best = d;
            found.clear();
        }
        if d == best && d <= max_edits {
            found.extend_from_slice(&g.ids[f.ids.0 as usize..f.ids.1 as usize]);
        }
    }
    found.sort_unstable();
    found.dedup();
    let name = &g.entries[*found.first()? as usize].name;
    found
        .iter()
        .all(|&id| &g.entries[id as usize].name == name)
        .then_some(found)
}

#[test]
fn near_finds_what_a_full_scan_finds() {
    let g = Gazetteer::load(&RuleFiles::embedded()).unwrap();
    let mut forms: Vec<&String> = g.forms.keys().collect();
    forms.sort();
    let mut queries = Vec::new();
    for (n, form) in forms.iter().enumerate().step_by(41) {
        let c: Vec<char> = form.chars().collect();
        let at = n % c.len().max(1);
        let edit = |f: &dyn Fn(&mut Vec<char>)| {
            let mut c = c.clone();
            f(&mut c);
            c.into_iter().collect::<String>()
        };
        queries.push(form.to_string());
        queries.push(edit(&|c| {
            c.remove(at);
        }));
        queries.push(edit(&|c| c.insert(at, 'k')));
        queries.push(edit(&|c| c[at] = 'y'));
        queries.push(edit(&|c| {
            if at + 1 < c.len() {
                c.swap(at, at + 1)
            }
        }));
        queries.push(edit(&|c| {
            c.remove(at);
            c.insert(c.len() / 2, 'a');
        }));
    }
    for q in &queries {
        for edits in [1, 2] {
            let scan = near_by_scan(&g, q, edits);
            assert_eq!(g.near(q, edits), scan, "{q:?} {edits}");
            // Again, from the memo.
            assert_eq!(g.near(q, edits), scan, "{q:?} {edits}");
        }
    }
}

/// The distance computed on every cell.
fn osa_full(a: &[char], b: &[char]) -> usize {
    let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, v) in d[0].iter_mut().enumerate() {
        *v = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

#[test]
fn one_edit_check_is_the_distance_capped_at_two() {
    let words = small_words();
    for a in &words {
        for b in &words {
            assert_eq!(within_one(a, b), osa_full(a, b).min(2), "{a:?} {b:?}");
        }
    }
}

/// Every word of up to five letters of a three-letter alphabet.
fn small_words() -> Vec<Vec<char>> {
    let mut words: Vec<Vec<char>> = vec![vec![]];
    let mut last = vec![vec![]];
    for _ in 0..5 {
        last = last
            .iter()
            .flat_map(|w: &Vec<char>| {
                ['a', 'b', 'c'].map(|c| {
                    let mut w = w.clone();
                    w.push(c);
                    w
                })
            })
            .collect();
        words.extend(last.iter().cloned());
    }
    words
}

#[test]
fn banded_distance_is_the_full_one_capped() {
    let words = small_words();
    for a in words.iter().step_by(3) {
        for b in &words {
            let full = osa_full(a, b);
            for cap in 1..=4 {
                assert_eq!(osa_distance(a, b, cap), full.min(cap), "{a:?} {b:?} {cap}");
            }
        }
    }
}

#[test]
fn bit_vector_distance_is_the_full_one_capped() {
    let words = small_words();
    for a in words.iter().filter(|a| !a.is_empty()) {
        let p = Pattern::new(a).unwrap();
        for b in &words {
            let full = osa_full(a, b);
            for cap in [1, 3, 9] {
                assert_eq!(p.distance(b, cap), full.min(cap), "{a:?} {b:?} {cap}");
            }
        }
    }
    let long: Vec<char> = "żółwiowskażółwiowskażółwiowskażółwiowskażółwiowskażółwiowskaxyzw"
        .chars()
        .collect();
    assert_eq!(long.len(), 64);
    let mut other = long.clone();
    other.swap(10, 11);
    other[40] = 'q';
    assert_eq!(Pattern::new(&long).unwrap().distance(&other, 9), 2);
    assert_eq!(osa_full(&long, &other), 2);
    assert!(Pattern::new(&[long.clone(), vec!['a']].concat()).is_none());
}

#[test]
fn distance_counts_swaps_as_one_edit() {
    assert_eq!(d("bodzentny", "bodzentyn"), 1);
    assert_eq!(d("lonow", "loniow"), 1);
    assert_eq!(d("konisza", "koniusza"), 1);
    assert_eq!(d("oksa", "oksa"), 0);
    assert_eq!(d("kielce", "bogoria"), 7);
}
