/// A reporter whose output for a file depends on that file alone (not on the files before
/// it). A run renders that output on the worker that checked the file, and the thread that
/// writes in input order only joins the pieces: reports can be ten times the size of their
/// statements, and formatting them on one thread made the others wait. Bytes, not Strings:
/// making a String only to take its UTF-8 back out would check every byte again.
///
/// Internal to the library: a reporter of one's own implements `Reporter.render`, which the
/// run calls in input order.
protocol RendersFilesAlone: Reporter, Sendable {
    /// The file's output as UTF-8; runs on worker threads, each with its own copy of the reporter.
    func renderAlone(_ file: FileResult) -> [UInt8]
    /// Appends a file's output (from `renderAlone`), in input order. Must append what
    /// `join([])` appends, then `rendered` (a large report is written in pieces that way).
    mutating func join(_ rendered: [UInt8], into out: inout [UInt8])
}

extension RendersFilesAlone {
    mutating func join(_ rendered: [UInt8], into out: inout [UInt8]) { out.append(contentsOf: rendered) }
}
