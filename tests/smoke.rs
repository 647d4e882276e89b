mod common;

#[test]
fn hello_smoke() {
    let mut inst = common::instance("hello");
    let f = inst.func::<(f32, f32), f32>("sqrt_sum_square").unwrap();
    assert_eq!(inst.call(&f, (3.0, 4.0)).unwrap(), 5.0);
    let expand = inst.func::<u32, u32>("expand_string").unwrap();
    let mut cx = inst.ctx();
    let p = cx.lower_str("abc").unwrap();
    let r = cx.call(&expand, p).unwrap();
    assert_eq!(cx.lift_string(r).unwrap(), "a b c");
    let gen_f = inst.func::<(i32, f32, f32), u32>("generate_random_float_array").unwrap();
    let mut cx = inst.ctx();
    let p = cx.call(&gen_f, (5, 1.0, 2.0)).unwrap();
    let v: Vec<f32> = cx.lift_vec(p).unwrap();
    assert_eq!(v.len(), 5);
    assert!(v.iter().all(|x| (1.0..2.0).contains(x)), "{v:?}");
    assert_eq!(inst.abi().generation, asbind::Generation::V0_24);
}
