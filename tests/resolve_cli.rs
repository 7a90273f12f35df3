//! `crosscheck entities` and the resolver's rule files through the command line.

use assert_cmd::Command;
use serde_json::Value;

fn crosscheck() -> Command {
    let mut c = Command::cargo_bin("crosscheck").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn entities_json(extra: &[&str]) -> Value {
    let out = crosscheck()
        .args(["entities", "fixtures/articles", "--format", "json"])
        .args(extra)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

fn row<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no entity {id}"))
}

#[test]
fn entities_json_lists_canonical_entities_with_variants_and_articles() {
    let doc = entities_json(&[]);
    assert_eq!(doc["schema"], "crosscheck/entities/v1");
    let z = row(&doc, "volodymyr-zelenskyy");
    assert_eq!(z["name"], "Volodymyr Zelenskyy");
    assert_eq!(z["kind"], "person");
    assert_eq!(z["origin"], "rules");
    let variants = z["variants"].as_object().unwrap();
    assert!(variants.contains_key("Zelensky") && variants.contains_key("Zelenskyy"));
    assert!(z["articles"].as_array().unwrap().len() >= 4);
    let h = row(&doc, "andrii-hnatov");
    let variants = h["variants"].as_object().unwrap();
    assert!(variants.contains_key("Andrii Hnatov") && variants.contains_key("Andriy Gnatov"));
    let u = row(&doc, "rustem-umerov");
    assert!(u["roles"].as_array().unwrap().iter().any(|r| {
        r.as_str()
            .unwrap()
            .contains("National Security and Defense Council")
    }));
    let w = row(&doc, "steve-witkoff");
    assert!(
        w["variants"]
            .as_object()
            .unwrap()
            .contains_key("Stephen Witkoff")
    );
    assert_eq!(row(&doc, "the-kyiv-independent")["kind"], "outlet");
    assert_eq!(row(&doc, "kremlin")["kind"], "organisation");
}

#[test]
fn entities_output_is_deterministic() {
    let a = entities_json(&["--jobs", "1"]);
    let b = entities_json(&["--jobs", "2"]);
    assert_eq!(a, b);
}

#[test]
fn entities_table_and_markdown() {
    let out = crosscheck()
        .args(["entities", "fixtures/articles", "--format", "table"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("variants seen"), "{text}");
    assert!(text.contains("marco-rubio"), "{text}");
    assert!(text.contains("from rules"), "{text}");
    let out = crosscheck()
        .args(["entities", "fixtures/articles", "--format", "markdown"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("| entity | id |"), "{text}");
    assert!(text.contains("`marco-rubio`"), "{text}");
}

#[test]
fn a_user_entity_rule_is_used() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("entities.toml"),
        "[[entity]]\nkind = \"person\"\nname = \"Barak Ravid\"\naliases = [\"Ravid\"]\n\
         roles = [\"Axios reporter\"]\n",
    )
    .unwrap();
    let doc = entities_json(&["--rules", dir.path().to_str().unwrap()]);
    let r = row(&doc, "barak-ravid");
    assert_eq!(r["origin"], "rules");
    assert!(
        r["roles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x == "Axios journalist")
    );
}

#[test]
fn bad_resolver_rules_stop_with_exit_code_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("entities.toml"),
        "[[entity]]\nkind = \"person\"\nname = \"Ann Example\"\ncountry = \"atlantis\"\n",
    )
    .unwrap();
    let out = crosscheck()
        .args(["rules", "check", dir.path().to_str().unwrap()])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    // Checked alone (no built-in gazetteer), the country is unknown.
    assert!(err.contains("atlantis"), "{err}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("places.toml"),
        "[[place]]\nid = \"a\"\nname = \"Aa\"\nin = [\"b\"]\n[[place]]\nid = \"b\"\nname = \"Bb\"\nin = [\"a\"]\n",
    )
    .unwrap();
    let out = crosscheck()
        .args([
            "entities",
            "fixtures/articles",
            "--rules",
            dir.path().to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(out).unwrap();
    assert!(err.contains("contains itself"), "{err}");
}
