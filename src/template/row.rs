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
    /// 规章.
    Regulations = "regulations",
    /// 规范性文件.
    NormativeDocuments = "normative_documents",
    /// 行政许可.
    Licensing = "licensing",
    /// 其他对外管理服务事项.
    OtherServices = "other_services",
    /// 行政处罚.
    Penalty = "penalty",
    /// 行政强制.
    Enforcement = "enforcement",
    /// 行政事业性收费.
    Fees = "fees",
    /// 政府集中采购.
    Procurement = "procurement",
    // Table 2.
    /// 一、本年新收政府信息公开申请数量.
    New = "new",
    /// 二、上年结转政府信息公开申请数量.
    CarriedOver = "carried_over",
    /// （一）予以公开.
    Granted = "granted",
    /// （二）部分公开.
    Partial = "partial",
    /// （三）1. 属于国家秘密.
    Denied1 = "denied.1",
    /// （三）2. 其他法律行政法规禁止公开.
    Denied2 = "denied.2",
    /// （三）3. 危及“三安全一稳定”.
    Denied3 = "denied.3",
    /// （三）4. 保护第三方合法权益.
    Denied4 = "denied.4",
    /// （三）5. 属于三类内部事务信息.
    Denied5 = "denied.5",
    /// （三）6. 属于四类过程性信息.
    Denied6 = "denied.6",
    /// （三）7. 属于行政执法案卷.
    Denied7 = "denied.7",
    /// （三）8. 属于行政查询事项.
    Denied8 = "denied.8",
    /// （四）1. 本机关不掌握相关政府信息.
    Unable1 = "unable.1",
    /// （四）2. 没有现成信息需要另行制作.
    Unable2 = "unable.2",
    /// （四）3. 补正后申请内容仍不明确.
    Unable3 = "unable.3",
    /// （五）1. 信访举报投诉类申请.
    NotProcessed1 = "not_processed.1",
    /// （五）2. 重复申请.
    NotProcessed2 = "not_processed.2",
    /// （五）3. 要求提供公开出版物.
    NotProcessed3 = "not_processed.3",
    /// （五）4. 无正当理由大量反复申请.
    NotProcessed4 = "not_processed.4",
    /// （五）5. 要求行政机关确认或重新出具已获取信息.
    NotProcessed5 = "not_processed.5",
    /// （六）其他处理: one row in 2019; in 2021 the group of `other.1`–`other.3`.
    Other = "other",
    /// （六）1. 申请人无正当理由逾期不补正 (2021).
    Other1 = "other.1",
    /// （六）2. 申请人逾期未按收费通知要求缴纳费用 (2021).
    Other2 = "other.2",
    /// （六）3. 其他 (2021).
    Other3 = "other.3",
    /// （七）总计.
    Total = "total",
    /// 四、结转下年度继续办理.
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
    /// Whether this names `row`.
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
