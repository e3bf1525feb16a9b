fn main() {
    for arg in std::env::args().skip(1) {
        let bytes = std::fs::read(&arg).unwrap();
        let strict =
            graph_comms::registry::decode_as(&graph_comms::DecodeOptions::strict(), None, &bytes);
        let lenient =
            graph_comms::registry::decode_as(&graph_comms::DecodeOptions::lenient(), None, &bytes);
        match (&strict, &lenient) {
            (_, Ok(d)) => {
                println!(
                    "{arg}: strict={} lenient ok ({} diags)",
                    strict
                        .as_ref()
                        .map(|_| "ok".to_string())
                        .unwrap_or_else(|e| e.to_string()),
                    d.diagnostics.len()
                );
                for diag in &d.diagnostics {
                    println!("   {diag}");
                }
            }
            (_, Err(e)) => println!("{arg}: LENIENT ERROR {e}"),
        }
    }
}
