use super::*;

fn int(i: i64) -> AttrValue {
    AttrValue::Int(i)
}

#[test]
fn attrs_iterate_in_attr_order_whatever_the_insertion_order() {
    let mut attrs = Attrs::new();
    for attr in [Attr::Y, Attr::Path, Attr::Pagerank, Attr::Level, Attr::X] {
        assert_eq!(attrs.insert(attr, int(attr as i64)), None);
    }
    let order: Vec<Attr> = attrs.iter().map(|(&a, _)| a).collect();
    assert_eq!(
        order,
        [Attr::Path, Attr::Level, Attr::Pagerank, Attr::X, Attr::Y]
    );
    for (&attr, value) in &attrs {
        assert_eq!(value, &int(attr as i64));
    }
    assert_eq!(attrs.len(), 5);
    assert!(!attrs.is_empty());
    assert!(Attrs::new().is_empty());
}

#[test]
fn attrs_insert_replaces_and_remove_unsets() {
    let mut attrs: Attrs = [(Attr::Url, int(1)), (Attr::Posts, int(2))]
        .into_iter()
        .collect();
    assert_eq!(attrs.insert(Attr::Url, int(3)), Some(int(1)));
    assert_eq!(attrs.get(&Attr::Url), Some(&int(3)));
    assert_eq!(attrs.len(), 2);
    assert_eq!(attrs.remove(&Attr::Url), Some(int(3)));
    assert_eq!(attrs.remove(&Attr::Url), None);
    assert_eq!(attrs.get(&Attr::Url), None);
    assert_eq!(attrs.get(&Attr::Y), None);
    assert_eq!(attrs.iter().collect::<Vec<_>>(), [(&Attr::Posts, &int(2))]);
}

#[test]
fn attrs_later_values_win_when_collected_or_extended() {
    let mut attrs: Attrs = [(Attr::X, int(1)), (Attr::Path, int(2)), (Attr::X, int(3))]
        .into_iter()
        .collect();
    assert_eq!(attrs.get(&Attr::X), Some(&int(3)));
    attrs.extend([(Attr::Path, int(4)), (Attr::Date, int(5))]);
    let all: Vec<_> = attrs.iter().map(|(&a, v)| (a, v.clone())).collect();
    assert_eq!(
        all,
        [
            (Attr::Path, int(4)),
            (Attr::Date, int(5)),
            (Attr::X, int(3))
        ]
    );
}

#[test]
fn attrs_keep_no_spare_capacity() {
    let mut attrs = Attrs::new();
    for (i, attr) in Attr::ALL.into_iter().rev().enumerate() {
        attrs.insert(attr, int(0));
        assert_eq!(attrs.entries.capacity(), i + 1);
    }
    *attrs.get_or_insert_with(Attr::Posts, || int(7)) = int(8);
    assert_eq!(attrs.get(&Attr::Posts), Some(&int(8)));
    assert_eq!(attrs.entries.capacity(), Attr::ALL.len());
    attrs.remove(&Attr::Posts);
    assert_eq!(attrs.entries.capacity(), attrs.len());
    attrs.extend([(Attr::Posts, int(1)), (Attr::X, int(2))]);
    assert_eq!(attrs.entries.capacity(), attrs.len());
    let mut fresh = Attrs::new();
    *fresh.get_or_insert_with(Attr::Citations, || int(0)) = int(1);
    assert_eq!(fresh.entries.capacity(), 1);
    let collected: Attrs = [(Attr::X, int(1)), (Attr::X, int(2))].into_iter().collect();
    assert_eq!(collected.entries.capacity(), 1);
    assert_eq!(collected.clone().entries.capacity(), 1);
}

#[test]
fn attrs_debug_like_a_map() {
    let attrs: Attrs = [(Attr::Level, int(2))].into_iter().collect();
    assert_eq!(format!("{attrs:?}"), "{Level: Int(2)}");
}
