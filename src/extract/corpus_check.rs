//! Opt-in check over a real corpus: `KGRAPH_CORPUS=dir cargo test --release corpus_totals -- --ignored --nocapture`.

use std::collections::BTreeSet;
use std::time::Instant;

use super::{default_generic_headings, extract_post, ExtractOptions, LabelSource};

#[test]
#[ignore = "needs KGRAPH_CORPUS, a folder of posts"]
fn corpus_totals() {
    let Ok(dir) = std::env::var("KGRAPH_CORPUS") else {
        eprintln!("KGRAPH_CORPUS is not set");
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("readable corpus folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            Some((p.file_name()?.to_string_lossy().into_owned(), text))
        })
        .collect();
    let options = ExtractOptions {
        generic_headings: default_generic_headings(),
        site_hosts: std::env::var("KGRAPH_SITE_HOSTS")
            .map(|h| h.split(',').map(str::to_string).collect())
            .unwrap_or_default(),
        ..ExtractOptions::default()
    };
    let mut best = f64::MAX;
    let mut records = Vec::new();
    for _ in 0..5 {
        drop(std::mem::take(&mut records));
        let start = Instant::now();
        records = texts
            .iter()
            .map(|(path, text)| extract_post(path, path, text, &options))
            .collect();
        best = best.min(start.elapsed().as_secs_f64());
    }
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let sum = |f: &dyn Fn(&super::PostRecord) -> usize| records.iter().map(f).sum::<usize>();
    let keys: BTreeSet<&str> = records
        .iter()
        .flat_map(|r| r.citations.iter().map(|c| c.key.as_str()))
        .collect();
    let hosts: BTreeSet<&str> = records
        .iter()
        .flat_map(|r| r.citations.iter().filter_map(|c| c.host.as_deref()))
        .collect();
    println!("posts        {}", records.len());
    println!("bytes        {bytes}");
    println!("sections     {}", sum(&|r| r.sections.len()));
    println!("citations    {}", sum(&|r| r.citations.len()));
    println!("  keys       {}", keys.len());
    println!("  hosts      {}", hosts.len());
    println!(
        "  captions   {}",
        sum(&|r| r
            .citations
            .iter()
            .filter(|c| c.label.is_some() && c.label_source == LabelSource::Caption)
            .count())
    );
    println!(
        "  link text  {}",
        sum(&|r| r
            .citations
            .iter()
            .filter(|c| c.label.is_some() && c.label_source == LabelSource::LinkText)
            .count())
    );
    println!("post_links   {}", sum(&|r| r.post_links.len()));
    println!(
        "series       {}",
        records.iter().filter(|r| r.series.is_some()).count()
    );
    println!("diagnostics  {}", sum(&|r| r.diagnostics.len()));
    println!("time (best of 5, one thread)  {:.1} ms", best * 1000.0);
    if std::env::var("KGRAPH_DUMP").is_ok() {
        for r in &records {
            for d in &r.diagnostics {
                println!("DIAG {d}");
            }
            for s in &r.sections {
                println!(
                    "SECTION {}\t{}\t{}\t{:?}\t{}",
                    r.path, s.level, s.key, s.parent, s.heading
                );
            }
            for c in &r.citations {
                println!(
                    "CITE {}:{}\t{:?}\t{}\t{}\t{:?}\t{:?}",
                    r.path, c.line, c.section, c.raw, c.key, c.label_source, c.label
                );
            }
            for l in &r.post_links {
                println!("LINK {}:{}\t{}", r.path, l.line, l.target);
            }
            println!(
                "POST {}\t{}\t{:?}\t{:?}\t{:?}\t{:?}",
                r.path, r.title, r.date, r.categories, r.series, r.slug
            );
        }
    }
}
