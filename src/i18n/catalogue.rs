//! The Fluent files of each language, embedded in the binary, and the
//! bundles made from them once per process.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;

use super::{Arg, Language};

/// Every catalogue file: its language, its name under `locales/<lang>/`,
/// and its text. A translator edits these files; adding one means adding
/// its line here for both languages.
pub const RESOURCES: &[(Language, &str, &str)] = &[
    (
        Language::En,
        "cli.ftl",
        include_str!("../../locales/en/cli.ftl"),
    ),
    (
        Language::En,
        "report.ftl",
        include_str!("../../locales/en/report.ftl"),
    ),
    (
        Language::En,
        "config.ftl",
        include_str!("../../locales/en/config.ftl"),
    ),
    (
        Language::En,
        "content.ftl",
        include_str!("../../locales/en/content.ftl"),
    ),
    (
        Language::En,
        "validate.ftl",
        include_str!("../../locales/en/validate.ftl"),
    ),
    (
        Language::En,
        "outputs.ftl",
        include_str!("../../locales/en/outputs.ftl"),
    ),
    (
        Language::En,
        "commands.ftl",
        include_str!("../../locales/en/commands.ftl"),
    ),
    (
        Language::En,
        "import.ftl",
        include_str!("../../locales/en/import.ftl"),
    ),
    (
        Language::En,
        "serve.ftl",
        include_str!("../../locales/en/serve.ftl"),
    ),
    (
        Language::ZhCn,
        "cli.ftl",
        include_str!("../../locales/zh-CN/cli.ftl"),
    ),
    (
        Language::ZhCn,
        "report.ftl",
        include_str!("../../locales/zh-CN/report.ftl"),
    ),
    (
        Language::ZhCn,
        "config.ftl",
        include_str!("../../locales/zh-CN/config.ftl"),
    ),
    (
        Language::ZhCn,
        "content.ftl",
        include_str!("../../locales/zh-CN/content.ftl"),
    ),
    (
        Language::ZhCn,
        "validate.ftl",
        include_str!("../../locales/zh-CN/validate.ftl"),
    ),
    (
        Language::ZhCn,
        "outputs.ftl",
        include_str!("../../locales/zh-CN/outputs.ftl"),
    ),
    (
        Language::ZhCn,
        "commands.ftl",
        include_str!("../../locales/zh-CN/commands.ftl"),
    ),
    (
        Language::ZhCn,
        "import.ftl",
        include_str!("../../locales/zh-CN/import.ftl"),
    ),
    (
        Language::ZhCn,
        "serve.ftl",
        include_str!("../../locales/zh-CN/serve.ftl"),
    ),
];

struct Bundles {
    zh: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

fn bundles() -> &'static Bundles {
    static B: OnceLock<Bundles> = OnceLock::new();
    B.get_or_init(|| Bundles {
        zh: bundle(Language::ZhCn),
        en: bundle(Language::En),
    })
}

fn bundle(lang: Language) -> FluentBundle<FluentResource> {
    let id = lang
        .code()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around arguments help right-to-left text;
    // in a terminal they are stray invisible characters.
    b.set_use_isolating(false);
    for (_, _, text) in RESOURCES.iter().filter(|(l, _, _)| *l == lang) {
        // A file with a mistake still gives its good messages (the
        // catalogue test reports the mistake); a duplicate key keeps the
        // first.
        let res = FluentResource::try_new((*text).to_string()).unwrap_or_else(|(r, _)| r);
        let _ = b.add_resource(res);
    }
    b
}

/// The message `key` in `lang` with `args`, if the catalogue has it.
pub(super) fn format(lang: Language, key: &str, args: &[(&'static str, Arg)]) -> Option<String> {
    let b = match lang {
        Language::ZhCn => &bundles().zh,
        Language::En => &bundles().en,
    };
    let pattern = b.get_message(key)?.value()?;
    let mut fargs = FluentArgs::with_capacity(args.len());
    for (name, value) in args {
        match value {
            Arg::Text(s) => fargs.set(*name, FluentValue::from(s.as_str())),
            Arg::Num(n) => fargs.set(*name, FluentValue::from(*n)),
            Arg::Msg(m) => fargs.set(*name, FluentValue::from(m.render(lang))),
        }
    }
    let mut errors = Vec::new();
    Some(
        b.format_pattern(pattern, Some(&fargs), &mut errors)
            .into_owned(),
    )
}

/// For the catalogue test: each message key of `lang` with the names of
/// the arguments it uses, and the files' syntax errors.
pub fn keys_and_placeables(lang: Language) -> (BTreeMap<String, BTreeSet<String>>, Vec<String>) {
    let mut keys = BTreeMap::new();
    let mut errors = Vec::new();
    for (_, file, text) in RESOURCES.iter().filter(|(l, _, _)| *l == lang) {
        let res = match FluentResource::try_new((*text).to_string()) {
            Ok(r) => r,
            Err((r, errs)) => {
                errors.extend(
                    errs.iter()
                        .map(|e| format!("{}/{file}: {e:?}", lang.code())),
                );
                r
            }
        };
        for entry in res.entries() {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                if keys.insert(m.id.name.to_string(), vars).is_some() {
                    errors.push(format!(
                        "{}/{file}: {} defined twice",
                        lang.code(),
                        m.id.name
                    ));
                }
            }
        }
    }
    (keys, errors)
}

fn pattern_vars(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, out),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
            for a in &arguments.named {
                inline_vars(&a.value, out);
            }
        }
        _ => {}
    }
}
