//! The per-file cache: what is reused, what invalidates it, how a damaged or unwritable cache is
//! survived, and that a cached build writes the same bytes as an uncached one.

use std::fs;
use std::path::{Path, PathBuf};

use kgraph::{CacheConfig, CacheUse, Corpus, ExportOptions, Format, InputConfig, Silent};

use crate::common::{kgraph, stderr_of, to_bytes, write};

/// A small blog: Chinese and English titles, headings, captions, a link between posts.
fn write_blog(dir: &Path) {
    write(
        dir,
        "2024-01-01-gan.md",
        "---\ntitle: 生成对抗网络入门\ncategories: 深度学习\n---\n\n## 多模态模型\n\n\
         https://example.com/gan\n生成对抗网络的原始论文\n\n## Knowledge graph basics\n\n\
         See [the next post](/2024/02/01/bayes.html).\n",
    );
    write(
        dir,
        "2024-02-01-bayes.md",
        "---\ntitle: 贝叶斯推断与多模态学习\ntags: [math]\n---\n\n## 多模态模型\n\n\
         [Bayesian inference notes](https://example.org/bayes)\n\n## 变分推断\n\ntext\n",
    );
    write(
        dir,
        "notes/knowledge-graph.md",
        "# Knowledge graph notes\n\n## Graph databases\n\n\
         [Knowledge graph survey](https://arxiv.org/abs/1234)\n\n## 多模态模型\n",
    );
}

fn config(input: &Path, cache: &Path) -> InputConfig {
    let mut config = InputConfig::new([input]);
    config.cache = Some(CacheConfig::in_dir(cache));
    config
}

/// [`write_blog`] in a temporary folder, with a cache of its own.
struct Blog {
    input: tempfile::TempDir,
    /// Kept for its lifetime: the folder is removed when the test ends.
    _cache: tempfile::TempDir,
    config: InputConfig,
}

fn blog() -> Blog {
    let (input, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write_blog(input.path());
    let config = config(input.path(), cache.path());
    Blog {
        input,
        _cache: cache,
        config,
    }
}

fn load(config: &InputConfig) -> Corpus {
    kgraph::load_corpus(config, &Silent).unwrap()
}

/// The graph of `config`'s inputs as JSON (the export with every node, edge and attribute).
fn json_of(corpus: &Corpus) -> Vec<u8> {
    to_bytes(&corpus.graph, Format::Json, &ExportOptions::default()).unwrap()
}

/// The same inputs without a cache.
fn uncached_json(config: &InputConfig) -> Vec<u8> {
    let mut config = config.clone();
    config.cache = None;
    json_of(&load(&config))
}

fn counts(used: &CacheUse) -> (usize, usize, usize, usize) {
    (
        used.posts_reused,
        used.posts_extracted,
        used.texts_reused,
        used.texts_segmented,
    )
}

#[test]
fn a_second_run_reuses_every_post_and_text() {
    let blog = blog();
    let cold = load(&blog.config);
    let (reused, extracted, texts_reused, segmented) = counts(&cold.cache);
    assert_eq!((reused, extracted, texts_reused), (0, 3, 0));
    assert!(segmented > 5, "{:?}", cold.cache);
    let warm = load(&blog.config);
    assert_eq!(counts(&warm.cache), (3, 0, segmented, 0));
    assert!(warm.cache.warnings.is_empty(), "{:?}", warm.cache.warnings);
    assert_eq!(json_of(&warm), json_of(&cold));
    assert_eq!(json_of(&warm), uncached_json(&blog.config));
}

#[test]
fn an_edited_post_alone_is_read_again() {
    let blog = blog();
    load(&blog.config);
    // Same size, so only the content tells.
    let post = blog.input.path().join("2024-02-01-bayes.md");
    let text = fs::read_to_string(&post).unwrap();
    fs::write(&post, text.replace("变分推断", "马尔可夫")).unwrap();
    let edited = load(&blog.config);
    let (reused, extracted, _, segmented) = counts(&edited.cache);
    assert_eq!((reused, extracted), (2, 1));
    assert_eq!(segmented, 1, "only the new heading is segmented");
    assert!(String::from_utf8(json_of(&edited))
        .unwrap()
        .contains("马尔可夫"));
    assert_eq!(json_of(&edited), uncached_json(&blog.config));
}

#[test]
fn options_that_change_extraction_or_segmentation_invalidate_it() {
    let mut blog = blog();
    load(&blog.config);

    blog.config
        .extract
        .generic_headings
        .push("变分推断".to_string());
    let generic = load(&blog.config);
    assert_eq!((counts(&generic.cache).0, counts(&generic.cache).1), (0, 3));
    assert_eq!(json_of(&generic), uncached_json(&blog.config));

    let (_, _, texts_reused, _) = counts(&generic.cache);
    blog.config
        .keywords
        .vocabulary
        .add_terms("对抗网络", "terms")
        .unwrap();
    let listed = load(&blog.config);
    let (posts_reused, _, reused, segmented) = counts(&listed.cache);
    assert_eq!(
        (posts_reused, reused),
        (3, 0),
        "posts stay, texts are cut again"
    );
    assert_eq!(segmented, texts_reused);
    assert_eq!(json_of(&listed), uncached_json(&blog.config));

    // Options applied after extraction change nothing cached.
    blog.config.extract.structural_share = 50;
    assert_eq!(counts(&load(&blog.config).cache).1, 0);
}

#[test]
fn another_version_is_reported_and_read_again() {
    let mut blog = blog();
    blog.config.cache.as_mut().unwrap().version = "0.0.1".to_string();
    load(&blog.config);
    blog.config.cache.as_mut().unwrap().version = "0.0.2".to_string();
    let upgraded = load(&blog.config);
    assert_eq!(counts(&upgraded.cache).1, 3);
    assert!(
        upgraded
            .cache
            .warnings
            .iter()
            .any(|w| w.contains("written by kgraph 0.0.1")),
        "{:?}",
        upgraded.cache.warnings
    );
    assert_eq!(json_of(&upgraded), uncached_json(&blog.config));
    let again = load(&blog.config);
    assert_eq!((counts(&again.cache).0, again.cache.warnings.len()), (3, 0));
}

#[test]
fn a_deleted_post_is_pruned() {
    let blog = blog();
    load(&blog.config);
    let post = blog.input.path().join("notes/knowledge-graph.md");
    let text = fs::read(&post).unwrap();
    fs::remove_file(&post).unwrap();
    let without = load(&blog.config);
    assert_eq!((without.posts, counts(&without.cache).0), (2, 2));
    // Back with the same content: had it been kept, its content hash would match.
    fs::write(&post, text).unwrap();
    let back = load(&blog.config);
    assert_eq!((counts(&back.cache).0, counts(&back.cache).1), (2, 1));
}

/// The only file of the corpus's cache folder named `name`.
fn cache_file(cache: &Path, name: &str) -> PathBuf {
    let corpus = fs::read_dir(cache).unwrap().next().unwrap().unwrap().path();
    corpus.join(name)
}

/// `kgraph build INPUT -o DIR/g.EXT…` for every format compared, with `extra` arguments.
fn build(input: &Path, out: &Path, extra: &[&str], threads: &str) -> std::process::Output {
    let mut cmd = kgraph();
    cmd.arg("build")
        .arg(input)
        .env("RAYON_NUM_THREADS", threads);
    for ext in ["json", "graphml", "gexf", "dot"] {
        cmd.arg("-o").arg(out.join(format!("g.{ext}")));
    }
    cmd.args(extra).output().unwrap()
}

fn outputs(out: &Path) -> Vec<Vec<u8>> {
    ["json", "graphml", "gexf", "dot"]
        .iter()
        .map(|ext| fs::read(out.join(format!("g.{ext}"))).unwrap())
        .collect()
}

#[test]
fn cached_builds_write_the_bytes_of_uncached_ones_on_any_thread_count() {
    let (input, cache, out) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    write_blog(input.path());
    let cache_dir = cache.path().to_str().unwrap();
    let uncached = |threads| {
        assert!(build(input.path(), out.path(), &["--no-cache"], threads)
            .status
            .success());
        outputs(out.path())
    };
    let cached = |threads| {
        let run = build(
            input.path(),
            out.path(),
            &["--cache-dir", cache_dir],
            threads,
        );
        assert!(run.status.success(), "{}", stderr_of(&run));
        assert!(!stderr_of(&run).contains("cache"), "{}", stderr_of(&run));
        outputs(out.path())
    };
    let expected = uncached("1");
    for threads in ["4", "1", "2"] {
        assert!(cached(threads) == expected, "cached, {threads} threads");
    }
    let timed = build(
        input.path(),
        out.path(),
        &["--cache-dir", cache_dir, "--timings"],
        "2",
    );
    let stderr = stderr_of(&timed);
    assert!(
        stderr.contains("kgraph: cache reused 3 of 3 posts, "),
        "{stderr}"
    );
    write(
        input.path(),
        "2024-03-01-new.md",
        "# 多模态学习\n\n## 变分推断\n",
    );
    let expected = uncached("2");
    for threads in ["1", "4"] {
        assert!(
            cached(threads) == expected,
            "after a new post, {threads} threads"
        );
    }
    assert!(uncached("4") == expected);
}

#[test]
fn a_damaged_cache_is_a_warning_and_a_full_build() {
    let (input, cache, out) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    write_blog(input.path());
    let cache_dir = cache.path().to_str().unwrap();
    assert!(build(input.path(), out.path(), &["--no-cache"], "2")
        .status
        .success());
    let expected = outputs(out.path());
    build(input.path(), out.path(), &["--cache-dir", cache_dir], "2");
    for name in ["posts.bin", "segments.bin"] {
        let file = cache_file(cache.path(), name);
        let mut bytes = fs::read(&file).unwrap();
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x55;
        fs::write(&file, &bytes).unwrap();
    }
    let run = build(input.path(), out.path(), &["--cache-dir", cache_dir], "2");
    assert!(run.status.success());
    let stderr = stderr_of(&run);
    assert_eq!(
        stderr.matches("kgraph: warning: cache ").count(),
        2,
        "{stderr}"
    );
    assert!(
        stderr.contains("posts.bin: it is damaged; not used"),
        "{stderr}"
    );
    assert!(outputs(out.path()) == expected);
    // Rewritten whole: the next run is quiet.
    let run = build(input.path(), out.path(), &["--cache-dir", cache_dir], "2");
    assert!(!stderr_of(&run).contains("cache"), "{}", stderr_of(&run));
    assert!(outputs(out.path()) == expected);
}

#[test]
fn an_unwritable_cache_is_a_warning_and_a_full_build() {
    let (input, cache, out) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    write_blog(input.path());
    assert!(build(input.path(), out.path(), &["--no-cache"], "2")
        .status
        .success());
    let expected = outputs(out.path());
    let read_only = cache.path().join("read-only");
    fs::create_dir(&read_only).unwrap();
    let mut permissions = fs::metadata(&read_only).unwrap().permissions();
    permissions.set_readonly(true);
    fs::set_permissions(&read_only, permissions).unwrap();
    // A superuser writes anyway: then a file where the folder should be.
    let cache_dir = if fs::write(read_only.join("probe"), "").is_ok() {
        let in_the_way = cache.path().join("file");
        fs::write(&in_the_way, "").unwrap();
        in_the_way
    } else {
        read_only
    };
    let cache_dir = cache_dir.to_str().unwrap();
    let run = build(input.path(), out.path(), &["--cache-dir", cache_dir], "2");
    assert!(run.status.success(), "{}", stderr_of(&run));
    let stderr = stderr_of(&run);
    assert_eq!(
        stderr.matches("kgraph: warning: cache ").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("cannot write it"), "{stderr}");
    assert!(outputs(out.path()) == expected);
}

#[test]
fn every_command_that_reads_posts_takes_the_cache_flags() {
    let (input, cache) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    write_blog(input.path());
    for command in ["keywords", "stats"] {
        let run = |flags: &[&str]| {
            let out = kgraph()
                .arg(command)
                .arg(input.path())
                .args(flags)
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", stderr_of(&out));
            out.stdout
        };
        let cache_dir = cache.path().join(command);
        let cache_flag = ["--cache-dir", cache_dir.to_str().unwrap()];
        let uncached = run(&["--no-cache"]);
        assert!(!cache_dir.exists());
        assert_eq!(run(&cache_flag), uncached);
        assert!(cache_file(&cache_dir, "segments.bin").exists());
        assert_eq!(run(&cache_flag), uncached);
    }
    let both = kgraph()
        .args(["build", "--no-cache", "--cache-dir", "x"])
        .arg(input.path())
        .output()
        .unwrap();
    assert_eq!(both.status.code(), Some(2));
}
