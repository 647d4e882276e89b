//! `fixtures/torture.wasm`: every hazard an ordinary module has, at once (names that collide with
//! generated code and with each other, recursive records, enum aliases and start-time members,
//! export aliases, function references, import names that are no Rust identifiers), through
//! `asbind::include!`, with values computed by the AssemblyScript source.

use asbind::Error;

asbind::include!("fixtures/torture.wasm");
use torture::{Alias, Counter, Late, Node};

struct Host;

impl torture::Host for Host {
    fn odd_name_with_chars(&mut self, target: i32, cx: i32) -> asbind::HostResult<i32> {
        Ok(target * 100 + cx)
    }
    fn r#type(&mut self, s: &str) -> asbind::HostResult<String> {
        Ok(s.to_uppercase())
    }
}

fn module() -> torture::Module<Host> {
    torture::Module::new(Host).expect("torture.wasm instantiates")
}

#[test]
fn names_that_collide_with_generated_code_and_each_other() -> asbind::Result<()> {
    let mut m = module();
    assert_eq!(m.shadow(1, 2, 3, 4, 5)?, 1 + 2 * 2 + 3 * 3 + 4 * 4 + 5 * 5);
    assert_eq!(m.sum_ids(&[1, 2, 3, 4], 3)?, 6);
    assert_eq!(m.r#type(10, 3, 2, 4)?, 10 - 3 + 2 * 4);
    assert_eq!(m.vec("ab", 3)?, "ababab");
    // The export `set_count` keeps its name; the global's setter is `set_count_2`.
    assert_eq!(m.count()?, 3);
    assert_eq!(m.set_count(5)?, 50);
    assert_eq!(m.count()?, 50);
    m.set_count_2(7)?;
    assert_eq!(m.count()?, 7);
    // `data`'s view beside an export `data_view`.
    assert_eq!(m.data(3)?, vec![0.0, 1.0, 2.0]);
    assert_eq!(m.data_view_2(2)?, &mut [0.0, 1.0]);
    assert_eq!(m.data_view()?, 42);
    // Exports named like the module's own methods.
    assert_eq!((m.collect_2()?, m.instance_mut_2()?, m.from_file_2()?, m.wasm_2()?), (7, 8, 9, 10));
    m.collect()?;
    assert_eq!((m.get_value()?, m.get_value_2()?), (1, 2));
    Ok(())
}

#[test]
fn class_members_named_like_the_receiver_and_like_each_other() -> asbind::Result<()> {
    let mut m = module();
    let c = Counter::new(&mut m, 1)?;
    assert_eq!(c.add(&mut m, 2, 3)?, 6);
    assert_eq!(c.to_string(&mut m)?, "counter 6");
    assert_eq!(c.to_string_2(&mut m)?, "Counter(6)");
    assert_eq!(c.value(&mut m)?, 6);
    Ok(())
}

#[test]
fn recursive_records_are_boxed_and_cycles_are_an_error() -> asbind::Result<()> {
    let mut m = module();
    let head = m.chain(3)?.expect("a list");
    assert_eq!(head.v, 1);
    let second = head.next.as_deref().expect("two");
    assert_eq!((second.v, second.next.as_ref().map(|n| n.v)), (2, Some(3)));
    assert_eq!(m.chain_sum(Some(&head))?, 6);
    let built = Node { v: 10, next: Some(Box::new(Node { v: 20, next: None })) };
    assert_eq!(m.chain_sum(Some(&built))?, 30);
    let e = m.cycle().unwrap_err();
    assert!(matches!(e, Error::TooDeep { .. }), "{e}");
    let t = m.tree(3)?;
    assert_eq!((t.label.as_str(), t.kids.len(), t.kids[0].kids[1].label.as_str()), ("d3", 2, "d1"));
    Ok(())
}

#[test]
fn enums_aliases_and_start_time_members() -> asbind::Result<()> {
    let mut m = module();
    assert_eq!(Alias::B, Alias::A);
    assert_eq!(m.alias_value(Alias::C)?, 2);
    assert_eq!(m.alias_value(Alias::B)?, 1);
    assert_eq!(m.late_value(Late::Fixed)?, 1);
    assert_eq!(m.late_value(Late::Computed)?, 42);
    assert_eq!(m.late_member(42)?, Late::Computed);
    Ok(())
}

#[test]
fn aliases_function_references_and_odd_imports() -> asbind::Result<()> {
    let mut m = module();
    assert_eq!(m.renamed_add(2, 3)?, 5);
    assert_eq!(m.total_alias()?, 5);
    let double = m.double_fn()?;
    m.collect()?;
    assert_eq!(m.apply(&double, 21)?, 42);
    assert_eq!(m.call_odd(4)?, 401);
    assert_eq!(m.call_keyword("shout")?, "SHOUT");
    Ok(())
}
