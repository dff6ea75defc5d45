//! The columns of a table read back: what each holds, and its values as kgraph's types.

use parquet::record::Field;
use parquet::schema::types::Type;

use crate::export::parquet::schema::Role;
use crate::model::{AttrType, AttrValue};
use crate::text::civil_date;

/// What each column of one part file holds, in file order.
pub(super) struct Columns {
    /// The role of each top-level column, `None` for the ignored ones.
    pub(super) roles: Vec<Option<Role>>,
    /// The names of the ignored columns, in file order.
    pub(super) ignored: Vec<String>,
}

impl Columns {
    /// The columns of a file whose schema is `root`, each given its role by `role_of`.
    pub(super) fn of(root: &Type, role_of: &dyn Fn(&str) -> Option<Role>) -> Columns {
        let mut columns = Columns {
            roles: Vec::new(),
            ignored: Vec::new(),
        };
        for field in root.get_fields() {
            let role = role_of(field.name()).filter(|_| field.is_primitive());
            let taken = role.is_some_and(|r| columns.roles.contains(&Some(r)));
            if role.is_none() || taken {
                columns.ignored.push(field.name().to_string());
            }
            columns.roles.push(role.filter(|_| !taken));
        }
        columns
    }

    /// The position of the column with `role`, if any.
    pub(super) fn find(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|r| *r == Some(role))
    }
}

/// The column name a role is read from.
pub(super) fn role_name(role: Role) -> &'static str {
    match role {
        Role::Id => "id",
        Role::Src => "src",
        Role::Dst => "dst",
        Role::Kind => "kind",
        Role::Label => "label",
        Role::Weight => "weight",
        Role::Attr(attr) => attr.as_str(),
    }
}

/// A text field's text; `None` for null and for anything else.
pub(super) fn field_text(field: &Field) -> Option<String> {
    match field {
        Field::Str(s) => Some(s.clone()),
        _ => None,
    }
}

/// A field as a value of type `ty`: `Ok(None)` for null, `Err` with what the field holds when
/// it does not fit. Any integer fits a whole-number or real column, a real with no fraction a
/// whole-number one, and a date (Spark's `DATE`) a text one as `YYYY-MM-DD`.
pub(super) fn field_value(field: &Field, ty: AttrType) -> Result<Option<AttrValue>, String> {
    let whole = match *field {
        Field::Null => return Ok(None),
        Field::Bool(b) => Some(i64::from(b)),
        Field::Byte(i) => Some(i64::from(i)),
        Field::Short(i) => Some(i64::from(i)),
        Field::Int(i) => Some(i64::from(i)),
        Field::Long(i) => Some(i),
        Field::UByte(i) => Some(i64::from(i)),
        Field::UShort(i) => Some(i64::from(i)),
        Field::UInt(i) => Some(i64::from(i)),
        Field::ULong(i) => i64::try_from(i).ok(),
        _ => None,
    };
    let real = match *field {
        Field::Float(x) => Some(f64::from(x)),
        Field::Double(x) => Some(x),
        _ => None,
    };
    let value = match (ty, field, whole, real) {
        (AttrType::String, Field::Str(s), _, _) => Some(AttrValue::text(s.as_str())),
        (AttrType::String, Field::Date(days), _, _) => Some(AttrValue::text(civil_date(*days))),
        (AttrType::Int, _, Some(i), _) => Some(AttrValue::Int(i)),
        (AttrType::Int, _, _, Some(x)) if x.fract() == 0.0 && x.abs() < 9.0e15 => {
            Some(AttrValue::Int(x as i64))
        }
        (AttrType::Float, _, Some(i), _) => Some(AttrValue::Float(i as f64)),
        (AttrType::Float, _, _, Some(x)) if x.is_finite() => Some(AttrValue::Float(x)),
        _ => None,
    };
    value.map(Some).ok_or_else(|| describe(field))
}

/// What a field holds, for a message: `text "abc"`, `2.5`.
fn describe(field: &Field) -> String {
    match field {
        Field::Str(s) => format!("text {s:?}"),
        other => format!("{other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_fit_the_attribute_types_they_can_stand_for() {
        let int = |f: Field| field_value(&f, AttrType::Int);
        assert_eq!(int(Field::Int(3)), Ok(Some(AttrValue::Int(3))));
        assert_eq!(int(Field::Double(4.0)), Ok(Some(AttrValue::Int(4))));
        assert_eq!(int(Field::Null), Ok(None));
        assert!(int(Field::Double(4.5)).is_err());
        assert!(int(Field::Str("4".into())).is_err());
        let real = field_value(&Field::Long(2), AttrType::Float);
        assert_eq!(real, Ok(Some(AttrValue::Float(2.0))));
        assert!(field_value(&Field::Double(f64::NAN), AttrType::Float).is_err());
        let date = field_value(&Field::Date(19_000), AttrType::String);
        assert_eq!(date, Ok(Some(AttrValue::text("2022-01-08"))));
    }
}
