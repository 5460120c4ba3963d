// libFuzzer harness "fixes" (see docs/fuzzing.md and FuzzChecks/FuzzDriver.swift).
import FuzzChecks

runFuzzer("fixes", FuzzChecks.fixes)
