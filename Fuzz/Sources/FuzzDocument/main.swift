// libFuzzer harness "document" (see docs/fuzzing.md and FuzzChecks/FuzzDriver.swift).
import FuzzChecks

runFuzzer("document", FuzzChecks.document)
