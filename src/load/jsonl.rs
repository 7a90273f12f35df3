//! JSON Lines: one article per line, each a JSON object with the article's text (key
//! `text`, or an alias from `rules/metadata.toml` `[keys]`), optional metadata keys
//! (`title`, `outlet`, `published`, `url`, `language` and their aliases) and an optional
//! `id`.
//!
//! Each record becomes its own [`Article`]: id from `id` (else `<stem>#<line>`),
//! `first_line` the record's line in the file, `text` the record's text (so byte offsets
//! index that text, not the file), and `line_starts` just `[0]`, so that every sentence and
//! claim of the record points at the record's line. A line that is not a JSON object, or
//! has no text, becomes a skipped article whose problem names the line; the other lines
//! are kept. Blank lines are passed over.
//!
//! Does not own: boilerplate or inference (`load::prepare` runs on each record).

use super::infer::KeyRole;
use super::markdown::json_text;
use super::{Field, LoadRules, apply_fields, next_line_end};
use crate::model::{Article, FieldSource, Format, Problem, Severity};

/// Longest id taken from a record, in chars.
const MAX_ID_CHARS: usize = 120;

/// The articles of a JSON Lines file's decoded `text`.
pub fn load(stem: &str, path: &str, text: &str, rules: &LoadRules) -> Vec<Article> {
    let keys = &rules.infer.keys;
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut pos = 0;
    let mut line_no = 0;
    while pos < text.len() {
        let end = next_line_end(bytes, pos, text.len());
        line_no += 1;
        let line = text.get(pos..end).unwrap_or("").trim();
        pos = end;
        if line.is_empty() {
            continue;
        }
        let fallback_id = format!("{stem}#{line_no}");
        let skip = |message: String| {
            let mut a = Article::skipped(
                fallback_id.clone(),
                path,
                Format::Jsonl,
                Problem {
                    severity: Severity::Error,
                    line: Some(line_no),
                    message,
                },
            );
            a.first_line = line_no;
            a
        };
        let map = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(map)) => map,
            Ok(_) => {
                out.push(skip(format!(
                    "line {line_no}: a JSON Lines record must be a JSON object"
                )));
                continue;
            }
            Err(e) => {
                let what = e.to_string();
                let what = what
                    .rfind(" at line ")
                    .map_or(what.as_str(), |i| &what[..i]);
                out.push(skip(format!(
                    "line {line_no}: not valid JSON at column {}: {what}",
                    e.column()
                )));
                continue;
            }
        };
        let mut fields: Vec<(Field, usize, String)> = Vec::new();
        let mut body: Option<(usize, String)> = None;
        let mut id: Option<(usize, String)> = None;
        let mut warnings = Vec::new();
        for (key, value) in &map {
            let Some((role, rank)) = keys.role(key) else {
                continue;
            };
            let better = |cur: &Option<(usize, String)>| cur.as_ref().is_none_or(|c| rank < c.0);
            match role {
                KeyRole::Text => {
                    if let serde_json::Value::String(s) = value {
                        if better(&body) {
                            body = Some((rank, s.clone()));
                        }
                    }
                }
                KeyRole::Id => {
                    if let Some(v) = json_text(value) {
                        let v = super::collapse_ws(&v);
                        if !v.is_empty() && better(&id) {
                            id = Some((rank, super::clip(&v, MAX_ID_CHARS)));
                        }
                    }
                }
                KeyRole::Field(field) => match json_text(value) {
                    Some(v) => fields.push((field, rank, v)),
                    None if !value.is_null() => warnings.push(format!(
                        "line {line_no}: key {key:?} is not text, a number or a date; ignored"
                    )),
                    None => {}
                },
            }
        }
        let Some((_, body)) = body else {
            out.push(skip(format!(
                "line {line_no}: the record has no \"text\" string"
            )));
            continue;
        };
        if body.contains('\0') {
            out.push(skip(format!(
                "line {line_no}: the text contains NUL characters (binary data)"
            )));
            continue;
        }
        fields.sort_by_key(|(f, rank, _)| (*f, *rank));
        let fields: Vec<(Field, String)> = fields.into_iter().map(|(f, _, v)| (f, v)).collect();
        let id = id.map_or(fallback_id, |(_, v)| v);
        let mut a = Article::new(id, path, Format::Jsonl, body);
        a.first_line = line_no;
        a.line_starts = vec![0];
        a.problems = warnings
            .into_iter()
            .map(|message| Problem {
                severity: Severity::Warning,
                line: Some(line_no),
                message,
            })
            .collect();
        apply_fields(
            &mut a,
            &fields,
            FieldSource::FrontMatter,
            Some(line_no),
            rules,
        );
        out.push(a);
    }
    if out.is_empty() {
        out.push(Article::skipped(
            stem,
            path,
            Format::Jsonl,
            Problem {
                severity: Severity::Error,
                line: None,
                message: "no text: the JSON Lines file has no records".into(),
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::rules::RuleSet;

    fn rules() -> LoadRules {
        LoadRules::compile(&RuleSet::embedded()).unwrap()
    }

    #[test]
    fn each_record_is_an_article_at_its_line() {
        let text = concat!(
            r#"{"id": "wx-1", "text": "Rain is expected, forecasters said.", "outlet": "BBC", "date": "2024-05-06"}"#,
            "\n\n",
            r#"{"text": "Line one.\nLine two.", "headline": "Budget passes"}"#,
            "\n"
        );
        let arts = load("feed", "feed.jsonl", text, &rules());
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[0].id, "wx-1");
        assert_eq!(arts[0].first_line, 1);
        assert_eq!(arts[0].meta.outlet.as_deref(), Some("BBC"));
        assert_eq!(arts[0].meta.published.as_deref(), Some("2024-05-06"));
        assert_eq!(arts[1].id, "feed#3");
        assert_eq!(arts[1].meta.title.as_deref(), Some("Budget passes"));
        // Every offset of a record lies on the record's line.
        assert_eq!(arts[1].line_of(12), 3);
        assert_eq!(arts[1].line_of(0), 3);
    }

    #[test]
    fn a_broken_line_is_skipped_by_number_and_the_rest_kept() {
        let text = "{\"text\": \"First.\"}\n{\"text\": \"broken\n{\"text\": \"Third.\"}\n[1,2]\n{\"title\": \"no text\"}\n";
        let arts = load("f", "f.jsonl", text, &rules());
        let status: Vec<(Status, Option<usize>)> = arts
            .iter()
            .map(|a| (a.status, a.problems.first().and_then(|p| p.line)))
            .collect();
        assert_eq!(
            status,
            [
                (Status::Ok, None),
                (Status::Skipped, Some(2)),
                (Status::Ok, None),
                (Status::Skipped, Some(4)),
                (Status::Skipped, Some(5)),
            ]
        );
        assert!(arts[1].problems[0].message.contains("line 2"));
    }

    #[test]
    fn an_empty_file_is_one_skipped_article() {
        let arts = load("f", "f.jsonl", "\n \n", &rules());
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].status, Status::Skipped);
    }
}
