use crate::Outcome;
use std::io::Write;

pub fn run(_args: &[String], _stderr: &mut dyn Write) -> Outcome {
    Err("`impact` is not available yet".into())
}
