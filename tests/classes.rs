//! Classes through `asbind::include!`, on both compiler generations:
//!
//! * AssemblyScript 0.28.20 built with `asbind-codegen/transform/asbind-classes.mjs` (`vector3d.wasm`,
//!   `classes.wasm`): typed handles, the transform's `C__new`/`C__m_x`/`C__get_x` wrappers;
//! * AssemblyScript 0.19.23 (`vector3d_0_19.wasm`, `classes_0_19.wasm`): the classic
//!   `C#constructor`/`C#method` exports, whose `.d.ts` types every reference as `usize`, so the
//!   bindings take and give `asbind::AnyRef`, converted with `Ctx::convert`.
//!
//! Each test body is written once (`vector_tests!`, `class_tests!`) and runs in one module per
//! generation; that module's few adapter functions are the only place the two APIs differ.
//! `classes_plain.wasm` (0.28.20 without the transform) is checked at the end, then how handles
//! tell subclasses no export names from other classes (`subclasses*.wasm`).

use std::f64::consts::PI;
use std::slice;

use asbind::{AnyRef, Error, Instance, Lift, Result};

asbind::include!("fixtures/vector3d.wasm");
asbind::include!("fixtures/vector3d_0_19.wasm");
asbind::include!("fixtures/classes.wasm");
asbind::include!("fixtures/classes_0_19.wasm");
asbind::include!("fixtures/classes_plain.wasm");
asbind::include!("fixtures/subclasses.wasm");
asbind::include!("fixtures/subclasses_plain.wasm");
asbind::include!("fixtures/subclasses_0_19.wasm");

/// Converts a classic result (`Option<AnyRef>`, the `.d.ts` says `usize`) to `T`, checked
/// against the object's runtime type.
fn convert<T: Lift>(inst: &mut Instance, r: Option<AnyRef>) -> Result<T> {
    let r = r.ok_or_else(|| Error::Null("classic result".into()))?;
    inst.ctx().convert(&r)
}

/// Unpins what dropped handles left queued; then the host must pin nothing.
fn assert_nothing_pinned(inst: &mut Instance) {
    inst.flush_released().unwrap();
    assert_eq!(inst.pinned_count(), 0, "pin table not empty");
}

// ---- vectors ------------------------------------------------------------------------------

/// `Vector3d#length`, in the same order of operations as the AssemblyScript source.
fn norm([x, y, z]: [f64; 3]) -> f64 {
    (x * x + y * y + z * z).sqrt()
}

/// `Vector3d#distance`.
fn distance_between(a: [f64; 3], b: [f64; 3]) -> f64 {
    norm([a[0] - b[0], a[1] - b[1], a[2] - b[2]])
}

/// `get_minimum_distance`: the smallest pairwise distance, +inf for fewer than two.
fn minimum_pairwise(points: &[[f64; 3]]) -> f64 {
    let mut best = f64::INFINITY;
    for (i, &a) in points.iter().enumerate() {
        for &b in &points[i + 1..] {
            best = best.min(distance_between(a, b));
        }
    }
    best
}

/// pyaswasm's vector walkthrough, once per generation. Expects in scope: `Module`, `Vector3d`,
/// `random_vectors`, `minimum_distance`, `distance`.
macro_rules! vector_tests {
    () => {
        fn coords(m: &mut Module, v: &Vector3d) -> Result<[f64; 3]> {
            Ok([v.x(m)?, v.y(m)?, v.z(m)?])
        }

        #[test]
        fn walkthrough() -> Result<()> {
            let mut m = Module::new()?;
            let mut vs = random_vectors(&mut m, 5)?;
            assert_eq!(vs.len(), 5);
            m.collect()?; // the handles keep the vectors alive
            let mut points = Vec::new();
            for v in &vs {
                let p = coords(&mut m, v)?;
                assert!(p.iter().all(|c| (0.0..10.0).contains(c)), "{p:?}");
                assert_eq!(v.length(&mut m)?, norm(p));
                points.push(p);
            }

            let v = Vector3d::new(&mut m, 1.0, 2.0, 2.0)?;
            assert_eq!(v.length(&mut m)?, 3.0);
            vs.push(v);
            points.push([1.0, 2.0, 2.0]);
            m.collect()?;
            assert_eq!(minimum_distance(&mut m, &vs)?, minimum_pairwise(&points));
            assert_eq!(minimum_distance(&mut m, &vs[..1])?, f64::INFINITY);
            assert_eq!(minimum_distance(&mut m, &[])?, f64::INFINITY);

            for (a, pa) in vs.iter().zip(&points) {
                for (b, pb) in vs.iter().zip(&points) {
                    assert_eq!(distance(&mut m, a, b)?, distance_between(*pa, *pb));
                }
            }
            drop(vs);
            assert_nothing_pinned(m.instance_mut());
            Ok(())
        }

        #[test]
        fn setters_are_seen_by_getters_and_methods() -> Result<()> {
            let mut m = Module::new()?;
            let v = Vector3d::new(&mut m, 1.0, 2.0, 2.0)?;
            let w = Vector3d::new(&mut m, 0.0, 0.0, 0.0)?;
            assert_eq!(distance(&mut m, &v, &w)?, 3.0);
            v.set_x(&mut m, 3.0)?;
            v.set_y(&mut m, 4.0)?;
            v.set_z(&mut m, 12.0)?;
            assert_eq!(coords(&mut m, &v)?, [3.0, 4.0, 12.0]);
            assert_eq!(v.length(&mut m)?, 13.0);
            assert_eq!(distance(&mut m, &w, &v)?, 13.0);
            Ok(())
        }

        #[test]
        fn handles_survive_collections_and_unpin_when_dropped() -> Result<()> {
            let mut m = Module::new()?;
            let v = Vector3d::new(&mut m, 1.0, 2.0, 2.0)?;
            let vs = random_vectors(&mut m, 3)?;
            let points = vs.iter().map(|v| coords(&mut m, v)).collect::<Result<Vec<_>>>()?;
            for _ in 0..5 {
                for _ in 0..20 {
                    drop(random_vectors(&mut m, 100)?); // garbage, some of it at freed addresses
                }
                m.collect()?;
                assert_eq!(coords(&mut m, &v)?, [1.0, 2.0, 2.0]);
                for (v, p) in vs.iter().zip(&points) {
                    assert_eq!(coords(&mut m, v)?, *p);
                }
            }
            assert_eq!(m.instance().pin_count(v.ptr()), 1);
            let again = Vector3d::wrap(&mut m, v.ptr())?;
            let copy = v.clone();
            assert_eq!(m.instance().pin_count(v.ptr()), 3);
            assert_eq!(again, v);
            drop((again, copy));
            assert_eq!(m.instance().pin_count(v.ptr()), 1);
            assert_eq!(m.instance().pinned_count(), 4);
            drop((v, vs));
            assert_nothing_pinned(m.instance_mut());
            Ok(())
        }

        #[test]
        fn a_handle_of_another_instance_is_an_error() -> Result<()> {
            let mut m = Module::new()?;
            let mut other = Module::new()?;
            let v = Vector3d::new(&mut m, 1.0, 2.0, 2.0)?;
            let w = Vector3d::new(&mut other, 0.0, 0.0, 0.0)?;
            assert!(matches!(v.length(&mut other), Err(Error::ForeignHandle)));
            assert!(matches!(v.set_x(&mut other, 5.0), Err(Error::ForeignHandle)));
            assert!(matches!(distance(&mut other, &w, &v), Err(Error::ForeignHandle)));
            assert!(matches!(minimum_distance(&mut other, &[w.clone(), v.clone()]), Err(Error::ForeignHandle)));
            // Both instances are intact.
            assert_eq!(v.length(&mut m)?, 3.0);
            assert_eq!(w.length(&mut other)?, 0.0);
            drop((v, w));
            assert_nothing_pinned(m.instance_mut());
            assert_nothing_pinned(other.instance_mut());
            Ok(())
        }
    };
}

/// 0.28.20 with the transform: the bindings are typed all the way.
mod vectors_transform {
    use super::*;
    use crate::vector3d::{Module, Vector3d};

    fn random_vectors(m: &mut Module, n: i32) -> Result<Vec<Vector3d>> {
        m.get_random_vectors(n)
    }
    fn minimum_distance(m: &mut Module, vs: &[Vector3d]) -> Result<f64> {
        m.get_minimum_distance(vs)
    }
    fn distance(m: &mut Module, v: &Vector3d, w: &Vector3d) -> Result<f64> {
        v.distance(m, w)
    }

    vector_tests!();
}

/// 0.19.23: references are `AnyRef`; arrays are built with the module's `idof` export.
mod vectors_classic {
    use super::*;
    use crate::vector3d_0_19::{Module, Vector3d};

    fn random_vectors(m: &mut Module, n: i32) -> Result<Vec<Vector3d>> {
        let r = m.get_random_vectors(n)?;
        convert(m.instance_mut(), r)
    }
    fn minimum_distance(m: &mut Module, vs: &[Vector3d]) -> Result<f64> {
        let id = m.vectors_array_id()?;
        let array = m.instance_mut().ctx().new_array_of(id, vs)?;
        m.get_minimum_distance(&array)
    }
    fn distance(m: &mut Module, v: &Vector3d, w: &Vector3d) -> Result<f64> {
        v.distance(m, &w.any())
    }

    vector_tests!();

    #[test]
    fn free_functions_take_and_give_any_ref() -> Result<()> {
        let mut m = Module::new()?;
        let v = m.vector_new(1.0, 2.0, 2.0)?.expect("a vector");
        assert_eq!(m.vector_length(&v)?, 3.0);
        let v: Vector3d = m.instance_mut().ctx().convert(&v)?;
        let c = m.vector_coords(&v.any())?;
        assert_eq!(convert::<Vec<f64>>(m.instance_mut(), c)?, vec![1.0, 2.0, 2.0]);
        // The class-id global the 0.19 compiler exports next to the `idof` one.
        assert_eq!(<Vector3d as asbind::kinds::Class>::IDS[0], m.vector3d_id()?, "the class-id global");
        Ok(())
    }
}

// ---- shapes and temperatures --------------------------------------------------------------

/// `Temperature` keeps kelvins: what a Celsius value reads back as.
fn celsius_stored(c: f64) -> f64 {
    const ABSOLUTE_ZERO: f64 = -273.15;
    (c - ABSOLUTE_ZERO) + ABSOLUTE_ZERO
}

/// `"<name> with area <area>"`, the area printed by AssemblyScript's `f64.toString`.
fn assert_description(text: &str, name: &str, area: f64) {
    let rest = text.strip_prefix(&format!("{name} with area ")).unwrap_or_else(|| panic!("{text:?}"));
    assert_eq!(rest.parse::<f64>().unwrap_or_else(|e| panic!("{text:?}: {e}")), area, "{text:?}");
}

/// `total_area`: the areas summed left to right.
fn sum(areas: &[f64]) -> f64 {
    areas.iter().fold(0.0, |s, a| s + a)
}

/// `make_shapes(n)`: circles of radius i + 1 at even i, plain shapes "shape<i>" at odd i.
fn expected_shape(i: usize) -> (String, f64) {
    let r = (i + 1) as f64;
    if i.is_multiple_of(2) { ("circle".into(), PI * r * r) } else { (format!("shape{i}"), 0.0) }
}

/// Checks every class feature once per generation. Expects in scope: `Module`, `Shape`,
/// `Circle`, `Temperature` and the adapters below each invocation.
macro_rules! class_tests {
    () => {
        #[test]
        fn inherited_members_dispatch_to_overrides() -> Result<()> {
            let mut m = Module::new()?;
            let c = Circle::new(&mut m, Some(2.0))?;
            assert_eq!(c.radius(&mut m)?, 2.0);
            assert_eq!(c.area(&mut m)?, PI * 2.0 * 2.0);
            // `name` and `describe` are Shape's; `describe` calls Circle's `area`.
            assert_eq!(circle_name(&mut m, &c)?, "circle");
            assert_description(&circle_describe(&mut m, &c)?, "circle", PI * 4.0);
            c.set_radius(&mut m, 3.0)?;
            assert_description(&circle_describe(&mut m, &c)?, "circle", PI * 9.0);

            // The same object through its base class (see `base_handle_methods` for `s.area()`).
            let s = Shape::from(c.clone());
            assert_eq!(s.ptr(), c.ptr());
            assert_eq!(total_area(&mut m, slice::from_ref(&s))?, PI * 9.0);
            assert_eq!(name(&mut m, &s)?, "circle");
            assert_description(&describe(&mut m, &s)?, "circle", PI * 9.0);
            set_name(&mut m, &s, "disc")?;
            assert_eq!(circle_name(&mut m, &c)?, "disc");

            let plain = new_shape(&mut m, "square")?;
            assert_eq!(plain.area(&mut m)?, 0.0);
            assert_eq!(name(&mut m, &plain)?, "square");
            assert_description(&describe(&mut m, &plain)?, "square", 0.0);
            Ok(())
        }

        #[test]
        fn default_constructor_argument() -> Result<()> {
            let mut m = Module::new()?;
            let c = Circle::new(&mut m, None)?;
            assert_eq!(c.radius(&mut m)?, 1.0);
            assert_eq!(c.area(&mut m)?, PI);
            assert_eq!(Circle::new(&mut m, Some(0.5))?.radius(&mut m)?, 0.5);
            Ok(())
        }

        #[test]
        fn static_methods_and_fields() -> Result<()> {
            let mut m = Module::new()?;
            assert_eq!(Shape::count(&mut m)?, 0);
            let created = create_shape(&mut m, "made by create")?;
            assert_eq!(name(&mut m, &created)?, "made by create");
            new_shape(&mut m, "a")?;
            Circle::new(&mut m, None)?;
            make_shapes(&mut m, 4)?;
            assert_eq!(Shape::count(&mut m)?, 7, "Shape.count counts circles too");
            Shape::set_count(&mut m, 100)?;
            assert_eq!(Shape::count(&mut m)?, 100);
            new_shape(&mut m, "b")?;
            assert_eq!(Shape::count(&mut m)?, 101);

            assert_eq!(Temperature::absolute_zero(&mut m)?, -273.15);
            assert_eq!(Temperature::made(&mut m)?, 0);
            let t = Temperature::new(&mut m, 20.0)?;
            let f = freezing(&mut m)?;
            assert_eq!((t.id(&mut m)?, f.id(&mut m)?, Temperature::made(&mut m)?), (1, 2, 2));
            assert_eq!(f.celsius(&mut m)?, 0.0);
            Temperature::set_made(&mut m, 10)?;
            assert_eq!(Temperature::new(&mut m, 0.0)?.id(&mut m)?, 11);
            Ok(())
        }

        #[test]
        fn setter_then_getters() -> Result<()> {
            let mut m = Module::new()?;
            let t = Temperature::new(&mut m, 20.0)?;
            assert_eq!(t.celsius(&mut m)?, celsius_stored(20.0));
            assert_eq!(t.fahrenheit(&mut m)?, celsius_stored(20.0) * 1.8 + 32.0);
            t.set_celsius(&mut m, 100.0)?;
            let c = celsius_stored(100.0);
            assert_eq!(t.celsius(&mut m)?, c);
            assert_eq!(t.fahrenheit(&mut m)?, c * 1.8 + 32.0);
            let text = format(&mut m, &t)?;
            assert_eq!(text.strip_suffix(" C").map(str::parse::<f64>), Some(Ok(c)), "{text:?}");
            Ok(())
        }

        #[test]
        fn default_method_argument_and_instance_arguments() -> Result<()> {
            let mut m = Module::new()?;
            let t = Temperature::new(&mut m, 10.0)?;
            let by_default = warmer(&mut m, &t, None)?;
            let by_five = warmer(&mut m, &t, Some(5.0))?;
            let c = celsius_stored(10.0);
            assert_eq!(by_default.celsius(&mut m)?, celsius_stored(c + 1.0));
            assert_eq!(by_five.celsius(&mut m)?, celsius_stored(c + 5.0));
            assert!(hotter_than(&mut m, &by_five, &by_default)?);
            assert!(hotter_than(&mut m, &by_default, &t)?);
            assert!(!hotter_than(&mut m, &t, &by_five)?);
            assert!(!hotter_than(&mut m, &t, &t)?);
            Ok(())
        }

        #[test]
        fn arrays_of_instances_both_ways() -> Result<()> {
            let mut m = Module::new()?;
            let shapes = make_shapes(&mut m, 5)?;
            assert_eq!(shapes.len(), 5);
            let mut areas = Vec::new();
            for (i, s) in shapes.iter().enumerate() {
                let (want_name, want_area) = expected_shape(i);
                assert_eq!(name(&mut m, s)?, want_name);
                // Down again, checked against the runtime type.
                match Circle::wrap(&mut m, s.ptr()) {
                    Ok(c) => {
                        assert!(i.is_multiple_of(2), "{i}");
                        assert_eq!(c.radius(&mut m)?, (i + 1) as f64);
                        assert_eq!(c.area(&mut m)?, want_area);
                    }
                    Err(e) => {
                        assert!(!i.is_multiple_of(2) && matches!(e, Error::WrongType { .. }), "{i}: {e}");
                        assert_eq!(s.area(&mut m)?, 0.0);
                    }
                }
                areas.push(want_area);
            }
            assert_eq!(total_area(&mut m, &shapes)?, sum(&areas));

            // Upcasts mixed with plain shapes.
            let small = Circle::new(&mut m, None)?;
            let big = Circle::new(&mut m, Some(2.0))?;
            let mixed = [Shape::from(small), new_shape(&mut m, "flat")?, Shape::from(big)];
            assert_eq!(total_area(&mut m, &mixed)?, sum(&[PI, 0.0, PI * 2.0 * 2.0]));
            assert_eq!(total_area(&mut m, &[])?, 0.0);
            Ok(())
        }

        #[test]
        fn objects_live_while_their_handles_do() -> Result<()> {
            let mut m = Module::new()?;
            let circle = Circle::new(&mut m, Some(2.5))?;
            let shape = new_shape(&mut m, "held")?;
            let created = create_shape(&mut m, "created")?;
            let temp = Temperature::new(&mut m, 36.6)?;
            let warm = warmer(&mut m, &temp, Some(2.0))?;
            let returned = make_shapes(&mut m, 6)?;
            let wrapped = Shape::wrap(&mut m, returned[0].ptr())?;
            drop(returned); // `wrapped` alone keeps the first one

            for round in 0..5 {
                for _ in 0..20 {
                    drop(make_shapes(&mut m, 100)?);
                }
                m.collect()?;
                assert_eq!(circle.radius(&mut m)?, 2.5, "round {round}");
                assert_eq!(circle_name(&mut m, &circle)?, "circle");
                assert_eq!(name(&mut m, &shape)?, "held");
                assert_eq!(name(&mut m, &created)?, "created");
                assert_eq!(temp.celsius(&mut m)?, celsius_stored(36.6));
                assert_eq!(warm.celsius(&mut m)?, celsius_stored(celsius_stored(36.6) + 2.0));
                assert_eq!(name(&mut m, &wrapped)?, "circle");
                assert_eq!(total_area(&mut m, slice::from_ref(&wrapped))?, PI);
            }

            // One pin per object; clones, upcasts, `any()` and `wrap` count.
            let pins = |m: &Module| m.instance().pin_count(circle.ptr());
            assert_eq!(pins(&m), 1);
            let copy = circle.clone();
            let upcast = Shape::from(circle.clone());
            let any = circle.any();
            let again = Shape::wrap(&mut m, circle.ptr())?;
            assert_eq!(pins(&m), 5);
            drop((copy, upcast, any, again));
            assert_eq!(pins(&m), 1);
            m.instance_mut().flush_released()?; // temporaries of the classic adapters
            assert_eq!(m.instance().pinned_count(), 6);

            drop((circle, shape, created, temp, warm, wrapped));
            assert_nothing_pinned(m.instance_mut());
            m.collect()?;
            Ok(())
        }

        #[test]
        fn wrap_checks_the_runtime_type() -> Result<()> {
            let mut m = Module::new()?;
            let c = Circle::new(&mut m, Some(2.0))?;
            let s = new_shape(&mut m, "plain")?;
            let t = Temperature::new(&mut m, 1.0)?;
            // A subclass object as its base class: fine, and the module sees the circle.
            let as_shape = Shape::wrap(&mut m, c.ptr())?;
            assert_eq!(total_area(&mut m, slice::from_ref(&as_shape))?, PI * 4.0);
            assert_eq!(Circle::wrap(&mut m, c.ptr())?, c);
            // Another class, or a base object as the subclass: wrong type.
            assert!(matches!(Temperature::wrap(&mut m, c.ptr()), Err(Error::WrongType { .. })));
            assert!(matches!(Circle::wrap(&mut m, s.ptr()), Err(Error::WrongType { .. })));
            assert!(matches!(Shape::wrap(&mut m, t.ptr()), Err(Error::WrongType { .. })));
            assert!(matches!(Shape::wrap(&mut m, 0), Err(Error::Null(_))));
            drop((c, s, t, as_shape));
            assert_nothing_pinned(m.instance_mut());
            Ok(())
        }

        #[test]
        fn a_handle_of_another_instance_is_an_error() -> Result<()> {
            let mut m = Module::new()?;
            let mut other = Module::new()?;
            let c = Circle::new(&mut m, None)?;
            let t = Temperature::new(&mut m, 1.0)?;
            let t_other = Temperature::new(&mut other, 2.0)?;
            assert!(matches!(c.area(&mut other), Err(Error::ForeignHandle)));
            assert!(matches!(c.set_radius(&mut other, 4.0), Err(Error::ForeignHandle)));
            assert!(matches!(circle_describe(&mut other, &c), Err(Error::ForeignHandle)));
            assert!(matches!(t.set_celsius(&mut other, 4.0), Err(Error::ForeignHandle)));
            assert!(matches!(hotter_than(&mut other, &t_other, &t), Err(Error::ForeignHandle)));
            assert!(matches!(warmer(&mut other, &t, None), Err(Error::ForeignHandle)));
            let mine = [Shape::from(c.clone())];
            assert!(matches!(total_area(&mut other, &mine), Err(Error::ForeignHandle)));
            // Nothing was corrupted on either side.
            assert_eq!(c.radius(&mut m)?, 1.0);
            assert_eq!(t.celsius(&mut m)?, celsius_stored(1.0));
            assert_eq!(t_other.celsius(&mut other)?, celsius_stored(2.0));
            drop((c, t, t_other, mine));
            assert_nothing_pinned(m.instance_mut());
            assert_nothing_pinned(other.instance_mut());
            Ok(())
        }
    };
}

/// 0.28.20 with the transform: strings, instances and arrays are typed; statics are associated
/// functions of their class.
mod classes_transform {
    use super::*;
    use crate::classes::{Circle, Module, Shape, Temperature};

    fn new_shape(m: &mut Module, name: &str) -> Result<Shape> {
        Shape::new(m, name)
    }
    fn create_shape(m: &mut Module, name: &str) -> Result<Shape> {
        Shape::create(m, name)
    }
    fn name(m: &mut Module, s: &Shape) -> Result<String> {
        s.name(m)
    }
    fn set_name(m: &mut Module, s: &Shape, name: &str) -> Result<()> {
        s.set_name(m, name)
    }
    fn describe(m: &mut Module, s: &Shape) -> Result<String> {
        s.describe(m)
    }
    fn circle_name(m: &mut Module, c: &Circle) -> Result<String> {
        c.name(m)
    }
    fn circle_describe(m: &mut Module, c: &Circle) -> Result<String> {
        c.describe(m)
    }
    fn freezing(m: &mut Module) -> Result<Temperature> {
        Temperature::freezing(m)
    }
    fn warmer(m: &mut Module, t: &Temperature, by: Option<f64>) -> Result<Temperature> {
        t.warmer(m, by)
    }
    fn hotter_than(m: &mut Module, t: &Temperature, other: &Temperature) -> Result<bool> {
        t.hotter_than(m, other)
    }
    fn format(m: &mut Module, t: &Temperature) -> Result<String> {
        t.format(m)
    }
    fn make_shapes(m: &mut Module, n: i32) -> Result<Vec<Shape>> {
        m.make_shapes(n)
    }
    fn total_area(m: &mut Module, shapes: &[Shape]) -> Result<f64> {
        m.total_area(shapes)
    }

    class_tests!();

    /// Through a base-class handle a method runs the override: the transform's `Shape__m_area`
    /// wrapper calls `self.area()`, a virtual call.
    #[test]
    fn base_handle_methods() -> Result<()> {
        let mut m = Module::new()?;
        let c = Circle::new(&mut m, Some(2.0))?;
        let s = Shape::from(c.clone());
        assert_eq!(s.area(&mut m)?, PI * 2.0 * 2.0);
        assert_eq!(s.describe(&mut m)?, c.describe(&mut m)?);
        Ok(())
    }
}

/// 0.19.23: strings and instances are `AnyRef` both ways, and arrays are built with an id found
/// in the RTTI (the source exports no `idof`).
mod classes_classic {
    use super::*;
    use crate::classes_0_19::{Circle, Module, Shape, Temperature};

    fn new_shape(m: &mut Module, name: &str) -> Result<Shape> {
        let name = m.instance_mut().ctx().new_string(name)?;
        Shape::new(m, &name)
    }
    fn create_shape(m: &mut Module, name: &str) -> Result<Shape> {
        let name = m.instance_mut().ctx().new_string(name)?;
        let r = Shape::create(m, &name)?;
        convert(m.instance_mut(), r)
    }
    fn name(m: &mut Module, s: &Shape) -> Result<String> {
        let r = s.name(m)?;
        convert(m.instance_mut(), r)
    }
    fn set_name(m: &mut Module, s: &Shape, name: &str) -> Result<()> {
        let name = m.instance_mut().ctx().new_string(name)?;
        s.set_name(m, &name)
    }
    fn describe(m: &mut Module, s: &Shape) -> Result<String> {
        let r = s.describe(m)?;
        convert(m.instance_mut(), r)
    }
    fn circle_name(m: &mut Module, c: &Circle) -> Result<String> {
        let r = c.name(m)?;
        convert(m.instance_mut(), r)
    }
    fn circle_describe(m: &mut Module, c: &Circle) -> Result<String> {
        let r = c.describe(m)?;
        convert(m.instance_mut(), r)
    }
    fn freezing(m: &mut Module) -> Result<Temperature> {
        let r = Temperature::freezing(m)?;
        convert(m.instance_mut(), r)
    }
    fn warmer(m: &mut Module, t: &Temperature, by: Option<f64>) -> Result<Temperature> {
        let r = t.warmer(m, by)?;
        convert(m.instance_mut(), r)
    }
    fn hotter_than(m: &mut Module, t: &Temperature, other: &Temperature) -> Result<bool> {
        t.hotter_than(m, &other.any())
    }
    fn format(m: &mut Module, t: &Temperature) -> Result<String> {
        let r = t.format(m)?;
        convert(m.instance_mut(), r)
    }
    fn make_shapes(m: &mut Module, n: i32) -> Result<Vec<Shape>> {
        let r = m.make_shapes(n)?;
        convert(m.instance_mut(), r)
    }
    fn total_area(m: &mut Module, shapes: &[Shape]) -> Result<f64> {
        let mut cx = m.instance_mut().ctx();
        let id = cx.array_id::<Shape>(asbind::ArrayKind::Array)?;
        let array = cx.new_array_of(id, shapes)?;
        m.total_area(&array)
    }

    class_tests!();

    /// 0.19 exports `Shape#area` as Shape's own implementation (no virtual call); the bindings
    /// pick `Circle#area` for a circle by its runtime id, so a base handle runs the override as
    /// in the transform build.
    #[test]
    fn base_handle_methods() -> Result<()> {
        let mut m = Module::new()?;
        let c = Circle::new(&mut m, Some(2.0))?;
        let s = Shape::from(c.clone());
        assert_eq!(s.area(&mut m)?, PI * 2.0 * 2.0, "dispatched to `Circle#area`");
        let name = m.instance_mut().ctx().new_string("plain")?;
        let plain = Shape::create(&mut m, &name)?.expect("a shape");
        let plain: Shape = m.instance_mut().ctx().convert(&plain)?;
        assert_eq!(plain.area(&mut m)?, 0.0, "a Shape's own `Shape#area`");
        assert_eq!(describe(&mut m, &s)?, circle_describe(&mut m, &c)?);
        Ok(())
    }
}

// ---- without the transform ----------------------------------------------------------------

#[test]
fn plain_build_binds_functions_with_opaque_handles() -> Result<()> {
    use classes_plain::{Module, Shape};
    let mut m = Module::new()?;
    let none: Vec<Shape> = m.make_shapes(0)?;
    assert!(none.is_empty());
    assert_eq!(m.total_area(&none)?, 0.0);
    Ok(())
}

/// No export names `Circle`, 0.28's RTTI has no base ids and the plain build has no hierarchy
/// from the transform, so the bindings cannot know that Circle (id 6) is a Shape: its objects
/// are refused, unless the instance accepts unknown ids as possible subclasses.
#[test]
fn plain_build_lifts_subclass_objects_as_the_base_class_only_when_told_to() -> Result<()> {
    use classes_plain::{Module, Shape};
    let mut m = Module::new()?;
    let refused = m.make_shapes(4).map(drop).unwrap_err();
    assert!(matches!(refused, Error::WrongType { found: 6, .. }), "{refused}");
    assert!(refused.to_string().contains("src/classes/Shape"), "{refused}");
    assert_nothing_pinned(m.instance_mut());
    m.instance_mut().accept_unlisted_subclasses(true);
    let shapes: Vec<Shape> = m.make_shapes(4)?;
    assert_eq!(shapes.len(), 4);
    m.collect()?;
    let areas = [PI, 0.0, PI * 9.0, 0.0];
    assert_eq!(m.total_area(&shapes)?, sum(&areas));
    assert_eq!(m.instance().pin_count(shapes[0].ptr()), 1);
    drop(shapes);
    assert_nothing_pinned(m.instance_mut());
    Ok(())
}

#[test]
fn plain_build_notes_say_how_to_get_methods() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/classes_plain.wasm");
    let options = asbind_codegen::Options::new(path, asbind_codegen::Embed::Runtime);
    let model = asbind_codegen::model(&options).unwrap_or_else(|d| panic!("{d:?}"));
    let note = model.notes.iter().find(|n| n.contains("Shape")).expect("a note on Shape");
    assert!(note.contains("--transform") && note.contains("asbind-classes.mjs"), "{note}");
    // The same note is in the generated docs of `Module`.
    let code = asbind_codegen::generate(&options).unwrap_or_else(|d| panic!("{d:?}")).tokens.to_string();
    assert!(code.contains("--transform asbind-classes.mjs"), "the note is not in the generated docs");
    // A transform-built module needs no such note.
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/classes.wasm");
    let model = asbind_codegen::model(&asbind_codegen::Options::new(path, asbind_codegen::Embed::Runtime)).unwrap();
    assert!(!model.notes.iter().any(|n| n.contains("--transform")), "{:?}", model.notes);
}

// ---- subclasses no export names -----------------------------------------------------------------

/// `Dog` and `Puppy` (private subclasses of `Animal`) and `Secret` (a private, unrelated class) are
/// in no `.d.ts`. The transform's class hierarchy makes `Animal`'s ids exact: its subclasses pass,
/// and a `Secret` is refused even by an instance that accepts unlisted subclasses (a method on
/// it would write `Animal` fields into the `Secret`).
#[test]
fn the_transforms_hierarchy_makes_class_checks_exact() -> Result<()> {
    use subclasses::{Animal, Module, Plant};
    let mut m = Module::new()?;
    let (dog, puppy) = (m.dog()?, m.puppy()?);
    assert_eq!(dog.sound(&mut m)?, "woof");
    assert_eq!(puppy.sound(&mut m)?, "woof");
    assert_eq!(m.legs(&puppy)?, 4);
    let secret = m.secret_address(7)?;
    m.instance_mut().accept_unlisted_subclasses(true);
    let e = Animal::wrap(&mut m, secret).unwrap_err();
    assert!(matches!(e, Error::WrongType { found: 4, .. }), "{e}");
    assert!(e.to_string().contains("src/subclasses/Animal"), "{e}");
    assert_eq!(m.secret_code(secret)?, 7);
    let plant = m.plant(2.0)?;
    assert!(matches!(Animal::wrap(&mut m, plant.ptr()), Err(Error::WrongType { found: 9, .. })));
    assert!(matches!(Plant::wrap(&mut m, dog.ptr()), Err(Error::WrongType { found: 7, .. })));
    drop((dog, puppy, plant));
    assert_nothing_pinned(m.instance_mut());
    Ok(())
}

/// The same module built without the transform: nothing says which unknown ids are `Animal`s,
/// so they are all refused, `Secret`s and `Dog`s alike, until the instance accepts unlisted
/// subclasses (and then cannot tell a `Secret` from a subclass: what the opt-in gives up).
#[test]
fn without_a_hierarchy_unknown_ids_are_refused_unless_the_instance_opts_in() -> Result<()> {
    use subclasses_plain::{Animal, Module};
    let mut m = Module::new()?;
    let secret = m.secret_address(7)?;
    assert!(matches!(Animal::wrap(&mut m, secret), Err(Error::WrongType { found: 4, .. })));
    assert!(matches!(m.dog(), Err(Error::WrongType { found: 7, .. })));
    assert_nothing_pinned(m.instance_mut());
    m.instance_mut().accept_unlisted_subclasses(true);
    let dog = m.dog()?;
    assert_eq!(m.legs(&dog)?, 4);
    let wrapped = Animal::wrap(&mut m, secret)?;
    assert_eq!(m.legs(&wrapped)?, 7, "a Secret's code read as an Animal's legs");
    // Known other classes stay refused.
    let plant = m.plant(1.0)?;
    assert!(matches!(Animal::wrap(&mut m, plant.ptr()), Err(Error::WrongType { found: 9, .. })));
    m.instance_mut().accept_unlisted_subclasses(false);
    assert!(matches!(m.puppy(), Err(Error::WrongType { .. })));
    drop((dog, wrapped, plant));
    assert_nothing_pinned(m.instance_mut());
    Ok(())
}

/// 0.19's RTTI records each class's base: the check follows it exactly, whatever the setting.
#[test]
fn classic_rtti_base_ids_make_class_checks_exact() -> Result<()> {
    use subclasses_0_19::{Animal, Module, Plant};
    let mut m = Module::new()?;
    let dog = m.dog()?;
    let puppy = m.puppy()?;
    let secret = m.secret_address(7)?;
    let plant = m.plant(1.5)?;
    m.instance_mut().accept_unlisted_subclasses(true);
    let (dog, puppy): (Animal, Animal) = (convert(m.instance_mut(), dog)?, convert(m.instance_mut(), puppy)?);
    assert_eq!(dog.legs(&mut m)?, 4);
    assert_eq!(puppy.legs(&mut m)?, 4);
    let e = convert::<Animal>(m.instance_mut(), secret.clone()).map(drop).unwrap_err();
    assert!(matches!(e, Error::WrongType { .. }), "{e}");
    assert!(matches!(convert::<Animal>(m.instance_mut(), plant.clone()), Err(Error::WrongType { .. })));
    let plant: Plant = convert(m.instance_mut(), plant)?;
    assert_eq!(plant.height(&mut m)?, 1.5);
    assert!(matches!(convert::<Plant>(m.instance_mut(), Some(dog.any())), Err(Error::WrongType { .. })));
    drop((dog, puppy, plant, secret));
    assert_nothing_pinned(m.instance_mut());
    Ok(())
}
