//! The command line's own words in the person's language: `--help` of
//! every command and the usage errors, from the message catalogue.
//!
//! The command's shape (names, flags, value types) is declared once with
//! clap's derive in `main.rs`; every text a person reads is put in here
//! from keys `cli-about`, `cli-arg-<id>`, `cli-<command>-about` and
//! `cli-<command>-arg-<id>`. clap's own English (headings, "Print help",
//! `[default: …]`, its error sentences) is replaced too, since clap has
//! no translations of its own.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use crate::i18n;

/// `cmd` with every text from the catalogue, in the current language.
pub fn localize(cmd: Command) -> Command {
    let mut cmd = texts(cmd, None).disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(i18n::t("cli-version"))
            .display_order(991)
            .help_heading(i18n::t("cli-heading-options")),
    );
    cmd.build();
    // The `help` command and the usage lines exist only once clap has
    // built the command.
    let mut cmd = cmd.mut_subcommand("help", |h| {
        h.about(i18n::t("cli-help-about"))
            .help_template(template())
            .override_usage(i18n::t("cli-help-usage"))
    });
    let names: Vec<String> = cmd
        .get_subcommands()
        .filter(|s| s.get_name() != "help")
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(&name, |mut s| {
            let usage = usage_line(&mut s);
            s.override_usage(usage)
        });
    }
    let usage = usage_line(&mut cmd);
    cmd.override_usage(usage)
}

/// About, help lines, headings and the help flag of one command, then of
/// its subcommands.
fn texts(mut cmd: Command, parent: Option<&str>) -> Command {
    let prefix = match parent {
        None => "cli".to_string(),
        Some(_) => format!("cli-{}", cmd.get_name()),
    };
    let about = text(&format!("{prefix}-about"));
    cmd = cmd
        .about(about)
        .help_template(template())
        .subcommand_help_heading(i18n::t("cli-heading-commands"))
        .subcommand_value_name(i18n::t("cli-value-command"))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(i18n::t("cli-help")),
        );
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help")
        .collect();
    // A command's own options first, in their order; the global ones
    // (declared on casebook itself) and -h after them.
    let base = if parent.is_none() { 900 } else { 0 };
    for (i, id) in ids.iter().enumerate() {
        let key = format!("{prefix}-arg-{id}");
        cmd = cmd.mut_arg(id, |a| {
            let heading = if a.is_positional() {
                "cli-heading-arguments"
            } else {
                "cli-heading-options"
            };
            let a = a
                .help(text(&key))
                .help_heading(i18n::t(heading))
                .display_order(base + i);
            // clap's `[default: …]` and `[possible values: …]` are
            // English; the help line says them in words instead.
            if a.get_action().takes_values() {
                a.hide_default_value(true).hide_possible_values(true)
            } else {
                a
            }
        });
    }
    cmd = cmd.mut_arg("help", |a| {
        a.help_heading(i18n::t("cli-heading-options"))
            .display_order(990)
    });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let p = prefix.clone();
        cmd = cmd.mut_subcommand(&name, |s| texts(s, Some(&p)));
    }
    cmd
}

/// The text of a key built at run time; the key itself if the catalogue
/// lacks it (the help test then fails on it).
fn text(key: &str) -> String {
    i18n::lookup(key).unwrap_or_else(|| key.to_string())
}

fn template() -> String {
    format!(
        "{{before-help}}{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
        i18n::t("cli-usage-heading")
    )
}

/// clap's usage line with its English placeholders in our words.
fn usage_line(cmd: &mut Command) -> String {
    let usage = cmd.render_usage().to_string();
    let usage = usage.split_once(": ").map_or(usage.as_str(), |(_, u)| u);
    usage.replace("[OPTIONS]", &i18n::t("cli-usage-options"))
}

/// A usage error (unknown option, bad value, missing argument …) in the
/// person's language, with the usage line and where to read more; for
/// help and version, clap's text (already ours).
pub fn error_text(e: &clap::Error) -> String {
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return e.render().to_string(),
        _ => {}
    }
    let get = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(&i18n::t("list-separator")),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => v
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(&i18n::t("list-separator")),
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let arg = get(ContextKind::InvalidArg);
    let headline = match e.kind() {
        ErrorKind::UnknownArgument => crate::msg!("cli-err-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => {
            crate::msg!(
                "cli-err-unknown-command",
                name = get(ContextKind::InvalidSubcommand)
            )
        }
        ErrorKind::InvalidValue => crate::msg!(
            "cli-err-invalid-value",
            value = get(ContextKind::InvalidValue),
            arg = arg
        ),
        ErrorKind::ValueValidation => crate::msg!(
            "cli-err-value-validation",
            value = get(ContextKind::InvalidValue),
            arg = arg,
            cause = std::error::Error::source(e).map_or_else(String::new, ToString::to_string)
        ),
        ErrorKind::MissingRequiredArgument => crate::msg!("cli-err-missing", args = arg),
        ErrorKind::MissingSubcommand => crate::msg!("cli-err-missing-command"),
        ErrorKind::ArgumentConflict => crate::msg!(
            "cli-err-conflict",
            arg = arg,
            other = get(ContextKind::PriorArg)
        ),
        ErrorKind::NoEquals => crate::msg!("cli-err-no-equals", arg = arg),
        ErrorKind::TooManyValues => crate::msg!(
            "cli-err-too-many",
            value = get(ContextKind::InvalidValue),
            arg = arg
        ),
        _ => crate::msg!("cli-err-other", text = first_line(e)),
    };
    let mut out = crate::msg!("error-line", message = headline).to_string();
    out.push('\n');
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|k| match e.get(k) {
        Some(ContextValue::String(s)) => Some(format!("'{s}'")),
        Some(ContextValue::Strings(v)) if !v.is_empty() => Some(
            v.iter()
                .map(|s| format!("'{s}'"))
                .collect::<Vec<_>>()
                .join(&i18n::t("list-separator")),
        ),
        _ => None,
    });
    if let Some(s) = suggested {
        out.push_str(&format!(
            "\n  {}\n",
            crate::msg!("cli-tip-did-you-mean", suggestion = s)
        ));
    }
    let valid = get(ContextKind::ValidValue);
    if !valid.is_empty() && e.kind() == ErrorKind::InvalidValue {
        out.push_str(&format!(
            "\n  {}\n",
            crate::msg!("cli-tip-possible-values", values = valid)
        ));
    }
    let usage = get(ContextKind::Usage);
    if let Some(u) = usage.lines().find(|l| !l.trim().is_empty()) {
        let u = u.split_once(": ").map_or(u, |(_, rest)| rest).trim();
        out.push_str(&format!("\n{}{u}\n", i18n::t("cli-usage-heading")));
    }
    out.push_str(&format!("\n{}\n", i18n::t("cli-more-help")));
    out
}

/// clap's own sentence for an error kind we have no words for.
fn first_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let line = text.lines().next().unwrap_or("");
    line.strip_prefix("error: ").unwrap_or(line).to_string()
}
