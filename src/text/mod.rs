//! Text-level analysis shared by the PL1xx rules: Windows-1252 bytes, HTML
//! character references, scripts, and mojibake detection and repair.

pub mod codepage;
pub mod codepages;
pub mod cp1252;
pub mod entities;
pub mod legacy;
pub mod mojibake;
pub mod regions;
pub mod script;
