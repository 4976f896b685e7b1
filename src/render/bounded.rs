//! Rendering a template into memory with a bound on its size.
//!
//! Tera streams a template's output into the writer it is given, so a
//! writer that refuses to grow past [`MAX_FILE_BYTES`] stops a runaway
//! theme loop where it crosses the bound, before memory runs out. Output
//! Tera captures internally (`{% set x %}…{% endset %}`, `{% filter %}`
//! sections, `super()`) does not pass through the writer and is not
//! bounded here.

use tera::{Context, Tera};

/// The most bytes one template may write for one file. The largest file
/// a real site renders (a language's full-text page) is a few MiB; a theme
/// loop gone wrong (`range(end=100000)` inside another) would write
/// gigabytes and abort the process when memory runs out.
pub const MAX_FILE_BYTES: usize = 64 << 20;

/// Renders a template into a buffer of `capacity` bytes (one allocation
/// instead of a doubling series, no UTF-8 check of Tera's own output).
/// Tera streams into the buffer as it renders, so past [`MAX_FILE_BYTES`]
/// the write fails and rendering stops there.
pub(super) fn render_template<T: serde::Serialize>(
    tera: &Tera,
    name: &str,
    ctx: &T,
    capacity: usize,
) -> Result<Vec<u8>, tera::Error> {
    render_context(tera, name, &Context::from_serialize(ctx)?, capacity)
}

/// [`render_template`] with a ready context.
pub(super) fn render_context(
    tera: &Tera,
    name: &str,
    context: &Context,
    capacity: usize,
) -> Result<Vec<u8>, tera::Error> {
    let mut out = Bounded {
        bytes: Vec::with_capacity(capacity.min(MAX_FILE_BYTES)),
        exceeded: false,
    };
    match tera.render_to(name, context, &mut out) {
        Ok(()) => Ok(out.bytes),
        // Whatever Tera made of the failed write, the cause is the bound.
        Err(_) if out.exceeded => Err(tera::Error::from(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            OutputLimit,
        ))),
        Err(e) => Err(e),
    }
}

/// A buffer that refuses to grow past [`MAX_FILE_BYTES`].
struct Bounded {
    bytes: Vec<u8>,
    exceeded: bool,
}

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_FILE_BYTES {
            self.exceeded = true;
            return Err(std::io::Error::new(
                std::io::ErrorKind::FileTooLarge,
                OutputLimit,
            ));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The cause of a render stopped by [`MAX_FILE_BYTES`].
#[derive(Debug)]
struct OutputLimit;

impl std::fmt::Display for OutputLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the output exceeds {} MiB", MAX_FILE_BYTES >> 20)
    }
}

impl std::error::Error for OutputLimit {}

/// Whether a template error is [`OutputLimit`].
pub(super) fn is_output_limit(err: &tera::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cause {
        if e.downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .is_some_and(|inner| inner.is::<OutputLimit>())
        {
            return true;
        }
        cause = e.source();
    }
    false
}
