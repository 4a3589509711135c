//! Finding the report in a saved page with the site around it.

use crate::doc::looks_like_agency;
use crate::headings::heading_of;
use crate::input::grid::{OutputKind, OutputLine};
use crate::text::{find_year, key};

use super::parse::Node;

// ---- finding the report --------------------------------------------------------

pub(super) fn is_title(line: &str) -> bool {
    let k = key(line);
    k.contains("报告")
        && (k.contains("信息公开") || k.contains("政务公开"))
        && k.chars().count() <= 80
}

/// Short lines of page furniture after the report.
pub(super) const CHROME_PHRASES: &[&str] = &[
    "打印本页",
    "【打印】",
    "[打印]",
    "关闭窗口",
    "【关闭】",
    "[关闭]",
    "分享到",
    "上一篇",
    "下一篇",
    "返回顶部",
    "扫一扫",
    "浏览次数",
    "【字体",
    "字号：",
];

pub(super) fn is_under(nodes: &[Node], mut n: usize, ancestor: usize) -> bool {
    loop {
        if n == ancestor {
            return true;
        }
        if n == 0 {
            return false;
        }
        n = nodes[n].parent;
    }
}

/// Inside an element that looks like site navigation.
pub(super) fn in_chrome(nodes: &[Node], mut n: usize) -> bool {
    while n != 0 {
        if nodes[n].chrome {
            return true;
        }
        n = nodes[n].parent;
    }
    false
}

pub(super) fn common_ancestor(nodes: &[Node], a: usize, b: usize) -> usize {
    let mut path = Vec::new();
    let mut n = a;
    loop {
        path.push(n);
        if n == 0 {
            break;
        }
        n = nodes[n].parent;
    }
    let mut m = b;
    loop {
        if path.contains(&m) {
            return m;
        }
        if m == 0 {
            return 0;
        }
        m = nodes[m].parent;
    }
}

pub(super) fn select(mut lines: Vec<OutputLine>, nodes: &[Node]) -> Vec<OutputLine> {
    let keep = choose(&lines, nodes);
    let mut k = keep.iter();
    lines.retain(|_| k.next().copied().unwrap_or(true));
    lines
}

/// Which lines to keep (see the module documentation, step 4).
pub(super) fn choose(lines: &[OutputLine], nodes: &[Node]) -> Vec<bool> {
    let mut headings = Vec::new();
    let mut first_row = None;
    let mut last_row = None;
    let mut mark = vec![false; lines.len()];
    for (i, l) in lines.iter().enumerate() {
        if l.kind == OutputKind::Row {
            first_row = first_row.or(Some(i));
            last_row = Some(i);
            mark[i] = true;
        }
        if l.text.len() <= 240 && heading_of(&l.text).is_some() {
            headings.push(i);
            mark[i] = true;
        }
    }
    let Some(first) = headings.first().copied().or(first_row) else {
        // Nothing of a report: the checker will say so. Leave out what is
        // plainly the site (its furniture and lines that are only links) so
        // that a menu entry is not taken for the title.
        return lines
            .iter()
            .map(|l| !l.link && !in_chrome(nodes, l.node))
            .collect();
    };
    // The title: the nearest line above the first heading that names the
    // report, preferring one with a year; not a link (a list of other
    // years' reports, a breadcrumb), not a sentence (a preamble).
    let mut title = None;
    for i in (0..first).rev() {
        let t = &lines[i].text;
        if !lines[i].link && is_title(t) && !t.contains(['。', '，', '；']) {
            if find_year(t).is_some() {
                title = Some(i);
                break;
            }
            title = title.or(Some(i));
        }
    }
    let end = headings.last().copied().max(last_row).unwrap_or(first);

    // Elements that hold part of the report are never dropped as furniture.
    let mut material = vec![false; nodes.len()];
    if let Some(t) = title {
        mark[t] = true;
    }
    for (l, _) in lines.iter().zip(&mark).filter(|(_, &m)| m) {
        let mut n = l.node;
        while !material[n] {
            material[n] = true;
            if n == 0 {
                break;
            }
            n = nodes[n].parent;
        }
    }
    // Furniture: inside an element that looks like site navigation and holds
    // no part of the report (looked for below `top`).
    let furniture = |mut n: usize, top: usize| -> bool {
        while n != top && n != 0 {
            if nodes[n].chrome && !material[n] {
                return true;
            }
            n = nodes[n].parent;
        }
        nodes[n].chrome && !material[n]
    };
    // Without a title there is no telling where the report starts: keep all
    // but the furniture.
    let Some(start) = title else {
        return lines.iter().map(|l| !furniture(l.node, 0)).collect();
    };
    let container = common_ancestor(nodes, lines[start].node, lines[end].node);
    // Lines of the title's own element before it (a title broken by <br>).
    let mut from = start;
    while from > 0 && lines[from - 1].node == lines[start].node {
        from -= 1;
    }
    // The agency's name on a line of its own just above the title (in a
    // heading of its own, outside the content).
    let agency = (0..from)
        .rev()
        .filter(|&i| !furniture(lines[i].node, 0))
        .take(4)
        .find(|&i| looks_like_agency(lines[i].text.trim()));
    let last_heading = headings.last().copied().unwrap_or(end);
    let mut keep = vec![false; lines.len()];
    for (i, l) in lines.iter().enumerate().skip(from) {
        keep[i] = is_under(nodes, l.node, container)
            && !furniture(l.node, container)
            && !(i > last_heading
                && l.text.chars().count() <= 40
                && CHROME_PHRASES.iter().any(|p| l.text.contains(p)));
    }
    if let Some(a) = agency {
        keep[a] = true;
    }
    keep
}
