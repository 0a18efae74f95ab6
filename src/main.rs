//! The `casebook` command line: parses arguments and calls the library.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use casebook::commands::{self, BuildArgs, DocKind, Ui};
use casebook::{Error, resolve_root};
use clap::{Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "casebook",
    version,
    about = "Static site generator for typical reform case compilations (改革典型案例汇编)"
)]
struct Cli {
    /// Site folder (default: the nearest folder upwards holding casebook.toml)
    #[arg(long, global = true, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Print only errors
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Print more detail
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into public/ (or --output)
    Build {
        /// Folder to write the site into (default: public/); replaced whole
        #[arg(long, short, visible_alias = "output-dir", value_name = "DIR")]
        output: Option<PathBuf>,
        /// Include documents marked draft = true
        #[arg(long)]
        drafts: bool,
        /// Override base_url from casebook.toml
        #[arg(long, short = 'u', value_name = "URL")]
        base_url: Option<String>,
        /// Relative links naming index.html, for opening from file://
        #[arg(long)]
        offline: bool,
    },
    /// Build, serve on localhost, watch and reload the browser on every save
    #[command(visible_alias = "server")]
    Serve {
        /// Port [default: 1111, or the next free one if it is taken]; a port
        /// given here must be free; 0: any free port
        #[arg(long, short)]
        port: Option<u16>,
        /// Address to listen on (other machines also need --allow-host)
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
        bind: std::net::IpAddr,
        /// Include documents marked draft = true
        #[arg(long)]
        drafts: bool,
        /// Open the site in the default browser
        #[arg(long)]
        open: bool,
        /// Also answer requests for this host name or address (NAME or NAME:PORT;
        /// repeatable), e.g. to reach the preview from another machine with --bind 0.0.0.0
        #[arg(long = "allow-host", value_name = "NAME", value_parser = casebook::serve::parse_allow_host)]
        allow_host: Vec<String>,
        /// Address the preview's pages use for the site (default:
        /// http://127.0.0.1:PORT/), e.g. http://192.168.1.5:1111/ to open it
        /// from another machine; its host is then answered too
        #[arg(long, short = 'u', value_name = "URL", value_parser = casebook::serve::parse_base_url)]
        base_url: Option<String>,
    },
    /// Build for offline use (file://) and zip it, with a manifest of SHA-256 sums
    Bundle {
        /// Zip file to write (default: dist/<site-slug>.zip)
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Typeset a compilation as a print-ready PDF (编印; GB/T 9704 layout by default)
    Pdf {
        /// The compilation's slug (may be left out when the site has only one)
        slug: Option<String>,
        /// PDF file to write (default: dist/<slug>.pdf); replaced whole
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Include cases marked draft = true
        #[arg(long)]
        drafts: bool,
    },
    /// Write a compilation as an editable Word document (.docx) in 公文 styles
    Docx {
        /// The compilation's slug (may be left out when the site has only one)
        slug: Option<String>,
        /// Word file to write (default: dist/<slug>.docx); replaced whole
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Include cases marked draft = true
        #[arg(long)]
        drafts: bool,
    },
    /// Import Word submissions (.docx) as new cases or summaries, with a report of each
    Import {
        /// .docx files, or folders whose .docx files are all imported
        #[arg(required = true, value_name = "FILE.docx|DIR")]
        inputs: Vec<PathBuf>,
        /// What each file becomes
        #[arg(long, value_enum, default_value = "case")]
        kind: ImportKindArg,
        /// Folder to write into (default: content/cases/<year>/ or content/summaries/<year>/)
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
        /// Print what would be written, write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Validate content, links and templates without writing anything
    Check {
        /// Also check documents marked draft = true
        #[arg(long)]
        drafts: bool,
    },
    /// Print the figures of data/stats.json
    Stats {
        /// Print the JSON of data/stats.json
        #[arg(long)]
        json: bool,
    },
    /// Write the ledger (台账) as CSV for Excel
    Export {
        /// File to write (default: standard output)
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Create a new site with one example of each document type
    Init {
        /// Folder to create the site in (made if missing)
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Add the example files to a non-empty folder
        #[arg(long)]
        force: bool,
    },
    /// Create a new document from the theme's archetype
    New {
        /// The kind of document
        #[arg(value_enum)]
        kind: NewKind,
        /// The document's title (its file name is made from it)
        #[arg(required = true, num_args = 1..)]
        title: Vec<String>,
    },
    /// Print a completion script for a shell (e.g. `casebook completions
    /// bash > /etc/bash_completion.d/casebook`)
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `casebook man > casebook.1`
    Man,
}

#[derive(Clone, Copy, ValueEnum)]
enum ImportKindArg {
    /// A case (案例), under content/cases/<year>/
    Case,
    /// An achievement summary (成效), under content/summaries/<year>/
    Summary,
}

#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    /// A case (案例), under content/cases/<year>/
    Case,
    /// An achievement summary (成效), under content/summaries/
    Summary,
    /// A reform brand (品牌), under content/brands/
    Brand,
    /// A compilation (汇编), under content/compilations/
    Compilation,
    /// A plain page, under content/pages/
    Page,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
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
    let mut cmd = <Cli as clap::CommandFactory>::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "casebook", &mut script);
    print_bytes(&script)
}

/// `casebook man`: the manual page, in roff.
fn man_page() -> Result<(), Failure> {
    let mut page = Vec::new();
    clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
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
        (None, Some(p)) => ui.info(&format!(
            "wrote {} to {}",
            casebook::diag::count(rows, "case", "cases"),
            p.display()
        )),
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
                ui.detail(&format!("  {f}"));
            }
            ui.info(&format!(
                "created a casebook site in {} ({}); next: cd into it and run `casebook build`; the editors' guide is its docs/content.md",
                dir.display(),
                casebook::diag::count(files.len(), "file", "files")
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
            ui.info(&format!(
                "created {}",
                casebook::load::rel_path(&root, &path)
            ));
        }
    }
    Ok(())
}
