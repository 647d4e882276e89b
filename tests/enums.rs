//! Enums in signatures: with the classes transform, parameters and results declared as an
//! exported enum take and return the Rust enum (the `.d.ts` alone says `i32`).

use asbind::Error;

asbind::include!("fixtures/enums.wasm");
use enums::{Color, Palette};

#[test]
fn enum_parameters_and_results_are_the_rust_enum() -> asbind::Result<()> {
    let mut m = enums::Module::new()?;
    assert_eq!(m.next(Color::Red)?, Color::Green);
    assert_eq!(m.next(Color::Green)?, Color::Blue);
    assert_eq!(m.next(Color::Blue)?, Color::Red);
    assert_eq!(m.name_of(Color::Green)?, "green");
    assert_eq!(m.from_index(2)?, Color::Blue);
    assert_eq!((Color::Red as i32, Color::Green as i32, Color::Blue as i32), (0, 5, 6));
    Ok(())
}

#[test]
fn a_value_outside_the_enum_is_an_error_not_a_bogus_variant() {
    let mut m = enums::Module::new().unwrap();
    let e = m.bogus().unwrap_err();
    assert!(matches!(e, Error::InvalidValue(ref msg) if msg.contains("77 is not a member of enum Color")), "{e}");
}

#[test]
fn class_members_take_and_return_enums() -> asbind::Result<()> {
    let mut m = enums::Module::new()?;
    let p = Palette::new(&mut m, Color::Green)?;
    assert_eq!(p.primary(&mut m)?, Color::Green);
    // 5 + 0 = Green; 5 + 5 = 10 is no Color.
    assert_eq!(p.mix(&mut m, Color::Red)?, Color::Green);
    assert!(p.mix(&mut m, Color::Green).is_err());
    p.set_primary(&mut m, Color::Red)?;
    assert_eq!(p.mix(&mut m, Color::Blue)?, Color::Blue);
    Ok(())
}
