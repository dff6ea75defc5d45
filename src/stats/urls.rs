//! Offline checks of cited URLs: what can be told broken or suspicious without fetching anything.
//!
//! **Broken** — no reader can open it:
//! - the URL does not parse, or has no host;
//! - its host is the author's own machine or network: `localhost` (and `*.localhost`), loopback,
//!   private, link-local or unspecified IP addresses, `*.local`, `*.internal`, `*.lan`,
//!   `*.home.arpa`;
//! - a link to another post that matches no post of the corpus (from the build's diagnostics).
//!
//! **Suspicious** — it may open, but probably not on what the author meant, or not for long:
//! - a WeChat article id that is not 22 characters long (cut or mistyped);
//! - a WeChat link carrying a `timestamp`/`signature` query: a temporary link that expires;
//! - a host without a dot (`https://arxiv/abs/…`) or with a top-level domain that cannot exist
//!   (one character, or digits);
//! - a placeholder domain (`example.com`, `*.example`, `*.test`, `*.invalid`);
//! - a space, or full-width punctuation that betrays prose glued to the address: a sentence mark
//!   (`，。；：！？、`) anywhere, or any full-width punctuation (`）`) at the very end.
//!
//! Apart from these, [`insecure_host`] tells `http://` links to sites that serve https (a short
//! built-in list of large sites); reports count them by host rather than listing each.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use serde::Serialize;
use url::{Host, Url};

/// How bad a URL problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// No reader can open it.
    Broken,
    /// It may open, but probably not on what the author meant, or not for long.
    Suspicious,
}

impl Severity {
    /// The word printed in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Broken => "broken",
            Severity::Suspicious => "suspicious",
        }
    }
}

/// Sites that serve https, for [`insecure_host`]: a host or any of its subdomains.
const HTTPS_SITES: &[&str] = &[
    "arxiv.org",
    "baidu.com",
    "bilibili.com",
    "blog.csdn.net",
    "cnblogs.com",
    "github.com",
    "github.io",
    "google.com",
    "huggingface.co",
    "jianshu.com",
    "medium.com",
    "paperswithcode.com",
    "qq.com",
    "stackoverflow.com",
    "wikipedia.org",
    "youtube.com",
    "zhihu.com",
];

/// The problem with a cited URL, written `raw`, if any.
pub(crate) fn check(raw: &str) -> Option<(Severity, String)> {
    use Severity::{Broken, Suspicious};
    let raw = raw.trim();
    let url = match Url::parse(raw) {
        Ok(url) => url,
        // A relative path cited as a resource leaves the corpus folder for another part of the
        // same site (mdBook's `../std/…`): nothing to check offline.
        Err(url::ParseError::RelativeUrlWithoutBase) if raw.starts_with("../") => return None,
        Err(e) => return Some((Broken, format!("not a valid URL ({e})"))),
    };
    let host = match url.host() {
        None => return Some((Broken, "has no host".into())),
        Some(Host::Domain("")) => return Some((Broken, "has no host".into())),
        Some(host) => host,
    };
    match &host {
        Host::Ipv4(ip) if is_local_ip(IpAddr::V4(*ip)) => {
            return Some((
                Broken,
                format!("points at the local or private address {ip}"),
            ));
        }
        Host::Ipv6(ip) if is_local_ip(IpAddr::V6(*ip)) => {
            return Some((
                Broken,
                format!("points at the local or private address {ip}"),
            ));
        }
        Host::Domain(domain) if is_local_domain(domain) => {
            return Some((Broken, format!("points at the local host name `{domain}`")));
        }
        _ => {}
    }
    if let Some(c) = raw.chars().find(|&c| c.is_whitespace()) {
        return Some((Suspicious, format!("contains a space ({c:?})")));
    }
    if let Some(c) = full_width_punctuation(raw) {
        return Some((
            Suspicious,
            format!("contains full-width punctuation `{c}`: text glued to the address?"),
        ));
    }
    if let Host::Domain(domain) = &host {
        let domain = domain.trim_end_matches('.');
        // Named without `www.`, so that spellings of one resource share their reason.
        let bare = crate::text::bare_host(domain);
        if !domain.contains('.') {
            return Some((Suspicious, format!("host `{domain}` has no domain suffix")));
        }
        let tld = domain.rsplit('.').next().unwrap_or_default();
        if tld.len() < 2 || tld.bytes().all(|b| b.is_ascii_digit()) {
            return Some((
                Suspicious,
                format!("host `{domain}` has an impossible top-level domain"),
            ));
        }
        if is_placeholder(domain) {
            return Some((Suspicious, format!("`{bare}` is a placeholder domain")));
        }
        if bare == "mp.weixin.qq.com" {
            if let Some(problem) = wechat_problem(&url) {
                return Some((Suspicious, problem));
            }
        }
    }
    None
}

/// The host of an `http://` URL to a site that serves https (browsers flag or upgrade such
/// links), if `raw` is one. Not a problem of its own: reports count these by host.
pub(crate) fn insecure_host(raw: &str) -> Option<String> {
    let url = Url::parse(raw.trim()).ok()?;
    if url.scheme() != "http" {
        return None;
    }
    let domain = url.domain()?.trim_end_matches('.');
    let bare = crate::text::bare_host(domain);
    HTTPS_SITES
        .iter()
        .any(|site| is_site(bare, site))
        .then(|| bare.to_string())
}

/// Whether `host` is `site` or one of its subdomains.
fn is_site(host: &str, site: &str) -> bool {
    host.strip_suffix(site)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
}

/// Loopback, private, link-local, unspecified or unique-local addresses.
fn is_local_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(ip) => {
            ip.is_loopback()
                || ip.is_private()
                || ip.is_link_local()
                || ip.is_unspecified()
                || ip == Ipv4Addr::BROADCAST
        }
        IpAddr::V6(ip) => {
            let first = ip.segments()[0];
            ip.is_loopback()
                || ip.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || ip
                    .to_ipv4_mapped()
                    .is_some_and(|v4| is_local_ip(IpAddr::V4(v4)))
                || ip == Ipv6Addr::LOCALHOST
        }
    }
}

/// Host names that only resolve on the author's machine or network.
fn is_local_domain(domain: &str) -> bool {
    let domain = domain.trim_end_matches('.');
    domain == "localhost"
        || [".localhost", ".local", ".internal", ".lan", ".home.arpa"]
            .iter()
            .any(|suffix| domain.ends_with(suffix))
}

/// Domains reserved for examples and tests (RFC 2606, RFC 6761).
fn is_placeholder(domain: &str) -> bool {
    ["example.com", "example.org", "example.net"]
        .iter()
        .any(|site| is_site(domain, site))
        || [".example", ".test", ".invalid"]
            .iter()
            .any(|suffix| domain.ends_with(suffix))
}

/// Full-width punctuation that betrays prose glued to an address: a sentence mark (`，。；：！？、`)
/// anywhere, or any full-width punctuation as the very last character (`）` of a parenthesis the
/// URL was written in). Brackets inside a path (`（一）/`, `《…》/`) are common in blog slugs and
/// pass. Marks count written or percent-encoded.
fn full_width_punctuation(raw: &str) -> Option<String> {
    let sentence = |c: char| "，。；：！？、".contains(c);
    let punctuation = |c: char| {
        matches!(c, '\u{3000}'..='\u{303F}')
            || (matches!(c, '\u{FF00}'..='\u{FF65}') && !c.is_alphanumeric())
    };
    let text = decode_utf8_escapes(raw);
    if let Some(c) = text.chars().find(|&c| sentence(c)) {
        return Some(c.to_string());
    }
    text.chars()
        .last()
        .filter(|&c| punctuation(c))
        .map(|c| c.to_string())
}

/// `raw` with percent-encoded UTF-8 sequences decoded where they form valid text.
fn decode_utf8_escapes(raw: &str) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| raw.to_string())
}

/// A WeChat article link that is cut or expires.
fn wechat_problem(url: &Url) -> Option<String> {
    if let Some(rest) = url.path().strip_prefix("/s/") {
        let id_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        return (id_len > 0 && id_len != 22).then(|| {
            format!("WeChat article id has {id_len} characters, not 22: cut or mistyped?")
        });
    }
    let expiring = url
        .query_pairs()
        .any(|(k, _)| k == "timestamp" || k == "signature");
    (url.path().trim_end_matches('/') == "/s" && expiring)
        .then(|| "temporary WeChat link (timestamp, signature): it expires".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn severity(raw: &str) -> Option<Severity> {
        check(raw).map(|(s, _)| s)
    }

    #[test]
    fn local_and_unparsable_addresses_are_broken() {
        for raw in [
            "http://localhost:4000/blog",
            "http://127.0.0.1:8888/notebooks/a.ipynb",
            "http://192.168.1.10/admin",
            "http://10.0.0.2/",
            "http://172.20.3.4/x",
            "http://169.254.1.1/",
            "http://0.0.0.0:8080/",
            "http://[::1]:3000/",
            "http://[fd00::1]/",
            "http://printer.local/",
            "http://api.localhost/",
            "http://wiki.corp.internal/page",
            "https://",
            "http://exa mple.com/",
            "http://[::1/",
            "https://host.123/",
        ] {
            assert_eq!(
                severity(raw),
                Some(Severity::Broken),
                "{raw}: {:?}",
                check(raw)
            );
        }
    }

    #[test]
    fn paths_leaving_the_corpus_folder_are_not_checked() {
        assert_eq!(check("../std/io/index.html"), None);
        assert_eq!(severity("std/io/index.html"), Some(Severity::Broken));
    }

    #[test]
    fn fragile_addresses_are_suspicious() {
        for raw in [
            "https://mp.weixin.qq.com/s/E0INxsn_p-MBNA-wg-2nbQs",
            "https://mp.weixin.qq.com/s/short",
            "https://mp.weixin.qq.com/s?src=11&timestamp=1600000000&ver=1&signature=abc",
            "https://arxiv/abs/1706.03762",
            "https://example.com/a",
            "https://docs.example/",
            "https://foo.b/",
            "https://github.com/a/b，见下文",
            "https://github.com/a/b%EF%BC%8C",
            "https://github.com/a/b%EF%BC%89",
            "https://github.com/a/b）",
        ] {
            assert_eq!(
                severity(raw),
                Some(Severity::Suspicious),
                "{raw}: {:?}",
                check(raw)
            );
        }
    }

    #[test]
    fn ordinary_addresses_pass() {
        for raw in [
            "https://arxiv.org/abs/1706.03762",
            "https://mp.weixin.qq.com/s/AbCdEfGhIjKlMnOpQr_-12",
            "https://mp.weixin.qq.com/s?__biz=MzU1OTMyNDcxMQ==&mid=1&idx=1&sn=abc",
            "http://www.some-old-site.cn/page.html",
            "https://baike.baidu.com/item/王浩/22564",
            "https://example.community/",
            "https://8.8.8.8/",
            "https://zh.wikipedia.org/wiki/%E8%B4%9D%E5%8F%B6%E6%96%AF",
            "https://github.com/a/b",
            "http://github.com/rust-lang/rust",
            "https://blog.cn/2015/%E4%B8%80%EF%BC%88%E4%B8%80%EF%BC%89/",
            "https://blog.cn/%E3%80%8A%E8%AE%BA%E6%96%87%E3%80%8B/",
        ] {
            assert_eq!(check(raw), None, "{raw}");
        }
    }

    #[test]
    fn http_links_to_https_sites_are_told_by_host() {
        assert_eq!(
            insecure_host("http://www.zhihu.com/question/1").as_deref(),
            Some("zhihu.com")
        );
        assert_eq!(
            insecure_host("http://zh.wikipedia.org/wiki/A").as_deref(),
            Some("zh.wikipedia.org")
        );
        assert_eq!(insecure_host("https://github.com/a"), None);
        assert_eq!(insecure_host("http://www.some-old-site.cn/"), None);
    }

    #[test]
    fn reasons_name_the_problem() {
        let (_, why) = check("https://mp.weixin.qq.com/s/E0INxsn_p-MBNA-wg-2nbQs").unwrap();
        assert!(why.contains("23 characters"), "{why}");
        let (_, why) = check("http://127.0.0.1:8888/").unwrap();
        assert!(why.contains("127.0.0.1"), "{why}");
        let (_, why) = check("https://github.com/a%E3%80%82").unwrap();
        assert!(why.contains('。'), "{why}");
    }
}
