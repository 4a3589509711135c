fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    match xxgk::read_document(&bytes, &path) {
        Ok(d) => print!("{:?}\n{}", d.kind, d.text),
        Err(e) => println!("ERR {e}"),
    }
}
