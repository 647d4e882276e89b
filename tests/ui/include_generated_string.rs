asbind::include_generated!("hello");

fn main() {}
