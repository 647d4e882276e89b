//! A small line diff for `asbind gen --check`: which lines of the file on disk differ from the
//! freshly generated text, shown like a unified diff with line numbers on both sides.

use std::fmt::Write as _;

/// One line of the edit script: indices into the old and the new lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same(usize, usize),
    Old(usize),
    New(usize),
}

/// Above this many cells the middle part is shown as replaced wholesale instead of diffed.
const MAX_TABLE: usize = 4_000_000;

/// Lines of context around each change.
const CONTEXT: usize = 3;

fn edit_script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (ma, mb) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    let mut ops: Vec<Op> = (0..prefix).map(|i| Op::Same(i, i)).collect();
    if (ma.len() + 1).saturating_mul(mb.len() + 1) > MAX_TABLE {
        ops.extend((0..ma.len()).map(|i| Op::Old(prefix + i)));
        ops.extend((0..mb.len()).map(|j| Op::New(prefix + j)));
    } else {
        // lcs[i][j]: length of the longest common subsequence of ma[i..] and mb[j..].
        let w = mb.len() + 1;
        let mut lcs = vec![0u32; (ma.len() + 1) * w];
        for i in (0..ma.len()).rev() {
            for j in (0..mb.len()).rev() {
                lcs[i * w + j] = if ma[i] == mb[j] {
                    lcs[(i + 1) * w + j + 1] + 1
                } else {
                    lcs[(i + 1) * w + j].max(lcs[i * w + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < ma.len() || j < mb.len() {
            if i < ma.len() && j < mb.len() && ma[i] == mb[j] {
                ops.push(Op::Same(prefix + i, prefix + j));
                i += 1;
                j += 1;
            } else if i < ma.len() && (j == mb.len() || lcs[(i + 1) * w + j] >= lcs[i * w + j + 1]) {
                // Removed lines first, as in a unified diff.
                ops.push(Op::Old(prefix + i));
                i += 1;
            } else {
                ops.push(Op::New(prefix + j));
                j += 1;
            }
        }
    }
    let (sa, sb) = (a.len() - suffix, b.len() - suffix);
    ops.extend((0..suffix).map(|k| Op::Same(sa + k, sb + k)));
    ops
}

/// The differences between `old` and `new` as hunks with line numbers, showing at most
/// `max_changes` changed lines (a summary line tells how many more there are). Empty when the
/// texts are equal.
pub fn unified(old: &str, new: &str, old_name: &str, new_name: &str, max_changes: usize) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let ops = edit_script(&a, &b);
    let changed: Vec<usize> = (0..ops.len()).filter(|&k| !matches!(ops[k], Op::Same(..))).collect();
    if changed.is_empty() {
        return String::new();
    }
    let width = a.len().max(b.len()).to_string().len();
    let mut out = format!("--- {old_name}\n+++ {new_name}\n");
    let mut shown = 0;
    let mut k = 0;
    while k < changed.len() && shown < max_changes {
        // A hunk: changes whose context windows touch.
        let start = changed[k].saturating_sub(CONTEXT);
        let mut end = changed[k];
        while k < changed.len() && changed[k] <= end + 2 * CONTEXT + 1 {
            end = changed[k];
            k += 1;
        }
        let end = (end + CONTEXT + 1).min(ops.len());
        let first_old = ops[start..end].iter().find_map(|op| match op {
            Op::Same(i, _) | Op::Old(i) => Some(i + 1),
            Op::New(_) => None,
        });
        let first_new = ops[start..end].iter().find_map(|op| match op {
            Op::Same(_, j) | Op::New(j) => Some(j + 1),
            Op::Old(_) => None,
        });
        let at = |n: Option<usize>| n.map_or_else(|| "end".to_string(), |n| n.to_string());
        let _ = writeln!(out, "@@ line {} (on disk), line {} (generated) @@", at(first_old), at(first_new));
        for op in &ops[start..end] {
            let _ = match *op {
                Op::Same(i, j) => writeln!(out, " {:>width$} {:>width$} | {}", i + 1, j + 1, a[i]),
                Op::Old(i) => {
                    shown += 1;
                    writeln!(out, "-{:>width$} {:>width$} | {}", i + 1, "", a[i])
                }
                Op::New(j) => {
                    shown += 1;
                    writeln!(out, "+{:>width$} {:>width$} | {}", "", j + 1, b[j])
                }
            };
            if shown >= max_changes {
                break;
            }
        }
    }
    if changed.len() > shown {
        let _ = writeln!(out, "... and {} more changed lines", changed.len() - shown);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified("a\nb\n", "a\nb\n", "x", "y", 10), "");
    }

    #[test]
    fn shows_changed_lines_with_numbers() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\neleven\n";
        let d = unified(old, new, "old.rs", "new.rs", 10);
        assert!(d.starts_with("--- old.rs\n+++ new.rs\n"), "{d}");
        assert!(d.contains("- 5    | 5\n"), "{d}");
        assert!(d.contains("+    5 | five\n"), "{d}");
        assert!(d.contains("+   11 | eleven\n"), "{d}");
        assert!(d.contains("@@ line 2 (on disk), line 2 (generated) @@"), "{d}");
    }

    #[test]
    fn limits_the_output() {
        let old: String = (0..100).map(|i| format!("{i}\n")).collect();
        let d = unified(&old, "", "a", "b", 5);
        assert!(d.contains("... and 95 more changed lines"), "{d}");
    }
}
