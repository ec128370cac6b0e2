//! Catalogue import on damaged modules: the built-in modules (and the platform's automation
//! library when ../shared is here) with one file damaged at seeded random places. Whatever
//! comes in, the import answers — the module, or errors naming the file — and never panics;
//! a damaged block file costs that block only, never the rest of the module.
//!
//! `RANDOM_CATALOG=N` sets how many damaged modules are imported (default 2,000).

use std::path::Path;
use studio_catalog::import_files;
use studio_testkit::damage::{count, damage, Rng};

fn module_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

fn module_dirs(root: &Path) -> Vec<std::path::PathBuf> {
    let mut dirs: Vec<_> = std::fs::read_dir(root).unwrap().filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.join("manifest.json").is_file()).collect();
    dirs.sort();
    dirs
}

#[test]
fn damaged_modules_get_an_answer_never_a_panic() {
    let mut modules: Vec<Vec<(String, Vec<u8>)>> = module_dirs(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/builtin"))).iter().map(|d| module_files(d)).collect();
    if let Some(fixtures) = studio_testkit::sekoia_fixtures() {
        modules.extend(module_dirs(&fixtures.join("automation-library")).iter().map(|d| module_files(d)));
    }
    let count = count("RANDOM_CATALOG", 2_000);
    let mut rng = Rng(0xCA7A_1065);
    let (mut whole, mut lost_block, mut lost_module) = (0usize, 0usize, 0usize);
    for i in 0..count {
        let mut files = modules[i % modules.len()].clone();
        let target = rng.below(files.len());
        files[target].1 = damage(&mut rng, &files[target].1);
        let damaged_path = files[target].0.clone();
        let blocks_before = files.iter().filter(|(p, _)| !p.ends_with("manifest.json")).count();
        let report = std::panic::catch_unwind(|| import_files("damaged", files)).unwrap_or_else(|_| panic!("import panicked on damaged input #{i} ({damaged_path})"));
        match &report.module {
            None => {
                lost_module += 1;
                assert!(damaged_path.ends_with("manifest.json"), "input #{i}: only a broken manifest may lose the module, but {damaged_path} was damaged: {:?}", report.errors);
                assert!(report.errors.iter().any(|e| e.path == damaged_path), "input #{i}: the error does not name {damaged_path}: {:?}", report.errors);
            }
            Some(_) if report.errors.is_empty() => whole += 1,
            Some(_) => {
                lost_block += 1;
                assert!(report.errors.iter().all(|e| e.path == damaged_path), "input #{i}: errors about files not damaged: {:?}", report.errors);
                assert_eq!(report.actions + report.triggers, blocks_before - 1, "input #{i}: a damaged block file costs that block only");
            }
        }
    }
    println!("{count} damaged modules: {whole} imported whole, {lost_block} lost the damaged block (named), {lost_module} lost their manifest (named), 0 panics");
}
