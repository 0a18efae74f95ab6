//! The typesetter's view of the world: one generated source, the pictures
//! it names, the fonts, and no clock, network or package access (Typst's
//! own command-line `World` is the model; ours is smaller on purpose).

use std::collections::HashMap;
use std::path::PathBuf;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts::Fonts;

pub(crate) struct Volume<'f> {
    library: LazyHash<Library>,
    fonts: &'f Fonts,
    main: Source,
    /// Virtual path → the picture's file (read when Typst asks).
    files: HashMap<FileId, PathBuf>,
    /// Pictures are read as the image stage publishes them.
    root: PathBuf,
    images: crate::config::ImagesConfig,
}

fn file_id(path: &str) -> Option<FileId> {
    Some(RootedPath::new(VirtualRoot::Project, VirtualPath::new(path).ok()?).intern())
}

impl<'f> Volume<'f> {
    /// `images`: (virtual path, file) of every picture `source` names.
    pub(crate) fn new(
        fonts: &'f Fonts,
        source: String,
        images: &[(String, PathBuf)],
        site: &crate::model::Site,
    ) -> Self {
        let main_id = file_id("/volume.typ").expect("a valid virtual path");
        Volume {
            library: LazyHash::new(Library::default()),
            fonts,
            main: Source::new(main_id, source),
            files: images
                .iter()
                .filter_map(|(v, p)| Some((file_id(v)?, p.clone())))
                .collect(),
            root: site.root.clone(),
            images: site.config.images.clone(),
        }
    }

    pub(crate) fn source(&self) -> &Source {
        &self.main
    }
}

impl World for Volume<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        let path = self
            .files
            .get(&id)
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))?;
        // The path was accepted by the Markdown resolver (inside the site);
        // `confine::read` checks it again as it reads. A photo goes in as
        // its print-size derivative, without its metadata.
        crate::images::published(&self.root, &self.images, path)
            .map(Bytes::new)
            .map_err(|e| FileError::from_io(e, path))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // No clock: the same inputs make the same PDF.
        None
    }
}
