//! Naming hazards on `fixtures/names.wasm` (source `fixtures/src/names.ts`): parameters named
//! like the generated code's locals, keywords and std names, exports named like derived methods
//! (`set_count`, `data_view`) and the module's own items (`collect`, `WASM`, `Module`, `Host`),
//! two AssemblyScript names for one Rust name, imports whose names are no identifiers, an enum
//! alias and an enum member computed at start-up. Every export is called through the generated
//! bindings and checked against what the AssemblyScript code computes.

use asbind::Error;

asbind::include!("fixtures/names.wasm");

use names::{Alias, Counter, Host, Host_2, Late, Module, Module_2};

/// The module's imports: each result says which arguments arrived.
#[derive(Default)]
struct Env {
    calls: Vec<String>,
}

impl Host for Env {
    fn odd_name_with_chars(&mut self, target: i32, cx_2: i32, r: i32) -> asbind::HostResult<i32> {
        self.calls.push("odd-name.with:chars".into());
        Ok(target * 100 + cx_2 * 10 + r)
    }
    fn r#type(&mut self, self_: &str, self_2: i32) -> asbind::HostResult<String> {
        self.calls.push("type".into());
        Ok(format!("{self_}x{self_2}"))
    }
    fn ue9_lan(&mut self, x: i32) -> asbind::HostResult<i32> {
        self.calls.push("élan".into());
        Ok(x + 1)
    }
}

fn module() -> Module<Env> {
    Module::new(Env::default()).unwrap()
}

#[test]
fn parameters_named_like_generated_locals() {
    let mut m = module();
    // target + exports*2 + cx*3 + r*4 + instance*5
    assert_eq!(m.shadow(1, 2, 3, 4, 5).unwrap(), 1 + 4 + 9 + 16 + 25);
    // argc + m*2 + v*3 + p*4 + q*5 + item*6 + value*7 + self*8, `self` defaulting to 100
    assert_eq!(m.locals(1, 2, 3, 4, 5, 6, 7, None).unwrap(), 1 + 4 + 9 + 16 + 25 + 36 + 49 + 800);
    assert_eq!(m.locals(1, 2, 3, 4, 5, 6, 7, Some(8)).unwrap(), 1 + 4 + 9 + 16 + 25 + 36 + 49 + 64);
    // A typed array named `id`, an array of strings named `item`, a nullable named `v`.
    assert_eq!(m.sum_ids(&[1, 2, 3, 4], 3).unwrap(), 6);
    assert_eq!(m.join(&["a", "b", "c"], Some("-"), &[vec![1, 2], vec![3]]).unwrap(), "a-b-c:3");
    assert_eq!(m.join(&["a", "b"], None, &[]).unwrap(), "a,b:0");
    m.collect().unwrap();
    assert_eq!(m.instance().pinned_count(), 0);
}

#[test]
fn keywords_and_std_names() {
    let mut m = module();
    // fn - impl + Ok * Some
    assert_eq!(m.r#type(10, 3, 4, 5).unwrap(), 10 - 3 + 4 * 5);
    assert_eq!(m.vec("ab", 3).unwrap(), "ababab");
    // `crate(self, Self)`: self - Self
    assert_eq!(m.crate_(10, 4).unwrap(), 6);
}

#[test]
fn a_global_and_a_function_named_like_its_setter() {
    let mut m = module();
    assert_eq!(m.count().unwrap(), 3);
    // The export `set_count` keeps its name (it stores v * 10)...
    assert_eq!(m.set_count(4).unwrap(), 40);
    assert_eq!(m.count().unwrap(), 40);
    // ...and the global's setter is the derived `set_count_2`.
    m.set_count_2(5).unwrap();
    assert_eq!(m.count().unwrap(), 5);
}

#[test]
fn a_function_named_like_a_view() {
    let mut m = module();
    assert_eq!(m.data(3).unwrap(), vec![0.0, 1.0, 2.0]);
    assert_eq!(m.data_view().unwrap(), 42);
    let view = m.data_view_2(4).unwrap();
    assert_eq!(view, &[0.0, 1.0, 2.0, 3.0]);
}

#[test]
fn exports_named_like_the_modules_own_items() {
    let mut m = module();
    assert_eq!(m.collect_2().unwrap(), 7);
    assert_eq!(m.instance_mut_2().unwrap(), 8);
    assert_eq!(m.from_file_2().unwrap(), 9);
    assert_eq!(m.wasm_2().unwrap(), 10);
    assert_eq!(m.compiled_2().unwrap(), 11);
    assert_eq!(m.host_2().unwrap(), 12);
    // The generated items still work.
    m.collect().unwrap();
    assert!(m.host().calls.is_empty());
    assert!(!Module::<Env>::wasm().is_empty());
}

#[test]
fn two_names_for_one_rust_name() {
    let mut m = module();
    // `getValue` comes first in the .d.ts, `get_value` gets the suffix.
    assert_eq!(m.get_value().unwrap(), 1);
    assert_eq!(m.get_value_2().unwrap(), 2);
}

#[test]
fn class_members_named_like_each_other_and_the_receiver() {
    let mut m = module();
    let c = Counter::new(&mut m, 5).unwrap();
    // `add(m, self_)`: the AssemblyScript `m` is `m_2` beside the module parameter `m`.
    assert_eq!(c.add(&mut m, 2, 3).unwrap(), 10);
    assert_eq!(c.value(&mut m).unwrap(), 10);
    // `to_string()` and `toString()` both reachable, with their own results.
    assert_eq!(c.to_string(&mut m).unwrap(), "counter 10");
    assert_eq!(c.to_string_2(&mut m).unwrap(), "Counter(10)");
    // A method `handle` beside the handle's own `handle()`.
    assert_eq!(c.handle_2(&mut m).unwrap(), 1000);
    assert_eq!(c.handle().ptr(), c.ptr());
    c.set_value(&mut m, 1).unwrap();
    assert_eq!(c.to_string_2(&mut m).unwrap(), "Counter(1)");
}

#[test]
fn a_class_named_module() {
    let mut m = module();
    let obj = Module_2::new(&mut m, 21).unwrap();
    assert_eq!(obj.twice(&mut m).unwrap(), 42);
    assert_eq!(obj.n(&mut m).unwrap(), 21);
    assert_eq!(m.module_n(&obj).unwrap(), 21);
}

#[test]
fn enum_aliases_are_constants() {
    let mut m = module();
    assert_eq!(Alias::B, Alias::A);
    assert_eq!(i32::from(Alias::B), 1);
    assert_eq!(i32::from(Alias::C), 2);
    assert_eq!(Alias::try_from(1).unwrap(), Alias::A);
    assert_eq!(Alias::try_from(2).unwrap(), Alias::C);
    assert!(matches!(Alias::try_from(3), Err(Error::InvalidValue(_))));
    // alias_value(a) = a * 10; with the transform, the parameter is the enum itself.
    assert_eq!(m.alias_value(Alias::B).unwrap(), 10);
    // An enum named `Host`, with a member named `Self`.
    assert_eq!(i32::from(Host_2::Self_), 0);
    assert_eq!(i32::from(Host_2::Exports), 1);
}

#[test]
fn enum_members_computed_at_start_up_are_read_from_the_instance() {
    let mut m = module();
    assert_eq!(Late::MEMBERS, &[Late::Fixed, Late::Computed]);
    // `Computed = computed()` = 42, set by the start function (its global starts at 0).
    assert_eq!(m.late_value_2(Late::Computed).unwrap(), 42);
    assert_eq!(m.late_value_2(Late::Fixed).unwrap(), 1);
    assert_eq!(m.late_member(42).unwrap(), Late::Computed);
    assert_eq!(m.late_member(1).unwrap(), Late::Fixed);
    assert!(matches!(m.late_member(0), Err(Error::InvalidValue(_))));
    // The export `late_value` keeps its name: late_value(l) = l + 1000.
    let computed = m.late_value_2(Late::Computed).unwrap();
    assert_eq!(m.late_value(computed).unwrap(), 1042);
}

#[test]
fn imports_with_odd_names_through_the_host_trait() {
    let mut m = module();
    // call_odd(a) = odd_import(a, 1, 2); the host answers target*100 + cx*10 + r.
    assert_eq!(m.call_odd(7).unwrap(), 712);
    // call_keyword(s) = keyword_import(s, 3)
    assert_eq!(m.call_keyword("hi").unwrap(), "hix3");
    // call_unicode(x) = unicode_import(x)
    assert_eq!(m.call_unicode(5).unwrap(), 6);
    assert_eq!(m.host().calls, ["odd-name.with:chars", "type", "élan"]);
}
