//! Print the text `xxgk::read_document` reads from a file (a `.txt`, `.docx`
//! or saved web page), to see what the checker is given:
//!
//! ```text
//! cargo run --example peek_document -- 报告.docx
//! ```

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: peek_document FILE");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    match xxgk::read_document(&bytes, &path) {
        Ok(d) => print!("{}\n{}", d.kind.as_str(), d.text),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
