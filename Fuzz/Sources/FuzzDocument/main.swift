// libFuzzer harness "document" (see docs/fuzzing.md): libFuzzer's driver calls `testOneInput` with
// each input; a broken invariant is reported as a crash. Linked with -sanitize=fuzzer, whose
// runtime provides LLVMFuzzerRunDriver (SwiftPM's executables keep their own main).
import FuzzChecks
import Glibc

// Also exported under libFuzzer's name, which its runtime (linked whole) refers to.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let problems = FuzzChecks.document(bytes)
    if !problems.isEmpty { fatalError("document invariant broken: " + problems.joined(separator: "; ")) }
    return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
