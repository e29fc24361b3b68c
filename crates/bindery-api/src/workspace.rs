//! Where a workspace lives when none is named.

use std::path::PathBuf;

use crate::{ApiError, ErrorCode};

/// The default workspace: `$BINDERY_WORKSPACE` when set, otherwise the OS app-data directory
/// (`~/.local/share/bindery` on Linux, `~/Library/Application Support/dev.bindery.Bindery` on
/// macOS, `%APPDATA%\bindery\Bindery\data` on Windows).
pub fn default_workspace_dir() -> Result<PathBuf, ApiError> {
    if let Some(dir) = std::env::var_os("BINDERY_WORKSPACE").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("dev", "bindery", "Bindery")
        .map(|dirs| dirs.data_dir().to_path_buf())
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::WorkspaceUnavailable,
                "no home directory to put the workspace in; pass --workspace DIR",
            )
        })
}
