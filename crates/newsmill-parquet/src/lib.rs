//! Writes newsmill article records ([`Doc`]) to a Parquet file that DuckDB, Polars and pyarrow
//! read as they are, with no schema hints from the reader.
//!
//! The schema ([`schema`]) is one row per article, nested types where the record is nested:
//!
//! | column | type |
//! |---|---|
//! | `id`, `text` | utf8 |
//! | `url`, `title`, `date`, `author`, `site`, `canonical_url`, `source`, `page_type` | utf8, nullable |
//! | `language` | struct{code utf8, confidence float32}, nullable |
//! | `removed` | list<struct{text utf8, reason utf8}> |
//! | `quality` | map<utf8, float64> |
//! | `quotes` | list<struct{contents list<struct{start, end}>, type, cue struct{start, end}?, speaker?, speaker_mention struct{start, end}?, role?}> |
//! | `people` | list<struct{name utf8, role utf8?, mentions int64}> |
//! | `cluster` | struct{id utf8, size int64, original utf8}, nullable |
//! | `extra` | utf8: a JSON object of the input's uninterpreted fields (`{}` when none) |
//!
//! `quality` is a Parquet MAP rather than a list of `{name, value}` structs: DuckDB reads a MAP
//! natively (`quality['word_count']`), Polars 2 reads it as `Map(String, Float64)` (older Polars,
//! without a map type, as `list[struct{key, value}]`, exactly what the list-of-structs
//! alternative would have given it) and pyarrow as `map<string, double>`. So the map costs no
//! reader anything and gives keyed access where the reader has it. Checked with DuckDB 2.0.1,
//! Polars 2.1.0 and pyarrow by `scripts/check_readers.py`.
//!
//! Offsets (`start`, `end`) are code points into `text`, as in [`Doc`]; integers are int64
//! because every reader handles it (unsigned 64-bit is awkward in Java and Spark). The document's
//! position in the run's input ([`newsmill_core::Position`]) is not written: the file's row order
//! already is input order.
//!
//! ```
//! use newsmill_core::Doc;
//! use newsmill_parquet::ParquetArticleWriter;
//!
//! let dir = std::env::temp_dir().join(format!("newsmill-parquet-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir)?;
//! let path = dir.join("articles.parquet");
//! let mut writer = ParquetArticleWriter::create(&path)?;
//! writer.write(&Doc::new("a1", "Body text."))?;
//! writer.finish()?;
//! assert!(path.exists());
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

use newsmill_core::{AtomicFile, IoContext};

use arrow_array::builder::{Float32Builder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, ListArray, MapArray, RecordBatch, StructArray};
use arrow_buffer::{NullBufferBuilder, OffsetBufferBuilder};
use arrow_schema::{DataType, Field, FieldRef, Fields, Schema, SchemaRef};
use newsmill_core::{Doc, Span};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use parquet::schema::types::ColumnPath;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why `articles.parquet` could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ParquetError {
    /// The file could not be created, written or renamed.
    #[error(transparent)]
    File(#[from] newsmill_core::Error),
    /// The Parquet encoder failed.
    #[error("writing Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// An Arrow array did not match the schema (a bug).
    #[error("building Arrow arrays: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// The writer was used in a way it does not support.
    #[error("{0}")]
    Usage(&'static str),
}

/// `Result` with [`ParquetError`].
pub type Result<T, E = ParquetError> = std::result::Result<T, E>;

/// Rows buffered before a row group is written. Large enough for good compression and cheap
/// metadata, small enough that a row group of long articles stays well under the byte bound.
pub const DEFAULT_ROWS_PER_GROUP: usize = 8192;

/// Approximate bytes of string and number data buffered before a row group is written, so that
/// memory stays bounded when articles are long (8192 rows of 100 kB texts would be 800 MB).
pub const DEFAULT_BYTES_PER_GROUP: usize = 64 << 20;

/// Name of list elements, as the Parquet LIST specification spells it, so that Spark and Hive
/// read the lists as well as DuckDB, Polars and pyarrow do.
const ELEMENT: &str = "element";

fn utf8(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Utf8, nullable)
}

fn int64(name: &str) -> Field {
    Field::new(name, DataType::Int64, false)
}

fn span_fields() -> Fields {
    Fields::from(vec![int64("start"), int64("end")])
}

fn language_fields() -> Fields {
    Fields::from(vec![
        utf8("code", false),
        Field::new("confidence", DataType::Float32, false),
    ])
}

fn removed_item() -> FieldRef {
    let fields = Fields::from(vec![utf8("text", false), utf8("reason", false)]);
    Arc::new(Field::new(ELEMENT, DataType::Struct(fields), false))
}

fn quality_entries() -> FieldRef {
    let fields = Fields::from(vec![
        utf8("key", false),
        Field::new("value", DataType::Float64, false),
    ]);
    Arc::new(Field::new("key_value", DataType::Struct(fields), false))
}

fn content_item() -> FieldRef {
    Arc::new(Field::new(ELEMENT, DataType::Struct(span_fields()), false))
}

fn quote_fields() -> Fields {
    Fields::from(vec![
        Field::new("contents", DataType::List(content_item()), false),
        utf8("type", false),
        Field::new("cue", DataType::Struct(span_fields()), true),
        utf8("speaker", true),
        Field::new("speaker_mention", DataType::Struct(span_fields()), true),
        utf8("role", true),
    ])
}

fn quote_item() -> FieldRef {
    Arc::new(Field::new(ELEMENT, DataType::Struct(quote_fields()), false))
}

fn person_fields() -> Fields {
    Fields::from(vec![
        utf8("name", false),
        utf8("role", true),
        int64("mentions"),
    ])
}

fn person_item() -> FieldRef {
    Arc::new(Field::new(
        ELEMENT,
        DataType::Struct(person_fields()),
        false,
    ))
}

fn cluster_fields() -> Fields {
    Fields::from(vec![
        utf8("id", false),
        int64("size"),
        utf8("original", false),
    ])
}

/// The Arrow schema of `articles.parquet`, exposed so that readers and tests in other crates
/// can check a file against the one definition instead of restating it.
pub fn schema() -> SchemaRef {
    let mut fields = vec![utf8("id", false)];
    for name in [
        "url",
        "title",
        "date",
        "author",
        "site",
        "canonical_url",
        "source",
        "page_type",
    ] {
        fields.push(utf8(name, true));
    }
    fields.extend([
        Field::new("language", DataType::Struct(language_fields()), true),
        utf8("text", false),
        Field::new("removed", DataType::List(removed_item()), false),
        Field::new("quality", DataType::Map(quality_entries(), false), false),
        Field::new("quotes", DataType::List(quote_item()), false),
        Field::new("people", DataType::List(person_item()), false),
        Field::new("cluster", DataType::Struct(cluster_fields()), true),
        utf8("extra", false),
    ]);
    Arc::new(Schema::new(fields))
}

/// Converts a count or offset to the schema's int64 (saturating; no real value comes close).
fn int(v: usize) -> i64 {
    i64::try_from(v).unwrap_or(i64::MAX)
}

/// A column of `{start, end}` structs, nullable or not.
struct SpanColumn {
    start: Int64Builder,
    end: Int64Builder,
    valid: NullBufferBuilder,
}

impl SpanColumn {
    fn new() -> Self {
        SpanColumn {
            start: Int64Builder::new(),
            end: Int64Builder::new(),
            valid: NullBufferBuilder::new(0),
        }
    }

    fn push(&mut self, span: Option<Span>) {
        // Children of a null struct slot still need a value; 0 keeps non-nullable children valid.
        let s = span.unwrap_or(Span { start: 0, end: 0 });
        self.start.append_value(int(s.start));
        self.end.append_value(int(s.end));
        self.valid.append(span.is_some());
    }

    fn finish(mut self) -> StructArray {
        let arrays: Vec<ArrayRef> =
            vec![Arc::new(self.start.finish()), Arc::new(self.end.finish())];
        StructArray::new(span_fields(), arrays, self.valid.finish())
    }
}

/// Column buffers for the rows of one row group, filled row by row and turned into one
/// [`RecordBatch`]. Offsets and validity are kept by hand (rather than through Arrow's dynamic
/// `StructBuilder`) so that every nested type is checked by the compiler, not by downcasts.
struct Columns {
    rows: usize,
    bytes: usize,
    id: StringBuilder,
    meta: [StringBuilder; 8],
    lang_code: StringBuilder,
    lang_confidence: Float32Builder,
    lang_valid: NullBufferBuilder,
    text: StringBuilder,
    removed_offsets: OffsetBufferBuilder<i32>,
    removed_text: StringBuilder,
    removed_reason: StringBuilder,
    quality_offsets: OffsetBufferBuilder<i32>,
    quality_key: StringBuilder,
    quality_value: Float64Builder,
    quote_offsets: OffsetBufferBuilder<i32>,
    content_offsets: OffsetBufferBuilder<i32>,
    contents: SpanColumn,
    quote_type: StringBuilder,
    cue: SpanColumn,
    speaker: StringBuilder,
    speaker_mention: SpanColumn,
    quote_role: StringBuilder,
    people_offsets: OffsetBufferBuilder<i32>,
    person_name: StringBuilder,
    person_role: StringBuilder,
    person_mentions: Int64Builder,
    cluster_id: StringBuilder,
    cluster_size: Int64Builder,
    cluster_original: StringBuilder,
    cluster_valid: NullBufferBuilder,
    extra: StringBuilder,
}

impl Columns {
    fn new() -> Self {
        Columns {
            rows: 0,
            bytes: 0,
            id: StringBuilder::new(),
            meta: std::array::from_fn(|_| StringBuilder::new()),
            lang_code: StringBuilder::new(),
            lang_confidence: Float32Builder::new(),
            lang_valid: NullBufferBuilder::new(0),
            text: StringBuilder::new(),
            removed_offsets: OffsetBufferBuilder::new(0),
            removed_text: StringBuilder::new(),
            removed_reason: StringBuilder::new(),
            quality_offsets: OffsetBufferBuilder::new(0),
            quality_key: StringBuilder::new(),
            quality_value: Float64Builder::new(),
            quote_offsets: OffsetBufferBuilder::new(0),
            content_offsets: OffsetBufferBuilder::new(0),
            contents: SpanColumn::new(),
            quote_type: StringBuilder::new(),
            cue: SpanColumn::new(),
            speaker: StringBuilder::new(),
            speaker_mention: SpanColumn::new(),
            quote_role: StringBuilder::new(),
            people_offsets: OffsetBufferBuilder::new(0),
            person_name: StringBuilder::new(),
            person_role: StringBuilder::new(),
            person_mentions: Int64Builder::new(),
            cluster_id: StringBuilder::new(),
            cluster_size: Int64Builder::new(),
            cluster_original: StringBuilder::new(),
            cluster_valid: NullBufferBuilder::new(0),
            extra: StringBuilder::new(),
        }
    }

    /// Appends one row and adds its approximate size to `bytes`.
    fn push(&mut self, doc: &Doc) -> Result<()> {
        let mut bytes = 0usize;
        let mut s = |b: &mut StringBuilder, v: &str| {
            bytes += v.len() + 4;
            b.append_value(v);
        };
        let mut opt = |b: &mut StringBuilder, v: Option<&str>| match v {
            Some(v) => s(b, v),
            None => b.append_null(),
        };

        opt(&mut self.id, Some(&doc.id));
        let meta = [
            &doc.url,
            &doc.title,
            &doc.date,
            &doc.author,
            &doc.site,
            &doc.canonical_url,
            &doc.source,
            &doc.page_type,
        ];
        for (b, v) in self.meta.iter_mut().zip(meta) {
            opt(b, v.as_deref());
        }

        match &doc.language {
            Some(l) => {
                opt(&mut self.lang_code, Some(&l.code));
                self.lang_confidence.append_value(l.confidence);
            }
            None => {
                // Null struct slot: the non-nullable children still need a (masked) value.
                self.lang_code.append_value("");
                self.lang_confidence.append_value(0.0);
            }
        }
        self.lang_valid.append(doc.language.is_some());

        opt(&mut self.text, Some(&doc.text));

        self.removed_offsets.push_length(doc.removed.len());
        for r in &doc.removed {
            opt(&mut self.removed_text, Some(&r.text));
            opt(&mut self.removed_reason, Some(&r.reason));
        }

        self.quality_offsets.push_length(doc.quality.len());
        for (k, v) in &doc.quality {
            opt(&mut self.quality_key, Some(k));
            self.quality_value.append_value(*v);
        }

        self.quote_offsets.push_length(doc.quotes.len());
        for q in &doc.quotes {
            self.content_offsets.push_length(q.contents.len());
            for c in &q.contents {
                self.contents.push(Some(*c));
            }
            let kind = match q.kind {
                newsmill_core::QuoteKind::Direct => "direct",
                newsmill_core::QuoteKind::Mixed => "mixed",
                newsmill_core::QuoteKind::Indirect => "indirect",
            };
            opt(&mut self.quote_type, Some(kind));
            self.cue.push(q.cue);
            opt(&mut self.speaker, q.speaker.as_deref());
            self.speaker_mention.push(q.speaker_mention);
            opt(&mut self.quote_role, q.role.as_deref());
        }

        self.people_offsets.push_length(doc.people.len());
        for p in &doc.people {
            opt(&mut self.person_name, Some(&p.name));
            opt(&mut self.person_role, p.role.as_deref());
            self.person_mentions.append_value(int(p.mentions));
        }

        match &doc.cluster {
            Some(c) => {
                opt(&mut self.cluster_id, Some(&c.id));
                self.cluster_size.append_value(int(c.size));
                opt(&mut self.cluster_original, Some(&c.original));
            }
            None => {
                self.cluster_id.append_value("");
                self.cluster_size.append_value(0);
                self.cluster_original.append_value("");
            }
        }
        self.cluster_valid.append(doc.cluster.is_some());

        // A map of JSON values always serializes.
        let extra = serde_json::to_string(&doc.extra).unwrap_or_default();
        opt(&mut self.extra, Some(&extra));

        // Numbers: quality values, spans and counts, 8-16 bytes each.
        bytes += 16 * (doc.quality.len() + 3 * doc.quotes.len() + doc.people.len() + 4);
        bytes += 16 * doc.quotes.iter().map(|q| q.contents.len()).sum::<usize>();
        self.bytes += bytes;
        self.rows += 1;
        Ok(())
    }

    /// Builds the record batch; the schema check in [`RecordBatch::try_new`] guards against the
    /// arrays drifting from [`schema`].
    fn finish(mut self) -> Result<RecordBatch> {
        let schema = schema();
        let mut columns: Vec<ArrayRef> = vec![Arc::new(self.id.finish())];
        for b in &mut self.meta {
            columns.push(Arc::new(b.finish()));
        }

        let language = StructArray::try_new(
            language_fields(),
            vec![
                Arc::new(self.lang_code.finish()),
                Arc::new(self.lang_confidence.finish()),
            ],
            self.lang_valid.finish(),
        )?;
        columns.push(Arc::new(language));
        columns.push(Arc::new(self.text.finish()));

        let removed_values = StructArray::try_new(
            struct_fields(&removed_item()),
            vec![
                Arc::new(self.removed_text.finish()),
                Arc::new(self.removed_reason.finish()),
            ],
            None,
        )?;
        columns.push(Arc::new(ListArray::try_new(
            removed_item(),
            self.removed_offsets.finish(),
            Arc::new(removed_values),
            None,
        )?));

        let entries = StructArray::try_new(
            struct_fields(&quality_entries()),
            vec![
                Arc::new(self.quality_key.finish()),
                Arc::new(self.quality_value.finish()),
            ],
            None,
        )?;
        columns.push(Arc::new(MapArray::try_new(
            quality_entries(),
            self.quality_offsets.finish(),
            entries,
            None,
            false,
        )?));

        let contents = ListArray::try_new(
            content_item(),
            self.content_offsets.finish(),
            Arc::new(self.contents.finish()),
            None,
        )?;
        let quotes = StructArray::try_new(
            quote_fields(),
            vec![
                Arc::new(contents),
                Arc::new(self.quote_type.finish()),
                Arc::new(self.cue.finish()),
                Arc::new(self.speaker.finish()),
                Arc::new(self.speaker_mention.finish()),
                Arc::new(self.quote_role.finish()),
            ],
            None,
        )?;
        columns.push(Arc::new(ListArray::try_new(
            quote_item(),
            self.quote_offsets.finish(),
            Arc::new(quotes),
            None,
        )?));

        let people = StructArray::try_new(
            person_fields(),
            vec![
                Arc::new(self.person_name.finish()),
                Arc::new(self.person_role.finish()),
                Arc::new(self.person_mentions.finish()),
            ],
            None,
        )?;
        columns.push(Arc::new(ListArray::try_new(
            person_item(),
            self.people_offsets.finish(),
            Arc::new(people),
            None,
        )?));

        let cluster = StructArray::try_new(
            cluster_fields(),
            vec![
                Arc::new(self.cluster_id.finish()),
                Arc::new(self.cluster_size.finish()),
                Arc::new(self.cluster_original.finish()),
            ],
            self.cluster_valid.finish(),
        )?;
        columns.push(Arc::new(cluster));
        columns.push(Arc::new(self.extra.finish()));

        Ok(RecordBatch::try_new(schema, columns)?)
    }
}

/// The child fields of a struct-typed list element or map entry.
fn struct_fields(field: &Field) -> Fields {
    match field.data_type() {
        DataType::Struct(fields) => fields.clone(),
        other => unreachable!("{} is {other}, not a struct", field.name()),
    }
}

/// Streams articles into `articles.parquet` one row group at a time.
///
/// Memory is bounded by the row-group limits, not by the number of articles: rows are buffered
/// until [`DEFAULT_ROWS_PER_GROUP`] rows or about [`DEFAULT_BYTES_PER_GROUP`] bytes, then encoded
/// and written. The file is written under `<path>.tmp` and renamed by [`finish`](Self::finish),
/// so a crashed or abandoned run never leaves a truncated file under the final name (and a
/// writer dropped without `finish` deletes its temporary file).
pub struct ParquetArticleWriter {
    writer: Option<ArrowWriter<AtomicFile>>,
    columns: Columns,
    path: PathBuf,
    max_rows: usize,
    max_bytes: usize,
}

impl ParquetArticleWriter {
    /// Starts writing `path` (via `<path>.tmp`) with the default row-group limits.
    pub fn create(path: &Path) -> Result<Self> {
        Self::with_row_group_limits(path, DEFAULT_ROWS_PER_GROUP, DEFAULT_BYTES_PER_GROUP)
    }

    /// Like [`create`](Self::create) with explicit row-group limits, for callers that must fit a
    /// tighter memory budget (and for tests that need several row groups from a few rows).
    pub fn with_row_group_limits(path: &Path, max_rows: usize, max_bytes: usize) -> Result<Self> {
        if max_rows == 0 || max_bytes == 0 {
            return Err(ParquetError::Usage("row group limits must be positive"));
        }
        let file = AtomicFile::create(path).at("creating", path)?;
        let props = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::try_new(3)?))
            // Row groups are cut by this writer (flush); never let the Arrow writer split one.
            .set_max_row_group_row_count(Some(max_rows.max(1)))
            // Article texts are all distinct: a dictionary would only be built to be discarded.
            .set_column_dictionary_enabled(ColumnPath::from("text"), false)
            .set_column_dictionary_enabled(ColumnPath::from("extra"), false)
            .build();
        let writer = ArrowWriter::try_new(file, schema(), Some(props))?;
        Ok(ParquetArticleWriter {
            writer: Some(writer),
            columns: Columns::new(),
            path: path.to_path_buf(),
            max_rows,
            max_bytes,
        })
    }

    /// Buffers one article, writing a row group when the buffer reaches either limit.
    pub fn write(&mut self, doc: &Doc) -> Result<()> {
        self.columns.push(doc)?;
        if self.columns.rows >= self.max_rows || self.columns.bytes >= self.max_bytes {
            self.flush_row_group()?;
        }
        Ok(())
    }

    fn flush_row_group(&mut self) -> Result<()> {
        if self.columns.rows == 0 {
            return Ok(());
        }
        let columns = std::mem::replace(&mut self.columns, Columns::new());
        let batch = columns.finish()?;
        let writer = self
            .writer
            .as_mut()
            .ok_or(ParquetError::Usage("writer already finished"))?;
        writer.write(&batch)?;
        writer.flush()?;
        Ok(())
    }

    /// Writes the last row group and the footer, syncs the file and renames it to its final
    /// name. Only after this returns does `path` exist.
    pub fn finish(mut self) -> Result<()> {
        self.flush_row_group()?;
        let writer = self
            .writer
            .take()
            .ok_or(ParquetError::Usage("writer already finished"))?;
        let file = writer.into_inner()?;
        file.commit().at("committing", &self.path)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
