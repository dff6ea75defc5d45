//! Canonical keys for cited URLs: one resource per page, however the author wrote its address.
//!
//! Steps, in order (the `url` crate has already lower-cased scheme and host, dropped default ports, resolved
//! `.`/`..`, punycoded IDN hosts and percent-encoded non-ASCII paths):
//! 1. a URL that does not parse keeps its raw text as key, with a warning; the fragment is dropped;
//! 2. `http` folds to `https`, a leading `www.` is stripped;
//! 3. tracking keys are dropped from the query (WeChat's own noise keys only on `weixin.qq.com` hosts, where
//!    they are known to be noise: on other sites `key`, `lang` or `version` can select the content);
//! 4. the remaining pairs are sorted and the query is rebuilt from the raw segments, never re-encoded
//!    (`__biz=MzU1OTMyNDcxMQ==` keeps its `==`);
//! 5. trailing `/`s of the path are removed (not the root), so that canonicalising is idempotent; the path's
//!    case is kept;
//! 6. site rules: zhihu, csdn and jianshu pages drop their query; WeChat articles keep only what names them.

use crate::diagnostic::DiagnosticKind;
use std::borrow::Cow;

use url::{Host, Url};

use crate::text::bare_host;

/// A URL's identity and domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CanonicalUrl {
    /// The canonical form, or the raw text when it does not parse.
    pub(crate) key: String,
    /// Host without `www.`, after IDNA.
    pub(crate) host: Option<String>,
    /// A problem worth telling the author about (unparsable URL, odd WeChat id, expiring link).
    pub(crate) warning: Option<DiagnosticKind>,
}

/// Query keys that only track the visitor.
fn is_tracking_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.starts_with("utm_")
        || matches!(
            key.as_str(),
            "spm"
                | "from"
                | "share_token"
                | "share_code"
                | "fbclid"
                | "gclid"
                | "ref"
                | "source"
                | "vd_source"
                | "isappinstalled"
                | "wfr"
        )
}

/// Query keys WeChat adds to shared links.
fn is_wechat_noise_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.starts_with("sharer_")
        || matches!(
            key.as_str(),
            "scene"
                | "chksm"
                | "srcid"
                | "clicktime"
                | "enterid"
                | "pass_ticket"
                | "exportkey"
                | "ascene"
                | "devicetype"
                | "version"
                | "lang"
                | "nettype"
                | "key"
                | "uin"
        )
}

/// The canonical key and host of `raw`.
pub(crate) fn canonical_url(raw: &str) -> CanonicalUrl {
    let raw = raw.trim();
    let url = match Url::parse(raw) {
        Ok(url) => url,
        Err(e) => {
            return CanonicalUrl {
                key: raw.to_string(),
                host: None,
                warning: Some(DiagnosticKind::UnparsableUrl {
                    url: raw.to_string(),
                    reason: e.to_string(),
                }),
            };
        }
    };
    if !matches!(url.scheme(), "http" | "https") {
        // Not a web page: only the fragment goes.
        let key = url[..url::Position::AfterQuery].to_string();
        return CanonicalUrl {
            key,
            host: url.host_str().map(str::to_string),
            warning: None,
        };
    }
    let host = match url.host() {
        Some(Host::Domain(domain)) => bare_host(domain),
        _ => url.host_str().unwrap_or_default(),
    };
    let mut path = Cow::Borrowed(url.path());
    let mut query = url.query().map(Cow::Borrowed);
    let mut warning = None;
    if host == "mp.weixin.qq.com" {
        warning = canonical_wechat(&mut path, &mut query);
    } else if is_site(host, "zhihu.com")
        || is_site(host, "csdn.net")
        || is_site(host, "jianshu.com")
    {
        query = None;
    } else if let Some(q) = query.take() {
        query = clean_query(&q, is_site(host, "weixin.qq.com")).map(Cow::Owned);
    }

    // Steps 2 and 5: https, the host without `www.`, no trailing `/`, no fragment.
    let path = trim_trailing_slashes(&path);
    let mut key = String::with_capacity(raw.len() + 1);
    key.push_str("https://");
    if !url.username().is_empty() {
        key.push_str(url.username());
        if let Some(password) = url.password() {
            key.push(':');
            key.push_str(password);
        }
        key.push('@');
    }
    key.push_str(host);
    if let Some(port) = url.port().filter(|&p| p != 443) {
        key.push(':');
        key.push_str(&port.to_string());
    }
    key.push_str(path);
    if let Some(q) = query.as_deref().filter(|q| !q.is_empty()) {
        key.push('?');
        key.push_str(q);
    }
    CanonicalUrl {
        key,
        host: Some(host.to_string()).filter(|h| !h.is_empty()),
        warning,
    }
}

/// Whether `host` is `site` or one of its subdomains.
fn is_site(host: &str, site: &str) -> bool {
    host.strip_suffix(site)
        .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
}

/// Steps 3 and 4: drops tracking keys, sorts the rest and joins the raw segments again (never re-encoding).
fn clean_query(query: &str, wechat: bool) -> Option<String> {
    let mut kept: Vec<&str> = query
        .split('&')
        .filter(|seg| {
            let key = seg.split('=').next().unwrap_or_default();
            let noise = is_tracking_key(key) || (wechat && is_wechat_noise_key(key));
            !seg.is_empty() && !noise
        })
        .collect();
    kept.sort_unstable();
    (!kept.is_empty()).then(|| kept.join("&"))
}

/// The raw value of `name` in `query`.
fn query_value<'q>(query: &'q str, name: &str) -> Option<&'q str> {
    query.split('&').find_map(|seg| {
        let (key, value) = seg.split_once('=').unwrap_or((seg, ""));
        (key == name).then_some(value)
    })
}

/// The named keys of the query, in the given order.
fn keep_only(query: &str, names: &[&str]) -> Option<String> {
    let kept: Vec<String> = names
        .iter()
        .filter_map(|name| query_value(query, name).map(|v| format!("{name}={v}")))
        .collect();
    (!kept.is_empty()).then(|| kept.join("&"))
}

/// WeChat article links: `/s/<ID>`, `/s?__biz&mid&idx&sn`, album and home pages. Returns a warning, if any.
fn canonical_wechat(
    path: &mut Cow<'_, str>,
    query: &mut Option<Cow<'_, str>>,
) -> Option<DiagnosticKind> {
    if let Some(rest) = path.strip_prefix("/s/") {
        let id_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        let id = &rest[..id_len];
        if !id.is_empty() {
            let warning =
                (id.len() != 22).then(|| DiagnosticKind::OddWechatId { id: id.to_string() });
            *path = Cow::Owned(format!("/s/{id}"));
            *query = None;
            return warning;
        }
    }
    let q = query.take()?;
    let has = |name: &str| query_value(&q, name).is_some();
    let kept = match path.trim_end_matches('/') {
        "/s" if has("__biz") => keep_only(&q, &["__biz", "mid", "idx", "sn"]),
        "/s" if has("timestamp") || has("signature") => {
            *query = Some(q);
            return Some(DiagnosticKind::ExpiringWechatLink);
        }
        "/mp/homepage" if has("__biz") => keep_only(&q, &["__biz", "hid"]),
        "/mp/appmsgalbum" if has("__biz") => keep_only(&q, &["__biz", "album_id"]),
        _ => clean_query(&q, true),
    };
    *query = kept.map(Cow::Owned);
    None
}

/// Step 5: `/a/b/` → `/a/b`; `/` stays.
fn trim_trailing_slashes(path: &str) -> &str {
    match path.trim_end_matches('/') {
        "" => "/",
        trimmed => trimmed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WX_ID: &str = "AbCdEfGhIjKlMnOpQr_-12";

    fn key(raw: &str) -> String {
        canonical_url(raw).key
    }

    fn table() -> Vec<(String, String)> {
        let cases = [
            ("http://example.org/a", "https://example.org/a"),
            ("https://www.Example.org/A/b/", "https://example.org/A/b"),
            ("https://example.org/", "https://example.org/"),
            ("https://example.org", "https://example.org/"),
            ("https://example.org//", "https://example.org/"),
            ("https://example.org/a//", "https://example.org/a"),
            ("https://example.org/a#frag", "https://example.org/a"),
            ("http://example.org:80/a", "https://example.org/a"),
            ("https://example.org:8443/a", "https://example.org:8443/a"),
            (
                "https://example.org/p?utm_source=x&b=2&a=1&spm=3&UTM_medium=y",
                "https://example.org/p?a=1&b=2",
            ),
            (
                "https://example.org/p?from=timeline&ref=abc",
                "https://example.org/p",
            ),
            ("https://example.org/p?", "https://example.org/p"),
            (
                "https://example.org/p?a=1&&b=2",
                "https://example.org/p?a=1&b=2",
            ),
            (
                "https://example.org/p?lang=en&version=2&key=k",
                "https://example.org/p?key=k&lang=en&version=2",
            ),
            (
                "https://example.org/p?x=a%20b&q=%E4%B8%AD",
                "https://example.org/p?q=%E4%B8%AD&x=a%20b",
            ),
            (
                "https://example.org/p?t=YQ==",
                "https://example.org/p?t=YQ==",
            ),
            (
                "https://baike.baidu.com/item/王浩/22564",
                "https://baike.baidu.com/item/%E7%8E%8B%E6%B5%A9/22564",
            ),
            (
                "https://zhuanlan.zhihu.com/p/123?utm_id=1&share=2",
                "https://zhuanlan.zhihu.com/p/123",
            ),
            (
                "https://www.zhihu.com/question/1?sort=created",
                "https://zhihu.com/question/1",
            ),
            (
                "https://blog.csdn.net/u/article/details/7?spm=1",
                "https://blog.csdn.net/u/article/details/7",
            ),
            (
                "https://www.jianshu.com/p/abc?from=x",
                "https://jianshu.com/p/abc",
            ),
            ("https://notzhihu.com/p?a=1", "https://notzhihu.com/p?a=1"),
            ("https://example.org/a/b.pdf", "https://example.org/a/b.pdf"),
            ("https://[::1]/x", "https://[::1]/x"),
            ("https://www.www.example.org/x", "https://example.org/x"),
        ];
        cases
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn wechat_table() -> Vec<(String, String)> {
        let biz = "__biz=MzU1OTMyNDcxMQ==&mid=2247484969&idx=1&sn=29d04fbb";
        vec![
            (format!("https://mp.weixin.qq.com/s/{WX_ID}"), format!("https://mp.weixin.qq.com/s/{WX_ID}")),
            (format!("http://mp.weixin.qq.com/s/{WX_ID}/"), format!("https://mp.weixin.qq.com/s/{WX_ID}")),
            (
                format!("https://mp.weixin.qq.com/s/{WX_ID}?scene=1&from=x#rd"),
                format!("https://mp.weixin.qq.com/s/{WX_ID}"),
            ),
            (
                format!("https://mp.weixin.qq.com/s/{WX_ID}%E3%80%82"),
                format!("https://mp.weixin.qq.com/s/{WX_ID}"),
            ),
            (
                "https://mp.weixin.qq.com/s?sn=29d04fbb&scene=21&idx=1&mid=2247484969&chksm=zz&__biz=MzU1OTMyNDcxMQ==#wechat_redirect".to_string(),
                format!("https://mp.weixin.qq.com/s?{biz}"),
            ),
            (
                "https://mp.weixin.qq.com/mp/homepage?__biz=MzA==&hid=3&sn=x&scene=18".to_string(),
                "https://mp.weixin.qq.com/mp/homepage?__biz=MzA==&hid=3".to_string(),
            ),
            (
                "https://mp.weixin.qq.com/mp/appmsgalbum?__biz=MzA==&action=getalbum&album_id=77#wechat_redirect".to_string(),
                "https://mp.weixin.qq.com/mp/appmsgalbum?__biz=MzA==&album_id=77".to_string(),
            ),
            (
                "https://mp.weixin.qq.com/s?src=11&timestamp=1&ver=2&signature=abc".to_string(),
                "https://mp.weixin.qq.com/s?src=11&timestamp=1&ver=2&signature=abc".to_string(),
            ),
            (
                "https://mp.weixin.qq.com/other?lang=zh_CN&a=1".to_string(),
                "https://mp.weixin.qq.com/other?a=1".to_string(),
            ),
        ]
    }

    #[test]
    fn canonicalises_urls() {
        for (raw, expected) in table().into_iter().chain(wechat_table()) {
            assert_eq!(key(&raw), expected, "{raw}");
        }
    }

    #[test]
    fn canonicalisation_is_idempotent() {
        let odd = [
            "not a url",
            "https://",
            "https://example.org/a/./../b//?b&a#x",
            "http://例子.测试/路径/",
        ];
        let raws = table()
            .into_iter()
            .chain(wechat_table())
            .map(|(raw, _)| raw)
            .chain(odd.iter().map(|s| s.to_string()));
        for raw in raws {
            let once = key(&raw);
            assert_eq!(key(&once), once, "{raw}");
        }
    }

    #[test]
    fn hosts_drop_www_and_are_punycoded() {
        assert_eq!(
            canonical_url("https://www.example.org/x").host.as_deref(),
            Some("example.org")
        );
        assert_eq!(
            canonical_url("http://例子.测试/").host.as_deref(),
            Some("xn--fsqu00a.xn--0zwm56d")
        );
        assert_eq!(canonical_url("https://www./").host.as_deref(), Some("www."));
    }

    #[test]
    fn warns_about_odd_urls() {
        assert!(
            canonical_url(&format!("https://mp.weixin.qq.com/s/{WX_ID}"))
                .warning
                .is_none()
        );
        let short = canonical_url("https://mp.weixin.qq.com/s/abc");
        assert_eq!(short.key, "https://mp.weixin.qq.com/s/abc");
        let abc = DiagnosticKind::OddWechatId { id: "abc".into() };
        assert_eq!(short.warning, Some(abc));
        let long = canonical_url(&format!("https://mp.weixin.qq.com/s/{WX_ID}x"));
        assert!(long.warning.is_some());
        let expiring = canonical_url("https://mp.weixin.qq.com/s?src=11&timestamp=1&signature=z");
        assert_eq!(expiring.warning, Some(DiagnosticKind::ExpiringWechatLink));
        let bad = canonical_url("https://exa mple.org/");
        assert_eq!(bad.key, "https://exa mple.org/");
        assert_eq!(bad.host, None);
        assert!(matches!(
            bad.warning,
            Some(DiagnosticKind::UnparsableUrl { .. })
        ));
    }
}
