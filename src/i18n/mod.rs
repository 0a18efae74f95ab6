//! What the program says to a person, in the person's language: one
//! message catalogue (Fluent files under `locales/<language>/`, embedded at
//! compile time) for diagnostics, reports, `--help` and the preview
//! overlay, in zh-CN and en.
//!
//! Messages are made as [`Msg`] values (a key and its arguments) where the
//! mistake is found, and put into words only when shown, in the language
//! [`current`] names then: `--lang` or `CASEBOOK_LANG` if given, else the
//! site's `language` once its configuration is read, else the system's.
//! Plural forms come from Fluent (CLDR rules), not from code.

mod catalogue;

use std::fmt;
use std::sync::atomic::{AtomicU8, Ordering};

pub use catalogue::{RESOURCES, keys_and_placeables};

/// A language the program and the theme speak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Language {
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::ZhCn, Language::En];

    pub fn code(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }

    /// Title of the automatic last chapter of a compilation.
    pub fn other_chapter(self) -> &'static str {
        match self {
            Language::ZhCn => "其他",
            Language::En => "Other",
        }
    }

    /// A language tag as people write it (`zh-CN`, `zh_CN.UTF-8`, `zh-Hans`,
    /// `en-GB`, `EN`): the language it names, if it is one of ours.
    pub fn parse(tag: &str) -> Option<Language> {
        let tag = tag.trim();
        let primary = tag
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Language::ZhCn),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    fn index(self) -> u8 {
        match self {
            Language::ZhCn => 1,
            Language::En => 2,
        }
    }

    fn from_index(i: u8) -> Option<Language> {
        match i {
            1 => Some(Language::ZhCn),
            2 => Some(Language::En),
            _ => None,
        }
    }
}

// The language of this process's messages. A process talks to one person,
// so this is process-wide, like the C locale: set once from the command
// line and again when a site's configuration is read (`serve` reads it on
// every rebuild).
static OVERRIDE: AtomicU8 = AtomicU8::new(0);
static SITE: AtomicU8 = AtomicU8::new(0);
static SYSTEM: AtomicU8 = AtomicU8::new(0);

/// Records the language asked for with `--lang` or `CASEBOOK_LANG` (which
/// wins over the site's) and the system's language.
pub fn init(asked: Option<Language>) {
    OVERRIDE.store(asked.map_or(0, Language::index), Ordering::Relaxed);
    SYSTEM.store(system().index(), Ordering::Relaxed);
}

/// Records the site's `language`, used unless the command line asked for
/// another.
pub fn set_site(lang: Language) {
    SITE.store(lang.index(), Ordering::Relaxed);
}

/// The language messages are shown in now.
pub fn current() -> Language {
    [&OVERRIDE, &SITE, &SYSTEM]
        .iter()
        .find_map(|a| Language::from_index(a.load(Ordering::Relaxed)))
        .unwrap_or_else(system)
}

/// `CASEBOOK_LANG`, if it names one of our languages.
pub fn from_env() -> Option<Language> {
    std::env::var("CASEBOOK_LANG")
        .ok()
        .and_then(|v| Language::parse(&v))
}

/// The language of the system's interface (LC_ALL / LC_MESSAGES / LANG on
/// Linux and macOS, the user's UI language on Windows). Chinese when it
/// names none (unset, `C`, `C.UTF-8`, `POSIX`): the program is made for Chinese
/// offices, and English must be asked for.
pub fn system() -> Language {
    from_locale(sys_locale::get_locale().as_deref())
}

/// The language of a system locale name (`zh_CN.UTF-8`, `en-US`, `C`).
fn from_locale(locale: Option<&str>) -> Language {
    let primary = |l: &str| {
        l.split(['-', '_', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    match locale.map(str::trim) {
        None | Some("") => Language::ZhCn,
        Some(l) if matches!(primary(l).as_str(), "c" | "posix") => Language::ZhCn,
        Some(l) => Language::parse(l).unwrap_or(Language::En),
    }
}

/// An argument of a message: text, or a number (which picks the plural
/// form).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Arg {
    Text(String),
    Num(i64),
    /// A message inside another, put into words in the same language.
    Msg(Box<Msg>),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Arg {
        Arg::Text(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Arg {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Arg {
        Arg::Text(s.clone())
    }
}
impl From<char> for Arg {
    fn from(c: char) -> Arg {
        Arg::Text(c.to_string())
    }
}
impl From<&std::path::Path> for Arg {
    fn from(p: &std::path::Path) -> Arg {
        Arg::Text(p.display().to_string())
    }
}
impl From<&std::path::PathBuf> for Arg {
    fn from(p: &std::path::PathBuf) -> Arg {
        Arg::Text(p.display().to_string())
    }
}
impl From<Msg> for Arg {
    /// A message inside another, put into words in the same language when
    /// the outer one is (see [`Msg::render`]).
    fn from(m: Msg) -> Arg {
        Arg::Msg(Box::new(m))
    }
}
macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            #[allow(clippy::cast_possible_wrap, clippy::cast_lossless)]
            fn from(n: $t) -> Arg {
                Arg::Num(n as i64)
            }
        }
    )*};
}
num_arg!(u8, u16, u32, u64, usize, i32, i64);

/// A message: its key in the catalogue and its named arguments.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Msg {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(key: &'static str) -> Msg {
        Msg {
            key,
            args: Vec::new(),
        }
    }

    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    pub fn key(&self) -> &'static str {
        self.key
    }

    /// The value of one argument, as text (for tests and callers that
    /// look at what a message is about).
    pub fn get(&self, name: &str) -> Option<String> {
        self.args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| match v {
                Arg::Text(s) => s.clone(),
                Arg::Num(n) => n.to_string(),
                Arg::Msg(m) => m.to_string(),
            })
    }

    /// The message in words, in `lang`. A key the catalogue lacks in that
    /// language falls back to the other language, then to the key itself:
    /// a message is never lost (the catalogue test keeps them complete).
    pub fn render(&self, lang: Language) -> String {
        catalogue::format(lang, self.key, &self.args)
            .or_else(|| {
                Language::ALL
                    .iter()
                    .filter(|l| **l != lang)
                    .find_map(|l| catalogue::format(*l, self.key, &self.args))
            })
            .unwrap_or_else(|| self.key.to_string())
    }
}

/// In the language of [`current`].
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(current()))
    }
}

/// Shown (in JSON for the preview's overlay, in `check --format json`) in
/// the current language.
impl serde::Serialize for Msg {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// The message of a key made at run time (`cli-build-arg-output`), without
/// arguments, in the current language; `None` if neither language has it.
pub fn lookup(key: &str) -> Option<String> {
    let lang = current();
    catalogue::format(lang, key, &[]).or_else(|| {
        Language::ALL
            .iter()
            .find_map(|l| catalogue::format(*l, key, &[]))
    })
}

/// A message without arguments, in the current language.
pub fn t(key: &'static str) -> String {
    Msg::new(key).to_string()
}

/// `msg!("key", name = value, ...)`: a [`Msg`] with named arguments.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($key)$(.arg(stringify!($name), $value))*
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(Language::parse("zh_CN.UTF-8"), Some(Language::ZhCn));
        assert_eq!(Language::parse("zh-Hans"), Some(Language::ZhCn));
        assert_eq!(Language::parse("en_GB"), Some(Language::En));
        assert_eq!(Language::parse("EN"), Some(Language::En));
        assert_eq!(Language::parse("fr-FR"), None);
    }

    #[test]
    fn system_locales() {
        assert_eq!(from_locale(Some("zh_CN.UTF-8")), Language::ZhCn);
        assert_eq!(from_locale(Some("zh-Hans-CN")), Language::ZhCn);
        assert_eq!(from_locale(Some("en_US.UTF-8")), Language::En);
        // Another language: the one of ours its speakers more often read.
        assert_eq!(from_locale(Some("fr-FR")), Language::En);
        // No language named: Chinese, what the program is made for.
        for none in [None, Some(""), Some("C"), Some("C.UTF-8"), Some("POSIX")] {
            assert_eq!(from_locale(none), Language::ZhCn, "{none:?}");
        }
    }

    #[test]
    fn plurals_come_from_the_catalogue() {
        let one = msg!("summary-errors", errors = 1_usize);
        let two = msg!("summary-errors", errors = 2_usize);
        assert_eq!(one.render(Language::En), "1 error found");
        assert_eq!(two.render(Language::En), "2 errors found");
        assert_eq!(two.render(Language::ZhCn), "发现 2 个错误");
    }

    #[test]
    fn a_missing_key_is_shown_not_lost() {
        assert_eq!(Msg::new("no-such-key").render(Language::En), "no-such-key");
    }
}
