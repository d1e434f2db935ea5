import AllocSimFuzzing
import Foundation

// The fuzzer's harness. `make fuzz` builds this target with
// `-sanitize=fuzzer -D ALLOCSIM_LIBFUZZER`: coverage instrumentation and
// libFuzzer's runtime, whose `main` takes the usual libFuzzer arguments
// (corpus folders, -max_total_time=...) and calls `LLVMFuzzerTestOneInput`
// with each input. Built plainly, as `swift build` does, the program
// exercises each file named on its command line once: a way to replay a
// finding.

/// One input: see `ScenarioExercise`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    _ = ScenarioExercise.run(bytes)
    return 0
}

#if ALLOCSIM_LIBFUZZER
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The process's entry point in the fuzzing build (SwiftPM links `main`
/// to `<module>_main`): hands over to libFuzzer's driver.
@_cdecl("allocsim_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var values = argv
    return LLVMFuzzerRunDriver(&count, &values) { data, size in fuzzOneInput(data, size) }
}
#else
@main
struct ReplayInputs {
    static func main() {
        for path in CommandLine.arguments.dropFirst() {
            guard let bytes = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("\(path): cannot be read\n".utf8))
                exit(2)
            }
            print("\(path): \(ScenarioExercise.run(bytes))")
        }
    }
}
#endif
