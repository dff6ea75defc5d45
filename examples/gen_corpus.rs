//! Scales a folder of Jekyll-style posts ×N for benchmarks and scale tests.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --source DIR --scale N --out DIR [--seed S]
//! ```
//!
//! Writes `OUT/copyK/<source path>` for K in 0..N. Copy 0 is the source, byte for byte;
//! every other copy is rewritten so that it is a different set of posts:
//!
//! * file names: the slug gets `-kK` (`2015-1-2-freetype.markdown` → `2015-1-2-freetype-k3.markdown`);
//! * titles: `·K` is appended, or inserted before a series number (`CPU（二）` → `CPU·3（二）`),
//!   so numbered series stay series (one series per copy);
//! * headings: ` ·K` is appended, except for headings that several source posts share
//!   (`参考`, `概述`, recurring topics) and about 1 in 10 others (chosen by hash of the
//!   heading and the seed), which stay shared across copies;
//! * every `http(s)://` URL gets a distinct *path* per copy (queries are dropped by the
//!   canonicaliser for some hosts, so they cannot carry the difference): WeChat
//!   `/s/<22-char id>` ids get the 3 characters before their last changed, old-style WeChat links
//!   their `sn=` value, an all-digit last path segment (zhihu, csdn) gets K appended as
//!   digits, any other last segment gets `-kK` (before an extension), and an empty path
//!   becomes `/kK`. Hosts are unchanged, so domains stay shared;
//! * links between posts (`](/cat/2019/10/06/slug.html)`, `{% post_url … %}`) point at the
//!   same copy's post.
//!
//! The output is a pure function of the source, N and the seed. Sources are read once
//! (they are small); output is streamed file by file and never held as a whole.
//! OUT must be empty or absent. Prints one summary line, and once every file is written
//! records the settings in `OUT/.gen_corpus` (hidden, so kgraph skips it) for scripts that
//! reuse a finished corpus.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Headings used by at least this many source posts stay shared across copies.
const SHARED_HEADING_MIN_POSTS: usize = 3;
/// About one in this many other headings stays shared too.
const SHARED_HEADING_ONE_IN: u64 = 10;
/// Characters of a WeChat `/s/` article id.
const WECHAT_ID_LEN: usize = 22;
const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Bumped whenever the output for given settings changes, so scripts regenerate saved corpora.
const GENERATOR_VERSION: u32 = 2;

const USAGE: &str =
    "usage: gen_corpus --source DIR --scale N --out DIR [--seed S] [--jobs J] | --version";

struct Args {
    source: PathBuf,
    scale: usize,
    out: PathBuf,
    seed: u64,
    jobs: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut source = None;
    let mut scale = None;
    let mut out = None;
    let mut seed = 1;
    let mut jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--source" => source = Some(PathBuf::from(value("--source")?)),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--scale" => {
                scale = Some(
                    value("--scale")?
                        .parse::<usize>()
                        .map_err(|e| format!("--scale: {e}"))?,
                );
            }
            "--seed" => {
                seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?;
            }
            "--jobs" => {
                jobs = value("--jobs")?
                    .parse()
                    .map_err(|e| format!("--jobs: {e}"))?;
            }
            "--version" => {
                println!("gen_corpus {GENERATOR_VERSION}");
                std::process::exit(0);
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let scale = scale.ok_or("--scale is required")?;
    if scale == 0 {
        return Err("--scale must be at least 1".into());
    }
    Ok(Args {
        source: source.ok_or("--source is required")?,
        scale,
        out: out.ok_or("--out is required")?,
        seed,
        jobs: jobs.max(1),
    })
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(err) => {
            eprintln!("gen_corpus: {err}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("gen_corpus: error: {err}");
            ExitCode::FAILURE
        }
    }
}

/// One source post.
struct Source {
    /// '/'-separated path relative to the source folder.
    rel: String,
    bytes: Vec<u8>,
}

fn run(args: &Args) -> io::Result<()> {
    let started = Instant::now();
    let sources = read_sources(&args.source)
        .map_err(|e| io::Error::new(e.kind(), format!("reading {}: {e}", args.source.display())))?;
    if sources.is_empty() {
        return Err(io::Error::other(format!(
            "no .md or .markdown files under {}",
            args.source.display()
        )));
    }
    let shared = SharedHeadings::new(&sources, args.seed);
    let ctx = Ctx {
        seed: args.seed,
        digit_width: digits(args.scale - 1).max(2),
        copy_width: digits(args.scale - 1),
        shared,
    };
    // Copies left from an earlier, larger run would silently grow the corpus.
    if fs::read_dir(&args.out).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(io::Error::other(format!(
            "{} is not empty; remove it first",
            args.out.display()
        )));
    }
    fs::create_dir_all(&args.out)?;
    let marker = args.out.join(".gen_corpus");

    let jobs = args.jobs.min(args.scale);
    let totals: Vec<io::Result<u64>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..jobs)
            .map(|j| {
                let (sources, ctx) = (&sources, &ctx);
                scope.spawn(move || {
                    let mut bytes = 0;
                    for k in (j..args.scale).step_by(jobs) {
                        bytes += write_copy(sources, k, ctx, &args.out)?;
                    }
                    Ok(bytes)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("worker panicked"))
            .collect()
    });
    let mut bytes = 0;
    for t in totals {
        bytes += t?;
    }

    let source_bytes: usize = sources.iter().map(|s| s.bytes.len()).sum();
    let files = sources.len() * args.scale;
    let summary = format!(
        "gen_corpus: wrote {files} files, {} (x{} of {} posts, {}; seed {}) to {} in {:.2} s",
        size(bytes),
        args.scale,
        sources.len(),
        size(source_bytes as u64),
        args.seed,
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    println!("{summary}");
    fs::write(
        &marker,
        format!(
            "generator={GENERATOR_VERSION}\nsource={}\nscale={}\nseed={}\nfiles={files}\nbytes={bytes}\n",
            args.source.display(),
            args.scale,
            args.seed
        ),
    )?;
    Ok(())
}

/// Bytes in MB, or in kB below 1 MB.
fn size(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{:.1} kB", bytes as f64 / 1e3)
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

/// Every Markdown file under `root`, sorted by relative path; hidden entries are skipped.
fn read_sources(root: &Path) -> io::Result<Vec<Source>> {
    let mut out = Vec::new();
    let mut stack = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let rel = format!("{prefix}{name}");
            let kind = entry.file_type()?;
            if kind.is_dir() {
                stack.push((entry.path(), format!("{rel}/")));
            } else if kind.is_file() && is_markdown(&name) {
                out.push(Source {
                    rel,
                    bytes: fs::read(entry.path())?,
                });
            }
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    Ok(out)
}

fn is_markdown(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// Settings shared by every copy.
struct Ctx {
    seed: u64,
    /// Digits appended to all-digit URL path segments.
    digit_width: usize,
    /// Zero padding of `copyK` folder names, so they sort in copy order.
    copy_width: usize,
    shared: SharedHeadings,
}

/// Writes copy `k` of every source; returns the bytes written.
fn write_copy(sources: &[Source], k: usize, ctx: &Ctx, out: &Path) -> io::Result<u64> {
    let dir = out.join(format!("copy{k:0width$}", width = ctx.copy_width));
    let mut bytes = 0;
    let mut text = String::new();
    for source in sources {
        let rel = if k == 0 {
            source.rel.clone()
        } else {
            renamed(&source.rel, k)
        };
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut file = BufWriter::with_capacity(64 * 1024, fs::File::create(&path)?);
        if k == 0 {
            file.write_all(&source.bytes)?;
            bytes += source.bytes.len() as u64;
        } else {
            text.clear();
            rewrite_post(&String::from_utf8_lossy(&source.bytes), k, ctx, &mut text);
            file.write_all(text.as_bytes())?;
            bytes += text.len() as u64;
        }
        file.flush()?;
    }
    Ok(bytes)
}

/// `dir/2015-1-2-freetype.markdown` → `dir/2015-1-2-freetype-kK.markdown`.
fn renamed(rel: &str, k: usize) -> String {
    let (dir, name) = rel.rsplit_once('/').map_or(("", rel), |(d, n)| (d, n));
    let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
    let mut out = String::with_capacity(rel.len() + 8);
    if !dir.is_empty() {
        out.push_str(dir);
        out.push('/');
    }
    let _ = write!(out, "{stem}-k{k}");
    if !ext.is_empty() {
        out.push('.');
        out.push_str(ext);
    }
    out
}

/// Rewrites one post for copy `k` (k > 0) into `out`.
fn rewrite_post(text: &str, k: usize, ctx: &Ctx, out: &mut String) {
    out.reserve(text.len() + text.len() / 32);
    let mut in_front_matter = false;
    let mut fence: Option<(u8, usize)> = None;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        let eol = &line[body.len()..];
        if i == 0 && body.trim_end() == "---" {
            in_front_matter = true;
            out.push_str(line);
            continue;
        }
        if in_front_matter {
            if matches!(body.trim_end(), "---" | "...") {
                in_front_matter = false;
                out.push_str(line);
            } else if let Some(value) = body.strip_prefix("title:") {
                out.push_str("title:");
                rewrite_title(value, k, out);
                out.push_str(eol);
            } else {
                push_with_urls(line, k, ctx, out);
            }
            continue;
        }
        if let Some(marker) = fence_marker(body) {
            match fence {
                None => fence = Some(marker),
                Some((c, n)) if marker.0 == c && marker.1 >= n && is_closing(body) => fence = None,
                Some(_) => {}
            }
            push_with_urls(line, k, ctx, out);
            continue;
        }
        if fence.is_none() {
            if let Some(heading) = heading_parts(body) {
                let mut rewritten = String::with_capacity(line.len() + 8);
                rewritten.push_str(heading.before);
                rewritten.push_str(heading.text);
                if !ctx.shared.contains(heading.text) {
                    let _ = write!(rewritten, " ·{k}");
                }
                rewritten.push_str(heading.after);
                rewritten.push_str(eol);
                push_with_urls(&rewritten, k, ctx, out);
                continue;
            }
        }
        push_with_urls(line, k, ctx, out);
    }
}

/// The fence character and length when `line` opens or closes a code fence.
fn fence_marker(line: &str) -> Option<(u8, usize)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line.as_bytes()[indent..];
    let c = *rest.first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = rest.iter().take_while(|&&b| b == c).count();
    (n >= 3).then_some((c, n))
}

/// A closing fence has nothing after its marker.
fn is_closing(line: &str) -> bool {
    line.trim().trim_start_matches(['`', '~']).trim().is_empty()
}

/// An ATX heading split into what precedes its text, the text, and what follows it.
struct Heading<'a> {
    before: &'a str,
    text: &'a str,
    after: &'a str,
}

fn heading_parts(line: &str) -> Option<Heading<'_>> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let after_hashes = &rest[hashes..];
    if !after_hashes.is_empty() && !after_hashes.starts_with([' ', '\t']) {
        return None;
    }
    let start = line.len() - after_hashes.trim_start().len();
    // The text ends before trailing blanks and an optional closing run of '#'.
    let mut end = line.trim_end().len();
    let trimmed = &line[..end];
    let closing = trimmed.trim_end_matches('#');
    if closing.len() < end && (closing.ends_with([' ', '\t']) || closing.len() <= start) {
        end = closing.trim_end().len();
    }
    if end <= start {
        return None;
    }
    Some(Heading {
        before: &line[..start],
        text: &line[start..end],
        after: &line[end..],
    })
}

/// Appends `·K` to a front-matter title value, inside quotes and before a series number.
fn rewrite_title(value: &str, k: usize, out: &mut String) {
    let trimmed = value.trim_end();
    let lead = value.len() - value.trim_start().len();
    let inner = &value[lead..trimmed.len()];
    let quoted = inner.len() >= 2
        && ((inner.starts_with('"') && inner.ends_with('"'))
            || (inner.starts_with('\'') && inner.ends_with('\'')));
    let (open, core, close) = if quoted {
        (
            &inner[..1],
            &inner[1..inner.len() - 1],
            &inner[inner.len() - 1..],
        )
    } else {
        ("", inner, "")
    };
    out.push_str(&value[..lead]);
    out.push_str(open);
    if core.is_empty() {
        let _ = write!(out, "·{k}");
    } else if let Some(at) = series_number_at(core) {
        out.push_str(&core[..at]);
        let _ = write!(out, "·{k}");
        out.push_str(&core[at..]);
    } else {
        out.push_str(core);
        let _ = write!(out, " ·{k}");
    }
    out.push_str(close);
    out.push_str(&value[trimmed.len()..]);
}

/// Byte offset of a series number such as `（十七）` or `(3)` that follows some text.
fn series_number_at(title: &str) -> Option<usize> {
    const NUMERALS: &str = "一二三四五六七八九十百千零〇两0123456789";
    for (at, c) in title.char_indices() {
        let close = match c {
            '（' => '）',
            '(' => ')',
            _ => continue,
        };
        let rest = &title[at + c.len_utf8()..];
        let digits: usize = rest
            .chars()
            .take_while(|ch| NUMERALS.contains(*ch))
            .map(char::len_utf8)
            .sum();
        if at > 0 && digits > 0 && rest[digits..].starts_with(close) {
            return Some(at);
        }
    }
    None
}

/// Headings that stay the same in every copy.
struct SharedHeadings {
    /// Heading texts used by at least [`SHARED_HEADING_MIN_POSTS`] source posts.
    common: HashSet<String>,
    seed: u64,
}

impl SharedHeadings {
    fn new(sources: &[Source], seed: u64) -> Self {
        let mut posts_per_heading: HashMap<String, usize> = HashMap::new();
        for source in sources {
            let text = String::from_utf8_lossy(&source.bytes);
            let mut seen = HashSet::new();
            let mut fence: Option<(u8, usize)> = None;
            for line in text.lines() {
                if let Some(marker) = fence_marker(line) {
                    fence = match fence {
                        None => Some(marker),
                        Some((c, n)) if marker.0 == c && marker.1 >= n && is_closing(line) => None,
                        f => f,
                    };
                    continue;
                }
                if fence.is_none() {
                    if let Some(h) = heading_parts(line) {
                        seen.insert(h.text);
                    }
                }
            }
            for h in seen {
                *posts_per_heading.entry(h.to_string()).or_default() += 1;
            }
        }
        let common = posts_per_heading
            .into_iter()
            .filter(|&(_, n)| n >= SHARED_HEADING_MIN_POSTS)
            .map(|(h, _)| h)
            .collect();
        SharedHeadings { common, seed }
    }

    fn contains(&self, heading: &str) -> bool {
        self.common.contains(heading)
            || hash(self.seed, heading.as_bytes()).is_multiple_of(SHARED_HEADING_ONE_IN)
    }
}

/// FNV-1a with a seed, finished with a splitmix64 step: stable across platforms and runs.
fn hash(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    splitmix(h)
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn digits(mut n: usize) -> usize {
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

/// Pushes `line` with every `http(s)://` URL given its copy-`k` path and every link to a
/// post of the site pointed at the same copy.
fn push_with_urls(line: &str, k: usize, ctx: &Ctx, out: &mut String) {
    let linked;
    let mut rest = if line.contains("](/") || line.contains("post_url") {
        linked = site_links(line, k);
        linked.as_str()
    } else {
        line
    };
    while let Some(at) = rest.find("http") {
        let after = &rest[at..];
        let scheme = if after.starts_with("https://") {
            8
        } else if after.starts_with("http://") {
            7
        } else {
            out.push_str(&rest[..at + 4]);
            rest = &rest[at + 4..];
            continue;
        };
        out.push_str(&rest[..at + scheme]);
        let tail = &after[scheme..];
        let len = url_len(tail);
        rewrite_url(&tail[..len], k, ctx, out);
        rest = &tail[len..];
    }
    out.push_str(rest);
}

/// `](/cat/2019/10/06/math_14.html#x)` → `](/cat/2019/10/06/math_14-kK.html#x)` and
/// `{% post_url 2019-10-6-math_14 %}` → `{% post_url 2019-10-6-math_14-kK %}`, matching the
/// renamed files. Links to other files (images) are left alone.
fn site_links(line: &str, k: usize) -> String {
    let mut out = String::with_capacity(line.len() + 16);
    let mut rest = line;
    loop {
        let link = rest.find("](/");
        let tag = rest.find("{% post_url ");
        match (link, tag) {
            (Some(at), t) if t.is_none_or(|t| at < t) => {
                let start = at + 2;
                out.push_str(&rest[..start]);
                let end = rest[start..]
                    .find([')', ' ', '#', '?'])
                    .map_or(rest.len(), |e| start + e);
                let target = &rest[start..end];
                match target
                    .strip_suffix(".html")
                    .map(|stem| (stem, ".html"))
                    .or_else(|| target.strip_suffix(".htm").map(|stem| (stem, ".htm")))
                {
                    Some((stem, ext)) => {
                        let _ = write!(out, "{stem}-k{k}{ext}");
                    }
                    None => out.push_str(target),
                }
                rest = &rest[end..];
            }
            (_, Some(at)) => {
                let start = at + "{% post_url ".len();
                out.push_str(&rest[..start]);
                let name_len = rest[start..]
                    .find(|c: char| c.is_whitespace() || c == '%')
                    .unwrap_or(rest.len() - start);
                let _ = write!(out, "{}-k{k}", &rest[start..start + name_len]);
                rest = &rest[start + name_len..];
            }
            _ => break,
        }
    }
    out.push_str(rest);
    out
}

/// Length of the URL (after its scheme) at the start of `s`: printable ASCII up to a
/// delimiter, without trailing sentence punctuation.
fn url_len(s: &str) -> usize {
    let end = s
        .bytes()
        .position(|b| {
            !b.is_ascii_graphic()
                || matches!(
                    b,
                    b'<' | b'>'
                        | b'"'
                        | b'\''
                        | b'`'
                        | b'('
                        | b')'
                        | b'['
                        | b']'
                        | b'{'
                        | b'}'
                        | b'|'
                        | b'\\'
                        | b'^'
                )
        })
        .unwrap_or(s.len());
    s[..end]
        .trim_end_matches(['.', ',', ';', ':', '!', '?', '*'])
        .len()
}

/// Pushes `url` (scheme removed) with its path varied for copy `k`.
fn rewrite_url(url: &str, k: usize, ctx: &Ctx, out: &mut String) {
    let host_end = url.find(['/', '?', '#']).unwrap_or(url.len());
    let (host, rest) = url.split_at(host_end);
    if host.is_empty() {
        out.push_str(url);
        return;
    }
    let path_end = rest.find(['?', '#']).unwrap_or(rest.len());
    let (path, query) = rest.split_at(path_end);
    out.push_str(host);
    if host.eq_ignore_ascii_case("mp.weixin.qq.com") {
        if let Some(id) = path.strip_prefix("/s/") {
            if id.len() == WECHAT_ID_LEN && id.bytes().all(|b| BASE64URL.contains(&b)) {
                out.push_str("/s/");
                // The last character stays: a bare URL ending in `_` loses it (GFM autolinks).
                out.push_str(&id[..WECHAT_ID_LEN - 4]);
                out.push_str(&vary_base64url(
                    &id[WECHAT_ID_LEN - 4..WECHAT_ID_LEN - 1],
                    k,
                    ctx.seed,
                ));
                out.push_str(&id[WECHAT_ID_LEN - 1..]);
                out.push_str(query);
                return;
            }
        }
        if path == "/s" {
            if let Some(query) = vary_wechat_sn(query, k, ctx.seed) {
                out.push_str(path);
                out.push_str(&query);
                return;
            }
        }
    }
    out.push_str(&vary_path(path, k, ctx.digit_width));
    out.push_str(query);
}

/// Three base64url characters moved by an odd, seed-dependent stride per copy: distinct
/// for every copy below 64³.
fn vary_base64url(tail: &str, k: usize, seed: u64) -> String {
    let value = tail.bytes().fold(0u64, |acc, b| {
        acc * 64 + BASE64URL.iter().position(|&c| c == b).unwrap_or(0) as u64
    });
    let stride = (splitmix(seed) % (1 << 18)) | 1;
    let moved = (value + k as u64 * stride) % (1 << 18);
    (0..3)
        .rev()
        .map(|i| BASE64URL[((moved >> (6 * i)) & 63) as usize] as char)
        .collect()
}

/// `?…&sn=<hex>…` with the last 4 hex digits of `sn` moved per copy (distinct below 16⁴).
fn vary_wechat_sn(query: &str, k: usize, seed: u64) -> Option<String> {
    let start = query.find("sn=")? + 3;
    let len = query[start..]
        .bytes()
        .take_while(u8::is_ascii_hexdigit)
        .count();
    if len < 4 {
        return None;
    }
    let tail = &query[start + len - 4..start + len];
    let value = u64::from_str_radix(tail, 16).ok()?;
    let stride = (splitmix(seed ^ 0x5157) % (1 << 16)) | 1;
    let moved = (value + k as u64 * stride) % (1 << 16);
    Some(format!(
        "{}{moved:04x}{}",
        &query[..start + len - 4],
        &query[start + len..]
    ))
}

/// The path with its last non-empty segment made distinct for copy `k`.
fn vary_path(path: &str, k: usize, digit_width: usize) -> String {
    let trimmed = path.trim_end_matches('/');
    let slashes = &path[trimmed.len()..];
    let seg_start = trimmed.rfind('/').map_or(0, |i| i + 1);
    let segment = &trimmed[seg_start..];
    if segment.is_empty() {
        return format!("/k{k}{slashes}");
    }
    let (stem, ext) = match segment.rfind('.') {
        Some(dot)
            if dot > 0
                && (1..=5).contains(&(segment.len() - dot - 1))
                && segment[dot + 1..]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric()) =>
        {
            segment.split_at(dot)
        }
        _ => (segment, ""),
    };
    let mut out = String::with_capacity(path.len() + 8);
    out.push_str(&trimmed[..seg_start]);
    out.push_str(stem);
    if stem.bytes().all(|b| b.is_ascii_digit()) {
        let _ = write!(out, "{k:0digit_width$}");
    } else {
        let _ = write!(out, "-k{k}");
    }
    out.push_str(ext);
    out.push_str(slashes);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Ctx {
        Ctx {
            seed: 1,
            digit_width: 2,
            copy_width: 1,
            shared: SharedHeadings {
                common: ["参考".to_string()].into_iter().collect(),
                seed: 1,
            },
        }
    }

    fn urls(line: &str, k: usize) -> String {
        let mut out = String::new();
        push_with_urls(line, k, &ctx(), &mut out);
        out
    }

    #[test]
    fn paths_vary_per_copy() {
        assert_eq!(
            urls(
                "see https://zhuanlan.zhihu.com/p/384098769?utm_source=x.",
                3
            ),
            "see https://zhuanlan.zhihu.com/p/38409876903?utm_source=x."
        );
        assert_eq!(
            urls("[a](http://blog.csdn.net/x/article/details/123)", 7),
            "[a](http://blog.csdn.net/x/article/details/12307)"
        );
        assert_eq!(
            urls("<https://github.com/owner/repo/>", 2),
            "<https://github.com/owner/repo-k2/>"
        );
        assert_eq!(
            urls("http://www.cppblog.com/a/14843.aspx，中文", 4),
            "http://www.cppblog.com/a/1484304.aspx，中文"
        );
        assert_eq!(urls("https://kexue.fm", 5), "https://kexue.fm/k5");
        assert_eq!(urls("https://kexue.fm/#top", 5), "https://kexue.fm/k5/#top");
        assert_eq!(urls("no url: http:// here", 5), "no url: http:// here");
        assert_eq!(
            urls("[a](/ml/2016/08/02/ML_2.html#P) ![b](/images/x.png) {% post_url 2016-8-2-ML_2 %}", 4),
            "[a](/ml/2016/08/02/ML_2-k4.html#P) ![b](/images/x.png) {% post_url 2016-8-2-ML_2-k4 %}"
        );
    }

    #[test]
    fn wechat_ids_keep_their_shape_and_differ_per_copy() {
        let a = urls("https://mp.weixin.qq.com/s/dr6nmAg1XVjnx3hF51IC2g", 1);
        let b = urls("https://mp.weixin.qq.com/s/dr6nmAg1XVjnx3hF51IC2g", 2);
        assert_ne!(a, b);
        for u in [&a, &b] {
            let id = u.strip_prefix("https://mp.weixin.qq.com/s/").unwrap();
            assert_eq!(id.len(), WECHAT_ID_LEN);
            assert!(id.starts_with("dr6nmAg1XVjnx3hF51") && id.ends_with('g'));
        }
        let old = urls("http://mp.weixin.qq.com/s?__biz=MjM5&mid=26&idx=2&sn=7fc02a006b7c5015f3492354d0e298a4&scene=0#rd", 1);
        assert!(old.starts_with(
            "http://mp.weixin.qq.com/s?__biz=MjM5&mid=26&idx=2&sn=7fc02a006b7c5015f3492354d0e2"
        ));
        assert!(old.ends_with("&scene=0#rd"));
        assert_ne!(old.len(), 0);
        assert!(!old.contains("d0e298a4"));
    }

    #[test]
    fn headings_titles_and_names() {
        let text = "---\ntitle:  CPU（二）——Cache\ncategory: tech\n---\n# 参考\n## 编译 ##\n```\n# not a heading\n```\n#hashtag\n";
        let mut out = String::new();
        rewrite_post(text, 3, &ctx(), &mut out);
        let expected_editing = [
            "title:  CPU·3（二）——Cache",
            "# 参考\n",
            "## 编译 ·3 ##",
            "# not a heading\n",
            "#hashtag\n",
        ];
        for e in expected_editing {
            assert!(out.contains(e), "{e:?} not in {out}");
        }
        let mut out = String::new();
        rewrite_title(" \"Emacs\"", 2, &mut out);
        assert_eq!(out, " \"Emacs ·2\"");
        assert_eq!(
            renamed("a/2015-1-2-freetype.markdown", 12),
            "a/2015-1-2-freetype-k12.markdown"
        );
    }
}
