use crate::Outcome;
use std::io::Write;

pub fn score(_args: &[String], _stderr: &mut dyn Write) -> Outcome {
    Err("`score` is not available yet".into())
}

pub fn rank(_args: &[String], _stderr: &mut dyn Write) -> Outcome {
    Err("`rank` is not available yet".into())
}
