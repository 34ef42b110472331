use std::time::Instant;
use tjs::core::validate::Revalidator;
fn main() {
    let text = std::fs::read_to_string("/tmp/nb/max.json").unwrap();
    let mut d = tjs::core::formats::import(&text, "").unwrap().draft;
    let t = Instant::now();
    for _ in 0..100 {
        std::hint::black_box(d.export());
    }
    println!("export {:?}", t.elapsed() / 100);
    let mut r = Revalidator::default();
    let (body, paths) = d.export();
    r.run(&body, &paths);
    let t = Instant::now();
    for i in 0..100 {
        d.set_text("Tags[49].Value", format!("v{i}"));
        let (body, paths) = d.export();
        std::hint::black_box(r.run(&body, &paths));
    }
    println!("export+revalidate tag {:?}", t.elapsed() / 100);
    let t = Instant::now();
    for i in 0..100 {
        d.set_text("HyperParameters[99].value", format!("v{i}"));
        let (body, paths) = d.export();
        std::hint::black_box(r.run(&body, &paths));
    }
    println!("export+revalidate hp {:?}", t.elapsed() / 100);
    let t = Instant::now();
    for _ in 0..100 {
        let mut ps = vec![];
        tjs::core::rules::check(&body, &mut ps);
        std::hint::black_box(ps);
    }
    println!("rules {:?}", t.elapsed() / 100);
}
