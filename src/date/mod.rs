//! Date analysis (placeholder until the module lands).
