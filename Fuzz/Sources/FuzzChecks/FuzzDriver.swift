// The libFuzzer entry shared by the three harnesses (see docs/fuzzing.md): a harness's main
// calls `runFuzzer` with its check; libFuzzer's driver then calls `LLVMFuzzerTestOneInput` with
// each input, and a broken invariant is reported as a crash. The harnesses are linked with
// -sanitize=fuzzer, whose runtime provides LLVMFuzzerRunDriver (SwiftPM's executables keep
// their own main, so libFuzzer's is not used).
import Glibc

/// The running harness's name and check (set once, before the driver starts).
nonisolated(unsafe) private var harness: (name: String, check: ([UInt8]) -> [String])?

// Exported under libFuzzer's name, which its runtime (linked whole) refers to.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let harness else { fatalError("runFuzzer was not called") }
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let problems = harness.check(bytes)
    if !problems.isEmpty { fatalError("\(harness.name) invariant broken: " + problems.joined(separator: "; ")) }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// Runs libFuzzer's driver with the command line's arguments, checking each input with `check`.
public func runFuzzer(_ name: String, _ check: @escaping ([UInt8]) -> [String]) -> Never {
    harness = (name, check)
    var argc = CommandLine.argc
    var argv = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
}
