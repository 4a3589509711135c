//! The rows of tables 1 and 2 as a type; their JSON keys are spelled here only.

macro_rules! rows {
    ($($(#[$doc:meta])* $v:ident = $k:literal,)*) => {
        /// A row of table 1 or 2, or a group's subtotal row of table 2.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Row {
            $($(#[$doc])* $v,)*
        }

        impl Row {
            /// The row's key in the JSON contract (`licensing`, `denied.3` …).
            pub const fn key(self) -> &'static str {
                match self {
                    $(Row::$v => $k,)*
                }
            }
        }
    };
}

rows! {
    // Table 1.
    Regulations = "regulations",
    NormativeDocuments = "normative_documents",
    Licensing = "licensing",
    OtherServices = "other_services",
    Penalty = "penalty",
    Enforcement = "enforcement",
    Fees = "fees",
    Procurement = "procurement",
    // Table 2.
    New = "new",
    CarriedOver = "carried_over",
    Granted = "granted",
    Partial = "partial",
    Denied1 = "denied.1",
    Denied2 = "denied.2",
    Denied3 = "denied.3",
    Denied4 = "denied.4",
    Denied5 = "denied.5",
    Denied6 = "denied.6",
    Denied7 = "denied.7",
    Denied8 = "denied.8",
    Unable1 = "unable.1",
    Unable2 = "unable.2",
    Unable3 = "unable.3",
    NotProcessed1 = "not_processed.1",
    NotProcessed2 = "not_processed.2",
    NotProcessed3 = "not_processed.3",
    NotProcessed4 = "not_processed.4",
    NotProcessed5 = "not_processed.5",
    /// （六）其他处理: one row in 2019; in 2021 the group of `other.1`–`other.3`.
    Other = "other",
    Other1 = "other.1",
    Other2 = "other.2",
    Other3 = "other.3",
    Total = "total",
    CarriedForward = "carried_forward",
    // Table 2's groups, as keys of subtotal rows the template does not have.
    /// 三、本年度办理结果.
    Results = "results",
    /// （三）不予公开.
    Denied = "denied",
    /// （四）无法提供.
    Unable = "unable",
    /// （五）不予处理.
    NotProcessed = "not_processed",
}

impl Row {
    /// The group a numbered row of table 2 belongs to (`denied.3` → `denied`).
    #[must_use]
    pub const fn group(self) -> Option<Row> {
        #[allow(clippy::enum_glob_use)] // every variant takes part in the match
        use Row::*;
        match self {
            Denied1 | Denied2 | Denied3 | Denied4 | Denied5 | Denied6 | Denied7 | Denied8 => {
                Some(Denied)
            }
            Unable1 | Unable2 | Unable3 => Some(Unable),
            NotProcessed1 | NotProcessed2 | NotProcessed3 | NotProcessed4 | NotProcessed5 => {
                Some(NotProcessed)
            }
            Other1 | Other2 | Other3 => Some(Other),
            _ => None,
        }
    }

    /// The first numbered row of its group (`denied.1`, `other.1` …).
    #[must_use]
    pub const fn first_of_group(self) -> bool {
        matches!(
            self,
            Row::Denied1 | Row::Unable1 | Row::NotProcessed1 | Row::Other1
        )
    }
}

/// A row named by its [`Row`] or, in tests and tools, by its JSON key.
pub trait RowName {
    fn names(&self, row: Row) -> bool;
}

impl RowName for Row {
    fn names(&self, row: Row) -> bool {
        *self == row
    }
}

impl RowName for &str {
    fn names(&self, row: Row) -> bool {
        row.key() == *self
    }
}

impl PartialEq<&str> for Row {
    fn eq(&self, other: &&str) -> bool {
        self.key() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_groups() {
        assert_eq!(Row::Denied3.key(), "denied.3");
        assert_eq!(Row::Denied3.group(), Some(Row::Denied));
        assert_eq!(Row::Other2.group(), Some(Row::Other));
        assert_eq!(Row::Other.group(), None);
        assert!(Row::Unable1.first_of_group());
        assert!(Row::Licensing == "licensing");
        assert!("total".names(Row::Total));
    }
}
