//! SPL parsing and checks on damaged files: real playbooks (the project's templates, and the
//! platform's when ../shared is here) with bytes flipped, cut, duplicated or swapped at
//! seeded random places. Whatever comes in, `validate` answers (a playbook, or errors that
//! say where) and never panics.
//!
//! `RANDOM_SPL=N` sets how many damaged files are checked (default 2,000).

use studio_model::validate;

use studio_testkit::damage::{count, damage, Rng};

#[test]
fn damaged_playbooks_get_an_answer_never_a_panic() {
    let mut seeds: Vec<Vec<u8>> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../templates"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.file_name().is_some_and(|n| n != "index.json"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    if let Some(fixtures) = studio_testkit::sekoia_fixtures() {
        seeds.extend(studio_testkit::json_files(&fixtures.join("templates")).iter().map(|p| std::fs::read(p).unwrap()));
    }
    assert!(!seeds.is_empty());
    let count = count("RANDOM_SPL", 2_000);
    let mut rng = Rng(0x5EED_CAFE);
    let (mut parsed, mut refused) = (0usize, 0usize);
    for i in 0..count {
        let doc = damage(&mut rng, &seeds[i % seeds.len()]);
        let result = std::panic::catch_unwind(|| validate(&doc, None));
        let (playbook, diags) = result.unwrap_or_else(|_| panic!("validate panicked on damaged input #{i}: {}", String::from_utf8_lossy(&doc)));
        if playbook.is_some() {
            parsed += 1;
        } else {
            refused += 1;
            assert!(diags.iter().any(|d| d.is_error()), "input #{i} was refused without an error saying why");
        }
    }
    println!("{count} damaged playbooks: {parsed} still parsed, {refused} refused with an error, 0 panics");
}
