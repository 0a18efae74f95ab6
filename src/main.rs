//! The `casebook` command line: parses arguments and calls the library.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use casebook::commands::{self, BuildArgs, DocKind, Ui};
use casebook::{Error, resolve_root};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
// Every help text is in the message catalogue (locales/*/cli.ftl), put in
// by `casebook::cli::localize`; this is only the command line's shape.
#[command(name = "casebook", version)]
struct Cli {
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    #[arg(short, long, global = true)]
    quiet: bool,
    #[arg(short, long, global = true)]
    verbose: bool,
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    lang: Option<casebook::i18n::Language>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build {
        #[arg(long, short, alias = "output-dir", value_name = "DIR")]
        output: Option<PathBuf>,
        #[arg(long)]
        drafts: bool,
        #[arg(long, short = 'u', value_name = "URL")]
        base_url: Option<String>,
        #[arg(long)]
        offline: bool,
    },
    #[command(alias = "server")]
    Serve {
        #[arg(long, short)]
        port: Option<u16>,
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
        bind: std::net::IpAddr,
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        open: bool,
        #[arg(long = "allow-host", value_name = "NAME", value_parser = casebook::serve::parse_allow_host)]
        allow_host: Vec<String>,
        #[arg(long, short = 'u', value_name = "URL", value_parser = casebook::serve::parse_base_url)]
        base_url: Option<String>,
    },
    Bundle {
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    Pdf {
        slug: Option<String>,
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        #[arg(long)]
        drafts: bool,
    },
    Docx {
        slug: Option<String>,
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        #[arg(long)]
        drafts: bool,
    },
    Import {
        #[arg(required = true, value_name = "FILE.docx|DIR")]
        inputs: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "case")]
        kind: ImportKindArg,
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
        #[arg(long)]
        dry_run: bool,
    },
    Check {
        #[arg(long)]
        drafts: bool,
    },
    Stats {
        #[arg(long)]
        json: bool,
    },
    Export {
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
        #[arg(long)]
        force: bool,
    },
    New {
        #[arg(value_enum)]
        kind: NewKind,
        #[arg(required = true, num_args = 1..)]
        title: Vec<String>,
    },
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    Man,
}

#[derive(Clone, Copy, ValueEnum)]
enum ImportKindArg {
    Case,
    Summary,
}

#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    Case,
    Summary,
    Brand,
    Compilation,
    Page,
}

/// `--lang`: a language tag we speak.
fn parse_lang(s: &str) -> Result<casebook::i18n::Language, String> {
    casebook::i18n::Language::parse(s)
        .ok_or_else(|| casebook::msg!("cli-unknown-lang", value = s).to_string())
}

/// The language asked for on the command line (`--lang X`, `--lang=X`),
/// else in `CASEBOOK_LANG`; read before clap, whose help and errors are
/// in that language.
fn asked_language() -> Option<casebook::i18n::Language> {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let from_args = args.iter().enumerate().find_map(|(i, a)| {
        if a == "--" {
            return None;
        }
        match a.strip_prefix("--lang") {
            Some("") => args
                .get(i + 1)
                .and_then(|v| casebook::i18n::Language::parse(v)),
            Some(rest) => rest
                .strip_prefix('=')
                .and_then(casebook::i18n::Language::parse),
            None => None,
        }
    });
    from_args.or_else(casebook::i18n::from_env)
}

/// The command line with its texts in the current language.
fn command() -> clap::Command {
    casebook::cli::localize(<Cli as clap::CommandFactory>::command())
}

fn main() -> ExitCode {
    casebook::i18n::init(asked_language());
    let parsed = command()
        .try_get_matches()
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let text = casebook::cli::error_text(&e);
            let code = if e.use_stderr() { 2 } else { 0 };
            if e.use_stderr() {
                let _ = writeln!(std::io::stderr(), "{}", text.trim_end());
            } else {
                let _ = print_bytes(text.as_bytes());
            }
            return ExitCode::from(code);
        }
    };
    let ui = Ui {
        quiet: cli.quiet,
        verbose: cli.verbose,
    };
    match run(&cli, &ui) {
        Ok(()) => ExitCode::SUCCESS,
        Err((root, e)) => {
            ui.report_error(&root, &e);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

type Failure = (PathBuf, Error);

/// `casebook completions SHELL`: the script for that shell.
fn completions(shell: clap_complete::Shell) -> Result<(), Failure> {
    let mut cmd = command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "casebook", &mut script);
    print_bytes(&script)
}

/// `casebook man`: the manual page, in roff.
fn man_page() -> Result<(), Failure> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command())
        .render(&mut page)
        .map_err(|e| (PathBuf::from("."), Error::from(e)))?;
    print_bytes(&page)
}

/// Writes to standard output; a reader that stops early (`| head`) is not
/// an error.
fn print_bytes(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err((PathBuf::from("."), Error::from(e)))
        }
        _ => Ok(()),
    }
}

fn root(cli: &Cli) -> Result<PathBuf, Failure> {
    resolve_root(cli.root.as_deref()).map_err(|e| (PathBuf::from("."), e))
}

/// `casebook export`: the CSV to standard output, or a line saying where
/// it went.
fn export(cli: &Cli, output: Option<&std::path::Path>, ui: &Ui) -> Result<(), Failure> {
    let root = root(cli)?;
    let (csv, rows, warnings) = commands::export(&root, output).map_err(|e| (root.clone(), e))?;
    ui.report(&root, &warnings);
    match (csv, output) {
        (Some(bytes), _) => {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|_| out.flush())
                .map_err(|e| (root.clone(), Error::from(e)))?;
        }
        (None, Some(p)) => ui.info(casebook::msg!("cli-export-wrote", cases = rows, path = p)),
        (None, None) => {}
    }
    Ok(())
}

/// Today as `YYYY-MM-DD` (the date of a new document, the year folder of
/// an import without a date).
fn today() -> String {
    jiff::ZonedDateTime::now()
        .date()
        .strftime("%Y-%m-%d")
        .to_string()
}

fn run_docx(
    cli: &Cli,
    ui: &Ui,
    slug: &Option<String>,
    output: &Option<PathBuf>,
    drafts: bool,
) -> Result<(), Failure> {
    let root = root(cli)?;
    let args = commands::DocxArgs {
        slug: slug.clone(),
        output: output.clone(),
        drafts,
    };
    let (_, warnings) = commands::docx(&root, &args, ui).map_err(|e| (root.clone(), e))?;
    ui.report(&root, &warnings);
    Ok(())
}

fn run_import(
    cli: &Cli,
    ui: &Ui,
    inputs: &[PathBuf],
    kind: ImportKindArg,
    into: &Option<PathBuf>,
    dry_run: bool,
) -> Result<(), Failure> {
    let root = root(cli)?;
    let args = commands::ImportArgs {
        inputs: inputs.to_vec(),
        kind: match kind {
            ImportKindArg::Case => commands::ImportKind::Case,
            ImportKindArg::Summary => commands::ImportKind::Summary,
        },
        into: into.clone(),
        dry_run,
        today: today(),
    };
    let (_, findings) = commands::import(&root, &args, ui).map_err(|e| (root.clone(), e))?;
    ui.report(&root, &findings);
    Ok(())
}

fn run(cli: &Cli, ui: &Ui) -> Result<(), Failure> {
    match &cli.command {
        Command::Build {
            output,
            drafts,
            base_url,
            offline,
        } => {
            let root = root(cli)?;
            let args = BuildArgs {
                output: output.clone(),
                drafts: *drafts,
                base_url: base_url.clone(),
                offline: *offline,
            };
            let warnings = commands::build(&root, &args, ui).map_err(|e| (root.clone(), e))?;
            ui.report(&root, &warnings);
        }
        Command::Serve {
            port,
            bind,
            drafts,
            open,
            allow_host,
            base_url,
        } => {
            let root = root(cli)?;
            let args = casebook::serve::ServeArgs {
                port: port.unwrap_or_else(casebook::serve::default_port),
                port_given: port.is_some(),
                bind: *bind,
                drafts: *drafts,
                open: *open,
                allow_hosts: allow_host.clone(),
                base_url: base_url.clone(),
            };
            casebook::serve::serve(&root, &args, ui).map_err(|e| (root.clone(), e))?;
        }
        Command::Bundle { output } => {
            let root = root(cli)?;
            let (_, warnings) =
                commands::bundle(&root, output.as_deref(), ui).map_err(|e| (root.clone(), e))?;
            ui.report(&root, &warnings);
        }
        Command::Pdf {
            slug,
            output,
            drafts,
        } => {
            let root = root(cli)?;
            let args = commands::PdfArgs {
                slug: slug.clone(),
                output: output.clone(),
                drafts: *drafts,
            };
            let (_, warnings) = commands::pdf(&root, &args, ui).map_err(|e| (root.clone(), e))?;
            ui.report(&root, &warnings);
        }
        Command::Docx {
            slug,
            output,
            drafts,
        } => run_docx(cli, ui, slug, output, *drafts)?,
        Command::Import {
            inputs,
            kind,
            into,
            dry_run,
        } => run_import(cli, ui, inputs, *kind, into, *dry_run)?,
        Command::Check { drafts } => {
            let root = root(cli)?;
            let warnings = commands::check(&root, *drafts, ui).map_err(|e| (root.clone(), e))?;
            ui.report(&root, &warnings);
        }
        Command::Stats { json } => {
            let root = root(cli)?;
            let (out, warnings) = commands::stats(&root, *json).map_err(|e| (root.clone(), e))?;
            ui.report(&root, &warnings);
            print!("{out}");
        }
        Command::Export { output } => export(cli, output.as_deref(), ui)?,
        Command::Init { dir, force } => {
            let files = commands::init(dir, *force).map_err(|e| (dir.clone(), e))?;
            for f in &files {
                ui.detail(format!("  {f}"));
            }
            ui.info(casebook::msg!(
                "cli-init-created",
                dir = dir,
                files = files.len()
            ));
        }
        Command::Completions { shell } => completions(*shell)?,
        Command::Man => man_page()?,
        Command::New { kind, title } => {
            let root = root(cli)?;
            let kind = match kind {
                NewKind::Case => DocKind::Case,
                NewKind::Summary => DocKind::Summary,
                NewKind::Brand => DocKind::Brand,
                NewKind::Compilation => DocKind::Compilation,
                NewKind::Page => DocKind::Page,
            };
            let path = commands::new_doc(&root, kind, &title.join(" "), &today())
                .map_err(|e| (root.clone(), e))?;
            ui.info(casebook::msg!(
                "cli-new-created",
                path = casebook::load::rel_path(&root, &path)
            ));
        }
    }
    Ok(())
}
