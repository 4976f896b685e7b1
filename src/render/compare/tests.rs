use super::*;

const LABELS: Labels<'static> = Labels {
    added: "Eingefügt:",
    removed: "Entfernt:",
};

fn para(text: &str) -> Block {
    Block {
        kind: BlockKind::Paragraph,
        text: text.to_owned(),
    }
}

fn ops(parts: &[Part]) -> Vec<(Op, &str)> {
    parts.iter().map(|p| (p.op, p.text.as_str())).collect()
}

#[test]
fn a_changed_word_is_that_word() {
    let c = compare(
        &[para("Die Stadt fördert Sprachkurse für Erwachsene.")],
        &[para(
            "Die Stadt fördert Sprachkurse für Kinder und Erwachsene.",
        )],
        &[],
    );
    assert_eq!(
        ops(&c.blocks[0].parts),
        [
            (Op::Same, "Die Stadt fördert Sprachkurse für "),
            (Op::Added, "Kinder und "),
            (Op::Same, "Erwachsene."),
        ]
    );
    assert_eq!((c.added, c.removed), (2, 0));
    assert_eq!(c.blocks[0].change, Change::Changed);
}

#[test]
fn neighbouring_changed_words_are_one_change_removed_before_added() {
    let c = compare(
        &[para("alte Fassung 2007")],
        &[para("neue Strategie 2007")],
        &[],
    );
    assert_eq!(
        ops(&c.blocks[0].parts),
        [
            (Op::Removed, "alte Fassung"),
            (Op::Added, "neue Strategie"),
            (Op::Same, " 2007"),
        ]
    );
    assert_eq!((c.added, c.removed), (2, 2));
}

#[test]
fn blocks_are_aligned_before_words_are_compared() {
    let old = [para("Eins."), para("Zwei."), para("Drei.")];
    let new = [para("Eins."), para("Neu."), para("Zwei."), para("Drei!")];
    let c = compare(&old, &new, &[]);
    let changes: Vec<Change> = c.blocks.iter().map(|b| b.change).collect();
    assert_eq!(
        changes,
        [Change::Same, Change::Added, Change::Same, Change::Changed]
    );
    assert!(c.is_changed());
    assert!(!compare(&old, &old, &[]).is_changed());
}

#[test]
fn removed_blocks_and_fields_are_listed() {
    let fields = [
        Field {
            label: "Titel".to_owned(),
            old: Some("Konzept".to_owned()),
            new: Some("Strategie".to_owned()),
        },
        Field {
            label: "Zusammenfassung".to_owned(),
            old: Some("gleich".to_owned()),
            new: Some("gleich".to_owned()),
        },
        Field {
            label: "Ziel".to_owned(),
            old: None,
            new: Some("Teilhabe".to_owned()),
        },
    ];
    let c = compare(&[para("Weg damit.")], &[], &fields);
    assert_eq!(c.blocks[0].change, Change::Removed);
    let labels: Vec<&str> = c.fields.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(labels, ["Titel", "Ziel"]);
    assert_eq!(ops(&c.fields[1].parts), [(Op::Added, "Teilhabe")]);
    let html = c.fields_html(LABELS);
    assert!(html.starts_with("<dl class=\"compare-fields\">"), "{html}");
    assert!(html.contains("<dt>Titel</dt>"), "{html}");
}

#[test]
fn changes_carry_a_hidden_label_and_a_visible_marker() {
    let c = compare(&[para("a b")], &[para("a c")], &[]);
    assert_eq!(
        c.html(LABELS),
        "<p class=\"compare-changed\">a \
         <del><span class=\"visually-hidden\">Entfernt: </span>\
         <span class=\"compare-mark\" aria-hidden=\"true\">\u{2212}</span>b</del>\
         <ins><span class=\"visually-hidden\">Eingefügt: </span>\
         <span class=\"compare-mark\" aria-hidden=\"true\">+</span>c</ins></p>\n"
    );
}

#[test]
fn hostile_old_text_is_escaped_everywhere() {
    let hostile = "<script>alert(1)</script> \"x\" & 'y' <img src=x onerror=alert(1)>";
    let fields = [Field {
        label: "<b>Titel</b>".to_owned(),
        old: Some(hostile.to_owned()),
        new: None,
    }];
    let c = compare(&[para(hostile), para("gleich")], &[para("gleich")], &fields);
    for html in [c.html(LABELS), c.fields_html(LABELS)] {
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot; &amp; &#39;y&#39;"),
            "{html}"
        );
    }
}

#[test]
fn list_items_share_one_list_and_headings_stay_below_the_title() {
    let blocks = [
        Block {
            kind: BlockKind::Heading(1),
            text: "Ziele".to_owned(),
        },
        Block {
            kind: BlockKind::ListItem,
            text: "Sprache".to_owned(),
        },
        Block {
            kind: BlockKind::ListItem,
            text: "Arbeit".to_owned(),
        },
        para("Ende."),
    ];
    let html = compare(&blocks, &blocks, &[]).html(LABELS);
    assert_eq!(
        html,
        "<h2 class=\"compare-same\">Ziele</h2>\n<ul class=\"compare-list\">\n\
         <li class=\"compare-same\">Sprache</li>\n<li class=\"compare-same\">Arbeit</li>\n\
         </ul>\n<p class=\"compare-same\">Ende.</p>\n"
    );
}

#[test]
fn a_block_beyond_the_limit_is_replaced_whole() {
    let old = "wort ".repeat(diff::BLOCK_TOKENS);
    let new = format!("{old}mehr");
    let c = compare(&[para(&old)], &[para(&new)], &[]);
    assert!(c.capped);
    assert_eq!(
        c.blocks[0].parts.iter().map(|p| p.op).collect::<Vec<_>>(),
        [Op::Removed, Op::Added]
    );
}

#[test]
fn the_page_budget_caps_many_changed_blocks() {
    // Each pair is under the block limit; together they exceed the page's.
    let n = diff::PAGE_TOKENS / 400 + 2;
    let old: Vec<Block> = (0..n)
        .map(|i| para(&format!("{i} {}", "a b ".repeat(50))))
        .collect();
    let new: Vec<Block> = (0..n)
        .map(|i| para(&format!("{i} {}", "c d ".repeat(50))))
        .collect();
    let c = compare(&old, &new, &[]);
    assert!(c.capped);
    let first = &c.blocks[0].parts;
    assert_eq!(first[0], Part::new(Op::Same, "0 "));
    let last = &c.blocks[n - 1].parts;
    assert_eq!(last.len(), 2, "{last:?}");
}

#[test]
fn too_many_blocks_keep_only_the_unchanged_start_and_end() {
    let old: Vec<Block> = (0..diff::PAGE_BLOCKS)
        .map(|i| para(&i.to_string()))
        .collect();
    let mut new = old.clone();
    new[10] = para("zehn");
    let c = compare(&old, &new, &[]);
    assert!(c.capped);
    assert_eq!(c.blocks.len(), diff::PAGE_BLOCKS);
    assert_eq!(c.blocks[9].change, Change::Same);
    assert_eq!(c.blocks[10].change, Change::Changed);
    assert_eq!(c.blocks[11].change, Change::Same);
}

#[test]
fn blocks_come_from_html_bodies() {
    let old = blocks("<h2>Ziele</h2><p>Teilhabe f&uuml;r alle.</p>");
    let new = blocks("<h2>Ziele</h2><p>Teilhabe für alle Menschen.</p>");
    let c = compare(&old, &new, &[]);
    assert_eq!(c.blocks[0].change, Change::Same);
    assert_eq!(c.blocks[1].change, Change::Changed);
}
