//! Links that name a content file by its path: Zola's `@/section/page.md` and Hugo's
//! `{{< ref "path" >}}` / `{{< relref "path" >}}`.
//!
//! A path with a leading `@/` (Zola) or `/` starts at the content folder (the input folder, or its `content/`
//! when the input is the whole site); any other is read from the linking page's folder first,
//! then from the content folder, then as a file name anywhere (Hugo accepts a unique name).
//! `page`, `page.md`, `page/index.md` and `page/_index.md` are the same page.

use super::{PostIndex, Resolution};
use crate::extract::{join, percent_decoded, without_fragment, Joined};

impl PostIndex {
    /// The post the content path `target` names, written in the post at `from_path`.
    pub(super) fn resolve_content(&self, from_path: &str, target: &str) -> Resolution {
        let target = percent_decoded(without_fragment(target));
        let target = target.as_ref();
        if target.is_empty() {
            return Resolution::Nothing;
        }
        let mut bases = Vec::new();
        match target
            .strip_prefix("@/")
            .or_else(|| target.strip_prefix('/'))
        {
            Some(rooted) => bases.push(rooted.to_string()),
            None => {
                if let Joined::Inside(path) = join(from_path, target) {
                    bases.push(path);
                }
                bases.push(target.to_string());
            }
        }
        let found = bases.iter().find_map(|base| {
            let base = base.trim_end_matches('/');
            [String::new(), "content/".to_string()]
                .iter()
                .flat_map(|root| {
                    [
                        format!("{root}{base}"),
                        format!("{root}{base}/index"),
                        format!("{root}{base}/_index"),
                    ]
                })
                .find_map(|path| self.names.at_path(&path))
        });
        let found = found.or_else(|| {
            (!target.starts_with('/') && !target.starts_with("@/"))
                .then(|| self.names.resolve(from_path, target))
                .flatten()
        });
        found.map_or(Resolution::Unresolved, Resolution::Post)
    }
}
