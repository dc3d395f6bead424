//! SIGINT, SIGTERM and SIGHUP end a run cleanly: the handler only raises a flag, the batch
//! looks at it between files and before every step that changes the output folder, and
//! stops with [`Interrupted`]; what it had written is removed by the writers' `Drop`.
//! A second signal ends the process at once (the next run removes what it left).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;

static STOP: AtomicBool = AtomicBool::new(false);
static INSTALL: Once = Once::new();

/// The exit status of a run ended by a signal (128 + SIGINT, as shells report it).
pub const EXIT_INTERRUPTED: i32 = 130;

/// A run stopped by a signal.
#[derive(Debug, thiserror::Error)]
#[error("interrupted: the previous outputs are kept")]
pub struct Interrupted;

/// Installs the handler (once per process); later calls do nothing. A handler that cannot
/// be installed (another one is) leaves the default behaviour.
pub fn install() {
    INSTALL.call_once(|| {
        let _ = ctrlc::set_handler(|| {
            if STOP.swap(true, Ordering::SeqCst) {
                std::process::exit(EXIT_INTERRUPTED);
            }
        });
    });
}

/// Whether a signal asked the run to stop.
pub fn requested() -> bool {
    STOP.load(Ordering::Relaxed)
}

/// `Err(Interrupted)` once a signal asked the run to stop.
pub fn check() -> Result<(), Interrupted> {
    if requested() {
        Err(Interrupted)
    } else {
        Ok(())
    }
}
