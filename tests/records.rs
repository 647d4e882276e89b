//! Recursive records through `asbind::include!` (`fixtures/records.wasm`): a list whose field
//! refers back to its own record (`Option<Box<Link>>`), a tree through an array (`Vec<Tree>`,
//! no box), a mutual recursion (`A` → `B` → `A`), cycles the module builds (no Rust value can
//! hold them: a typed `TooDeep` error, never a stack overflow), the depth budget in both
//! directions, and old-style record wrappers left out. Then nested arrays lifted by their
//! declared kinds from `fixtures/nested.wasm`, built without `--exportRuntime` (no RTTI).

use asbind::{Error, Imports};

asbind::include!("fixtures/records.wasm");
asbind::include!("fixtures/nested.wasm");

use records::{A, B, Link, Tree};

/// The list `from, from + 1, ..., to` built in Rust, iteratively.
fn rust_chain(from: i32, to: i32) -> Option<Box<Link>> {
    let mut head = None;
    for v in (from..=to).rev() {
        head = Some(Box::new(Link { v, next: head }));
    }
    head
}

/// Drops a long list without recursing once per link (the derived drop would).
fn drop_chain(mut head: Option<Box<Link>>) {
    while let Some(mut link) = head {
        head = link.next.take();
    }
}

/// The values of a list, in order.
fn values(mut head: Option<&Link>) -> Vec<i32> {
    let mut out = Vec::new();
    while let Some(link) = head {
        out.push(link.v);
        head = link.next.as_deref();
    }
    out
}

fn assert_too_deep<T: std::fmt::Debug>(result: asbind::Result<T>, limit: u32) {
    match result {
        Err(e @ Error::TooDeep { limit: l }) if l == limit => {
            let message = e.to_string();
            assert!(message.contains(&format!("more than {limit} levels")), "{message}");
            assert!(message.contains("Imports::max_depth") && message.contains("Instance::set_max_depth"), "{message}");
        }
        other => panic!("expected TooDeep {{ limit: {limit} }}, got {other:?}"),
    }
}

fn nothing_pinned(m: &mut records::Module) {
    m.instance_mut().flush_released().unwrap();
    assert_eq!(m.instance().pinned_count(), 0, "pin table not empty");
}

#[test]
fn a_short_list_lifts_exactly() {
    let mut m = records::Module::new().unwrap();
    let head = m.chain(10).unwrap();
    assert_eq!(values(head.as_ref()), (1..=10).collect::<Vec<_>>());
    assert_eq!(head, rust_chain(1, 10).map(|b| *b));
    assert_eq!(m.chain(1).unwrap(), Some(Link { v: 1, next: None }));
    assert_eq!(m.chain(0).unwrap(), None);
    nothing_pinned(&mut m);
}

#[test]
fn a_rust_list_lowers_and_round_trips() {
    let mut m = records::Module::new().unwrap();
    let list = rust_chain(1, 100).unwrap();
    assert_eq!(m.chain_sum(Some(&list)).unwrap(), 5050);
    assert_eq!(m.chain_len(Some(&list)).unwrap(), 100);
    assert_eq!(m.chain_sum(None).unwrap(), 0);
    // Lifted from the module, lowered back: the same list.
    let back = m.chain(20).unwrap().unwrap();
    assert_eq!(m.chain_sum(Some(&back)).unwrap(), 210);
    nothing_pinned(&mut m);
}

#[test]
fn a_cycle_is_a_typed_error() {
    let mut m = records::Module::new().unwrap();
    assert_eq!(m.instance().max_depth(), asbind::DEFAULT_MAX_DEPTH);
    assert_too_deep(m.cycle(), asbind::DEFAULT_MAX_DEPTH);
    // The instance is still usable, and the failed lift left nothing pinned.
    let three = m.chain(3).unwrap();
    assert_eq!(m.chain_sum(three.as_ref()).unwrap(), 6);
    nothing_pinned(&mut m);
}

#[test]
fn a_very_long_list_is_a_typed_error() {
    let mut m = records::Module::new().unwrap();
    assert_too_deep(m.chain(100_000), 512);
    // Just within the limit, and just over it.
    assert_eq!(values(m.chain(512).unwrap().as_ref()).len(), 512);
    assert_too_deep(m.chain(513), 512);
}

#[test]
fn the_limit_is_settable() {
    // On the instance...
    let mut m = records::Module::new().unwrap();
    m.instance_mut().set_max_depth(10);
    assert_eq!(values(m.chain(10).unwrap().as_ref()).len(), 10);
    assert_too_deep(m.chain(11), 10);
    m.instance_mut().set_max_depth(800);
    let long = m.chain(800).unwrap();
    assert_eq!(values(long.as_ref()).len(), 800);
    drop_chain(long.map(Box::new));
    assert_too_deep(m.cycle(), 800);
    // ... and on the imports, before instantiation.
    let imports = Imports::new().max_depth(3);
    let mut m = records::Module::with_options(imports).unwrap();
    assert_eq!(m.instance().max_depth(), 3);
    assert_too_deep(m.chain(4), 3);
    assert_eq!(values(m.chain(3).unwrap().as_ref()), [1, 2, 3]);
}

#[test]
fn lowering_a_deep_rust_value_is_a_typed_error() {
    let mut m = records::Module::new().unwrap();
    // Deeper than the default: refused before the host's stack runs out (a 100 000-long list
    // would overflow it in the derived `Drop` alone, so the raised limit is tried on a short one).
    let deep = rust_chain(1, 550).unwrap();
    assert_too_deep(m.chain_sum(Some(&deep)), 512);
    nothing_pinned(&mut m);
    m.instance_mut().set_max_depth(550);
    assert_eq!(m.chain_sum(Some(&deep)).unwrap(), 550 * 551 / 2);
    drop_chain(Some(deep));
    nothing_pinned(&mut m);
}

#[test]
fn a_tree_recurses_through_its_array() {
    let mut m = records::Module::new().unwrap();
    let t: Tree = m.tree(3).unwrap();
    assert_eq!(t.label, "d3");
    assert_eq!(t.kids.len(), 2);
    assert_eq!(t.kids[1].kids[0].label, "d1");
    let leaf = &t.kids[0].kids[0].kids[0];
    assert_eq!(leaf, &Tree { label: "d0".into(), kids: vec![] });
    assert_eq!(m.tree_size(&t).unwrap(), 15);
    let built = Tree {
        label: "root".into(),
        kids: vec![Tree::default(), Tree { label: "x".into(), kids: vec![Tree::default()] }],
    };
    assert_eq!(m.tree_size(&built).unwrap(), 4);
    // Each tree level is two nesting levels (the record and its array of kids).
    m.instance_mut().set_max_depth(7);
    assert_too_deep(m.tree(3), 7);
    m.instance_mut().set_max_depth(8);
    assert_eq!(m.tree(3).unwrap(), t);
    assert_too_deep(m.tree_size(&Tree { label: String::new(), kids: vec![t] }), 8);
    assert_too_deep(m.tree_cycle(), 8);
    nothing_pinned(&mut m);
}

#[test]
fn a_mutual_recursion_is_boxed_both_ways() {
    let mut m = records::Module::new().unwrap();
    let a: A = m.ab().unwrap();
    let expected = A { x: 1, b: Some(Box::new(B { y: 2.0, a: Some(Box::new(A { x: 3, b: None })) })) };
    assert_eq!(a, expected);
    assert_eq!(m.ab_sum(Some(&a)).unwrap(), 6.0);
    let longer = A { x: 10, b: Some(Box::new(B { y: 0.5, a: Some(Box::new(a)) })) };
    assert_eq!(m.ab_sum(Some(&longer)).unwrap(), 16.5);
    assert_too_deep(m.ab_cycle(), 512);
    nothing_pinned(&mut m);
}

#[test]
fn record_wrappers_are_left_out_with_a_note() {
    let mut m = records::Module::new().unwrap();
    // The record itself is still bound, by value.
    assert_eq!(m.make_p(3.0, 4.0).unwrap(), records::P { x: 3.0, y: 4.0 });
    // `P__get_x`, `P__set_x`, `P__m_norm2` are not (`m.p_set_x` would not compile); the
    // generator says why.
    let options = asbind_codegen::Options {
        wasm: concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/records.wasm").into(),
        dts: None,
        js: None,
        embed: asbind_codegen::Embed::Runtime,
    };
    let generated = asbind_codegen::generate(&options).unwrap();
    let code = generated.tokens.to_string();
    for export in ["P__get_x", "P__set_x", "P__m_norm2"] {
        assert!(!code.contains(&format!("\"{export}\"")), "{export} is bound");
        assert!(generated.model.functions.iter().all(|f| f.export != export), "{export} is in the model");
    }
    assert!(generated.model.functions.iter().any(|f| f.export == "make_p"));
    let note = generated.model.notes.iter().find(|n| n.contains("P__set_x")).expect("a note on the left-out wrappers");
    assert!(note.contains("temporary copy"), "{note}");
}

// ---- nested arrays without RTTI -------------------------------------------------------------

#[test]
fn nested_arrays_lift_by_their_declared_kinds_without_rtti() {
    let mut m = nested::Module::new().unwrap();
    assert!(m.instance().abi().rtti_base.is_none(), "the fixture must not export __rtti_base");
    assert_eq!(m.triangle(4).unwrap(), vec![vec![0], vec![0, 1], vec![0, 1, 2], vec![0, 1, 2, 3]]);
    assert_eq!(m.triangle(0).unwrap(), Vec::<Vec<i32>>::new());
    assert_eq!(m.words(3).unwrap(), vec![vec!["a"], vec!["b", "b"], vec!["c", "c", "c"]]);
    assert_eq!(m.halves(3).unwrap(), vec![vec![], vec![0.5f32], vec![0.5, 1.5]]);
    assert_eq!(m.grid().unwrap(), vec![vec![1u8, 2], vec![3]]);
    assert_eq!(m.sparse(4).unwrap(), vec![Some(vec![0]), None, Some(vec![2]), None]);
}

#[test]
fn a_non_nullable_self_reference_is_boxed_and_never_finite() {
    let mut m = records::Module::new().unwrap();
    assert_too_deep(m.knot(), 512);
    match m.loose_knot() {
        Err(Error::Null(what)) => assert!(what.contains("Knot"), "{what}"),
        other => panic!("expected a Null error, got {other:?}"),
    }
    // The field is a `Box<Knot>`: the type checks, though no value of it is finite.
    let _field: fn(&records::Knot) -> &Box<records::Knot> = |k| &k.k;
    nothing_pinned(&mut m);
}
