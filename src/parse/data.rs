//! An indicator's data file (`<slug>.csv`): read with the `csv` crate and
//! checked, every problem with its line, column and a hint.
//!
//! The format (docs/indicators.md): a header row naming the columns
//! `period` and `value`, and at most one more column, the dimension
//! (`district`, `Stadtteil`, …) whose values make several series. A period
//! is a year (`2021`) or a month (`2021-03`), the same form in the whole
//! file, ascending and once per series. A value is a number written with a
//! point (`12.5`, `-3`, `1234`); an empty value is a gap (no figure for
//! that period). A file with a header and no rows is valid: its data
//! will follow.

use std::ops::Range;

use crate::diag::{Code, Diagnostic, Diagnostics, FileId};

/// The most rows a data file may have (the work stays bounded).
const MAX_ROWS: usize = 100_000;

/// An indicator's data, as read from its file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// The dimension column's header (`None`: one series).
    pub dimension: Option<String>,
    /// Every period of any series, ascending.
    pub periods: Vec<String>,
    /// The series, in the order their first rows appear.
    pub series: Vec<Series>,
}

impl Table {
    /// Whether there is no row yet (the data will follow).
    pub fn is_empty(&self) -> bool {
        self.series.is_empty()
    }
}

/// One series: the rows of one value of the dimension.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// The dimension's value (`None` without a dimension column).
    pub name: Option<String>,
    /// Its value for each of [`Table::periods`] (`None`: no figure).
    pub values: Vec<Option<Value>>,
}

/// A number as written in the file and as a float.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// As written (`-12.5`): the exact digits, for formatting.
    pub text: String,
    /// As a number, for arithmetic and charts.
    pub number: f64,
}

impl Value {
    /// The number of digits after the point.
    pub fn decimals(&self) -> usize {
        self.text.split_once('.').map_or(0, |(_, f)| f.len())
    }
}

/// Reads a data file's text (BOM removed). `file` is where problems are
/// reported.
pub fn read(text: &str, file: FileId) -> Result<Table, Diagnostics> {
    if let Some(at) = open_quote(text) {
        return Err(Diagnostic::error(Code::Data, "a quote is not closed")
            .at(file, at..at + 1)
            .label("this `\"` opens a cell that never ends")
            .help("close the cell with a second `\"` (`\"Mitte, Nord\"`), or remove the quote")
            .into());
    }
    let mut diags = Diagnostics::new();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let (period_col, value_col, dimension) = match records.next() {
        None => return Ok(Table::default()),
        Some(Err(e)) => return Err(malformed(&e, text, file).into()),
        Some(Ok(header)) => columns(&header, text, file)?,
    };
    let width = 2 + usize::from(dimension.is_some());
    let mut rows: Vec<Row> = Vec::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                diags.push(malformed(&e, text, file));
                break;
            }
        };
        let start = record.position().map_or(0, |p| to_usize(p.byte()));
        let cell = |i: usize| cell_span(text, start, i);
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            diags.push(
                Diagnostic::error(Code::Limit, format!("more than {MAX_ROWS} rows"))
                    .at(file, cell(0))
                    .help("split the data into several indicators"),
            );
            break;
        }
        if record.len() != width {
            diags.push(wrong_width(
                record.len(),
                width,
                cell(record.len().min(width)),
                file,
            ));
            continue;
        }
        let period = record[period_col].trim();
        let value = record[value_col].trim();
        let row = Row {
            period: period.to_owned(),
            period_span: cell(period_col),
            value: if value.is_empty() {
                None
            } else {
                match number(value) {
                    Some(v) => Some(v),
                    None => {
                        diags.push(not_a_number(value, cell(value_col), file));
                        continue;
                    }
                }
            },
            series: dimension
                .as_ref()
                .map(|(col, _)| record[*col].trim().to_owned()),
            series_span: dimension.as_ref().map_or(0..0, |(col, _)| cell(*col)),
        };
        if let Some(d) = check_period(&row, rows.first(), file) {
            diags.push(d);
            continue;
        }
        rows.push(row);
    }
    if diags.has_errors() {
        return Err(diags);
    }
    assemble(rows, dimension.map(|(_, name)| name), file)
}

/// One data row, with the places of its cells.
struct Row {
    period: String,
    period_span: Range<usize>,
    value: Option<Value>,
    series: Option<String>,
    series_span: Range<usize>,
}

/// The columns of `period`, `value` and the dimension (its place and name).
type Columns = (usize, usize, Option<(usize, String)>);

/// Reads the header row.
fn columns(header: &csv::StringRecord, text: &str, file: FileId) -> Result<Columns, Diagnostics> {
    let start = header.position().map_or(0, |p| to_usize(p.byte()));
    let mut diags = Diagnostics::new();
    let (mut period, mut value, mut dimension) = (None, None, None);
    if header.len() == 1 && header[0].contains(';') {
        return Err(Diagnostic::error(Code::Data, "the columns are separated by semicolons")
            .at(file, cell_span(text, start, 0))
            .label("one column, not several")
            .help("separate columns with commas (`period,value`) and write decimals with a point (`12.5`)")
            .into());
    }
    for (i, name) in header.iter().enumerate() {
        let span = cell_span(text, start, i);
        let name = name.trim();
        let seen = match name {
            "period" => period.replace(i).is_some(),
            "value" => value.replace(i).is_some(),
            "" => {
                diags.push(
                    Diagnostic::error(Code::Data, "a column has no name")
                        .at(file, span)
                        .help("name the columns in the first row: `period`, `value` and at most one dimension such as `district`"),
                );
                continue;
            }
            _ if dimension.is_none() => {
                dimension = Some((i, name.to_owned()));
                false
            }
            _ => {
                let hint = match crate::diag::did_you_mean(name, ["period", "value"]) {
                    Some(c) => format!(
                        "did you mean `{c}`? A data file has the columns `period`, `value` and at most one dimension (here `{}`)",
                        dimension
                            .as_ref()
                            .map_or("", |(_, n): &(usize, String)| n.as_str())
                    ),
                    None => format!(
                        "a data file has the columns `period`, `value` and at most one dimension (here `{}`); remove this column or make it an indicator of its own",
                        dimension
                            .as_ref()
                            .map_or("", |(_, n): &(usize, String)| n.as_str())
                    ),
                };
                diags.push(
                    Diagnostic::error(Code::Data, format!("unknown column `{name}`"))
                        .at(file, span)
                        .label("a second dimension")
                        .help(hint),
                );
                continue;
            }
        };
        if seen {
            diags.push(
                Diagnostic::error(Code::Data, format!("the column `{name}` is named twice"))
                    .at(file, span)
                    .help("name each column once"),
            );
        }
    }
    let first = cell_span(text, start, 0);
    for (found, name) in [(period, "period"), (value, "value")] {
        if found.is_none() && !diags.has_errors() {
            diags.push(
                Diagnostic::error(Code::Data, format!("the column `{name}` is missing"))
                    .at(file, first.clone())
                    .label("the header row")
                    .help("the first row names the columns: `period,value` (and at most one dimension, e.g. `period,district,value`)"),
            );
        }
    }
    match (period, value) {
        (Some(p), Some(v)) if !diags.has_errors() => Ok((p, v, dimension)),
        _ => Err(diags),
    }
}

/// The number a cell holds: digits with an optional `-` and one `.`.
fn number(cell: &str) -> Option<Value> {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    let fine = !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && int.len() <= 15;
    let number: f64 = cell.parse().ok().filter(|n: &f64| n.is_finite())?;
    fine.then(|| Value {
        text: cell.to_owned(),
        number,
    })
}

/// A period's form: a year (`2021`) or a month (`2021-03`).
fn period_form(period: &str) -> Option<&'static str> {
    let year = |y: &str| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit());
    match period.split_once('-') {
        None if year(period) => Some("year"),
        Some((y, m))
            if year(y) && m.len() == 2 && m.parse::<u8>().is_ok_and(|m| (1..=12).contains(&m)) =>
        {
            Some("month")
        }
        _ => None,
    }
}

/// A period that is not a year or month, or of another form than the
/// file's first.
fn check_period(row: &Row, first: Option<&Row>, file: FileId) -> Option<Diagnostic> {
    let Some(form) = period_form(&row.period) else {
        let message = if row.period.is_empty() {
            "the period is empty".to_owned()
        } else {
            format!("`{}` is not a period", row.period)
        };
        return Some(
            Diagnostic::error(Code::Data, message)
                .at(file, row.period_span.clone())
                .help("write a year (`2021`) or a year and month (`2021-03`)"),
        );
    };
    let first_form = first.and_then(|f| period_form(&f.period))?;
    (form != first_form).then(|| {
        Diagnostic::error(
            Code::Data,
            format!("`{}` is a {form}, but the file's periods are {first_form}s", row.period),
        )
        .at(file, row.period_span.clone())
        .help("write every period of a file the same way: all years (`2021`) or all months (`2021-03`)")
    })
}

/// Groups the rows into series, checking each series' order.
fn assemble(rows: Vec<Row>, dimension: Option<String>, file: FileId) -> Result<Table, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut periods: Vec<String> = rows.iter().map(|r| r.period.clone()).collect();
    periods.sort();
    periods.dedup();
    // Each series: its name, its value per period, its last row so far.
    type Building<'r> = (Option<String>, Vec<Option<Value>>, Option<&'r Row>);
    let mut series: Vec<Building<'_>> = Vec::new();
    for row in &rows {
        if row.series.as_deref() == Some("") {
            diags.push(
                Diagnostic::error(Code::Data, "the dimension cell is empty")
                    .at(file, row.series_span.clone())
                    .help("name the series of this row (e.g. the district), as in the other rows"),
            );
            continue;
        }
        let at = match series.iter().position(|(n, _, _)| *n == row.series) {
            Some(i) => i,
            None => {
                series.push((row.series.clone(), vec![None; periods.len()], None));
                series.len() - 1
            }
        };
        let (name, values, last) = &mut series[at];
        let of = name
            .as_deref()
            .map_or(String::new(), |n| format!(" of `{n}`"));
        if let Some(prev) = last {
            let help_order = format!(
                "sort the rows{of} by period, oldest first: `{}` comes before `{}`",
                row.period, prev.period
            );
            if prev.period == row.period {
                diags.push(
                    Diagnostic::error(
                        Code::Data,
                        format!("the period `{}`{of} is listed twice", row.period),
                    )
                    .at(file, row.period_span.clone())
                    .label("again")
                    .help("keep one row per period and series; remove or correct this one"),
                );
                continue;
            }
            if prev.period > row.period {
                diags.push(
                    Diagnostic::error(
                        Code::Data,
                        format!("the period `{}`{of} is out of order", row.period),
                    )
                    .at(file, row.period_span.clone())
                    .label(format!("after `{}`", prev.period))
                    .help(help_order),
                );
                continue;
            }
        }
        let slot = periods
            .binary_search(&row.period)
            .expect("every row's period is among the periods");
        values[slot] = row.value.clone();
        *last = Some(row);
    }
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Table {
        dimension,
        periods,
        series: series
            .into_iter()
            .map(|(name, values, _)| Series { name, values })
            .collect(),
    })
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Where a quote opens that is never closed (the CSV reader would take
/// the rest of the file as one cell).
fn open_quote(text: &str) -> Option<usize> {
    let mut open = None;
    for (i, b) in text.bytes().enumerate() {
        if b == b'"' {
            open = match open {
                Some(_) => None,
                None => Some(i),
            };
        }
    }
    open
}

/// The byte range of the `i`-th cell of the record starting at `start`
/// (quotes included); an empty range at the line's end if there is none.
fn cell_span(text: &str, start: usize, i: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let mut pos = start.min(bytes.len());
    let mut index = 0;
    let mut cell_start = pos;
    let mut quoted = false;
    while pos < bytes.len() {
        match bytes[pos] {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                if index == i {
                    return cell_start..pos;
                }
                index += 1;
                cell_start = pos + 1;
            }
            b'\n' | b'\r' if !quoted => break,
            _ => {}
        }
        pos += 1;
    }
    if index == i {
        cell_start..pos
    } else {
        pos..pos
    }
}

/// A CSV the reader cannot read (a quote left open).
fn malformed(e: &csv::Error, text: &str, file: FileId) -> Diagnostic {
    let at = e.position().map_or(text.len(), |p| to_usize(p.byte()));
    Diagnostic::error(Code::Data, "this CSV cannot be read")
        .at(file, at..at)
        .label(e.to_string())
        .help("close every `\"` that opens a cell, and double a `\"` inside a quoted cell (`\"\"`)")
}

/// A row with more or fewer cells than the header.
fn wrong_width(found: usize, width: usize, span: Range<usize>, file: FileId) -> Diagnostic {
    let help = if found > width {
        "write decimals with a point (`12.5`, not `12,5`), and quote a cell that contains a comma (`\"Mitte, Nord\"`)"
    } else {
        "give every row a cell for each column of the header; leave a value empty (`2021,`) where there is no figure"
    };
    Diagnostic::error(
        Code::Data,
        format!("this row has {found} cells, the header {width}"),
    )
    .at(file, span)
    .help(help)
}

/// A value that is not a number.
fn not_a_number(value: &str, span: Range<usize>, file: FileId) -> Diagnostic {
    let looks_german = value.contains(',') || value.matches('.').count() > 1;
    let help = if looks_german {
        "write the number without thousands separators and with a decimal point: `12345.6`"
            .to_owned()
    } else {
        "write a number with digits and at most one decimal point (`12.5`, `-3`); leave the cell empty where there is no figure".to_owned()
    };
    Diagnostic::error(Code::Data, format!("`{value}` is not a number"))
        .at(file, span)
        .label("expected a number")
        .help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Table {
        let mut map = crate::diag::SourceMap::new();
        let file = map.add("d.csv".to_owned(), text.into());
        read(text, file).expect("reads")
    }

    #[test]
    fn series_by_dimension_share_the_periods() {
        let t = table("period,district,value\n2020,Mitte,1.5\n2021,Mitte,2\n2021,West,\n");
        assert_eq!(t.periods, ["2020", "2021"]);
        assert_eq!(t.series.len(), 2);
        assert_eq!(t.series[0].values[1].as_ref().unwrap().number, 2.0);
        assert_eq!(t.series[1].values, [None, None]);
    }

    #[test]
    fn header_only_and_empty_are_data_to_follow() {
        assert!(table("period,value\n").is_empty());
        assert!(table("").is_empty());
    }

    #[test]
    fn cells_are_found_past_quotes() {
        let text = "\"a,b\",c\n";
        assert_eq!(&text[cell_span(text, 0, 1)], "c");
        assert_eq!(&text[cell_span(text, 0, 0)], "\"a,b\"");
    }

    #[test]
    fn numbers_are_plain_decimals() {
        assert!(number("12.5").is_some());
        assert!(number("-3").is_some());
        for bad in ["1e5", "12,5", "NaN", "inf", ".5", "5.", "+1", "1.2.3"] {
            assert!(number(bad).is_none(), "{bad}");
        }
    }
}
