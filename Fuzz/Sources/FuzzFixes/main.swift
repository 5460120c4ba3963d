// libFuzzer harness "fixes" (see docs/fuzzing.md): libFuzzer's driver calls `testOneInput` with
// each input; a broken invariant is reported as a crash. Linked with -sanitize=fuzzer, whose
// runtime provides LLVMFuzzerRunDriver (SwiftPM's executables keep their own main).
import FuzzChecks
import Glibc

// Also exported under libFuzzer's name, which its runtime (linked whole) refers to.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // Scripts/fuzz --fixes-default-rules-only (the CI smoke run while the swap-rule bugs in
    // Tests/Fixtures/fuzz-crashers-open/fixes are open): skip the one-rule mode.
    if skipOneRuleMode, let first = bytes.first, first & 1 == 1 { return 0 }
    let problems = FuzzChecks.fixes(bytes)
    if !problems.isEmpty { fatalError("fixes invariant broken: " + problems.joined(separator: "; ")) }
    return 0
}

let skipOneRuleMode = getenv("STATEMENTLINT_FUZZ_DEFAULT_RULES_ONLY") != nil

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
